// A prompt card's picture: linked from PUBLIC_URL, or inline as a data: URI when the bot has no public address.
import { pictureAlt, type PictureSource } from '../../../core/index.ts';
import type { CardElement } from './card-kit.ts';

export function pictureElement(pictures: PictureSource | null | undefined, challengeId: string): CardElement | null {
  if (!pictures) return null;
  const url = pictures.publicUrl(challengeId);
  const png = url === null ? pictures.png(challengeId) : undefined;
  const src = url ?? (png ? `data:image/png;base64,${png.toString('base64')}` : null);
  if (src === null) return null;
  return { type: 'Image', url: src, altText: pictureAlt(challengeId), size: 'stretch', spacing: 'small' };
}
