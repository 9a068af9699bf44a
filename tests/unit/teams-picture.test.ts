import { describe, expect, it } from 'vitest';
import { promptCard } from '../../src/adapters/teams/cards/prompt-cards.ts';
import { pictureElement } from '../../src/adapters/teams/cards/picture.ts';
import { cardActivity } from '../../src/adapters/teams/outbox.ts';
import { CHALLENGES, pictureAlt, type PromptView } from '../../src/core/index.ts';
import { PictureCache } from '../../src/http/pictures.ts';
import { parseProblems } from '../helpers/adaptive-card-check.ts';

/** Teams refuses a message over about 28 KB; the whole activity is what counts. */
const TEAMS_MESSAGE_LIMIT = 28 * 1024;

function view(challengeId: string): PromptView {
  return { promptId: 'teams:t1:p0123456789abcdef', challenge: CHALLENGES.find((c) => c.id === challengeId)!, localTime: '10:00', snoozeMinutes: [10, 30, 60], expiresAt: 0 };
}

describe('Teams prompt card picture', () => {
  it('with PUBLIC_URL, an Image links the picture with its alt text', () => {
    const card = promptCard(view('hip-hinge'), pictureElement(PictureCache.load('https://breaks.example.com'), 'hip-hinge'));
    expect(card.body).toContainEqual(expect.objectContaining({ type: 'Image', url: 'https://breaks.example.com/media/challenges/hip-hinge.png', altText: pictureAlt('hip-hinge') }));
    expect(parseProblems(card)).toEqual([]);
  });

  it('without PUBLIC_URL, the picture goes inline as a data: URI and every card stays under the Teams size limit', () => {
    const pictures = PictureCache.load(null);
    let largest = 0;
    for (const challenge of CHALLENGES) {
      const card = promptCard(view(challenge.id), pictureElement(pictures, challenge.id));
      const image = card.body.find((e) => e.type === 'Image');
      expect(String(image?.['url']), challenge.id).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
      expect(image?.['altText'], challenge.id).toBe(pictureAlt(challenge.id));
      const bytes = Buffer.byteLength(JSON.stringify(cardActivity(card, `Desk break: ${challenge.title}`)), 'utf8');
      largest = Math.max(largest, bytes);
      expect(bytes, challenge.id).toBeLessThan(TEAMS_MESSAGE_LIMIT);
    }
    console.log(`largest Teams prompt activity with an inline picture: ${largest} bytes (limit ${TEAMS_MESSAGE_LIMIT})`);
  });
});
