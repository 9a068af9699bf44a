// Renders every challenge's SVG (media/challenges/, drawn by scripts/draw-pictures.ts) to PNG once, at start-up,
// and keeps the bytes in memory: requests and uploads never render.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { CHALLENGES, PICTURE_WIDTH, picturePath, type PictureSource } from '../core/index.ts';

const MEDIA_DIR = new URL('../../media/challenges/', import.meta.url);

export interface RenderedPicture {
  png: Buffer;
  /** A strong ETag of the bytes. */
  etag: string;
}

let rendered: ReadonlyMap<string, RenderedPicture> | null = null;

function renderAll(): ReadonlyMap<string, RenderedPicture> {
  const pictures = new Map<string, RenderedPicture>();
  for (const challenge of CHALLENGES) {
    const svg = readFileSync(new URL(`${challenge.id}.svg`, MEDIA_DIR), 'utf8');
    // No text in the pictures, so no system fonts: start-up stays fast.
    const png = Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: PICTURE_WIDTH }, font: { loadSystemFonts: false } }).render().asPng());
    pictures.set(challenge.id, { png, etag: `"${createHash('sha256').update(png).digest('base64url').slice(0, 22)}"` });
  }
  return pictures;
}

export class PictureCache implements PictureSource {
  private constructor(
    private readonly pictures: ReadonlyMap<string, RenderedPicture>,
    private readonly publicBase: string | null,
  ) {}

  /** Renders the whole catalogue once per process; a missing or broken SVG stops start-up, not the first request. */
  static render(publicUrl: string | null = null): PictureCache {
    rendered ??= renderAll();
    return new PictureCache(rendered, publicUrl === null ? null : publicUrl.replace(/\/+$/, ''));
  }

  get(challengeId: string): RenderedPicture | undefined {
    return this.pictures.get(challengeId);
  }

  png(challengeId: string): Buffer | undefined {
    return this.pictures.get(challengeId)?.png;
  }

  publicUrl(challengeId: string): string | null {
    return this.publicBase === null || !this.pictures.has(challengeId) ? null : `${this.publicBase}${picturePath(challengeId)}`;
  }
}
