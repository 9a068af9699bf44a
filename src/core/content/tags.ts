// What a challenge asks of the body and the room, so a member can say what to avoid.
import { z } from 'zod';

export const CHALLENGE_TAGS = ['standing', 'walking', 'stairs', 'balance', 'band', 'floor-space'] as const;
export type ChallengeTag = (typeof CHALLENGE_TAGS)[number];

export const challengeTagSchema = z.enum(CHALLENGE_TAGS);

/** A seated challenge asks the member neither to stand nor to walk ("seated only" is `avoid standing,walking`). */
export function isSeated(tags: readonly ChallengeTag[]): boolean {
  return !tags.includes('standing') && !tags.includes('walking');
}

const avoidListSchema = z
  .string()
  .trim()
  .transform((text) => text.toLowerCase().split(/[\s,]+/).filter(Boolean))
  .pipe(
    z.union([
      z.tuple([z.literal('none')]).transform((): ChallengeTag[] => []),
      z.array(challengeTagSchema, { error: (issue) => `"${String(issue.input)}" is not a tag.` }).min(1, 'Say which tags to avoid.'),
    ]),
  );

/** "stairs,balance" | "standing walking" | "none" -> the tags to avoid (sorted, no duplicates); a clear error otherwise. */
export function parseAvoid(text: string): { ok: true; tags: ChallengeTag[] } | { ok: false; error: string } {
  const parsed = avoidListSchema.safeParse(text);
  if (!parsed.success) {
    const unknown = text.toLowerCase().split(/[\s,]+/).filter((word) => word !== '' && !(CHALLENGE_TAGS as readonly string[]).includes(word));
    const lead = unknown.length > 0 ? `Unknown tag${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. ` : '';
    return { ok: false, error: `${lead}Say "avoid" with any of ${CHALLENGE_TAGS.join(', ')} (e.g. "avoid stairs,balance"; "avoid standing,walking" for seated only), or "avoid none".` };
  }
  return { ok: true, tags: CHALLENGE_TAGS.filter((tag) => parsed.data.includes(tag)) };
}

/** "stairs and balance" / "nothing". */
export function describeAvoid(tags: readonly ChallengeTag[]): string {
  if (tags.length === 0) return 'nothing';
  if (tags.length === 1) return tags[0]!;
  return `${tags.slice(0, -1).join(', ')} and ${tags[tags.length - 1]}`;
}

/** How a settings form names each tag. */
export const TAG_LABELS: Readonly<Record<ChallengeTag, string>> = {
  standing: 'Standing',
  walking: 'Walking',
  stairs: 'Stairs',
  balance: 'Balance (one leg)',
  band: 'Resistance band',
  'floor-space': 'Clear floor space',
};

/** Only known tags, in catalogue order, once each: what a settings form's checked boxes become. */
export function knownTags(values: readonly unknown[]): ChallengeTag[] {
  return CHALLENGE_TAGS.filter((tag) => values.includes(tag));
}
