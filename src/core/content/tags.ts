// What a challenge asks of the body and the room, so a member can say what to avoid.
import { z } from 'zod';

export const CHALLENGE_TAGS = ['standing', 'walking', 'stairs', 'balance', 'band', 'floor-space'] as const;
export type ChallengeTag = (typeof CHALLENGE_TAGS)[number];

export const challengeTagSchema = z.enum(CHALLENGE_TAGS);

/** A seated challenge asks the member neither to stand nor to walk ("seated only" is `avoid standing,walking`). */
export function isSeated(tags: readonly ChallengeTag[]): boolean {
  return !tags.includes('standing') && !tags.includes('walking');
}
