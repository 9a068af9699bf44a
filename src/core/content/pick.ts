// The pick: which challenge a member gets next. Pure: the catalogue, the member's history and a random source in, a challenge out.
import { CATALOGUE } from './catalogue.ts';
import type { Challenge, ChallengeTag } from '../model.ts';
import { ValidationError } from '../errors.ts';

export { SOURCE_CREDIT } from './catalogue.ts';

/** How many of a member's most recent challenges the pick avoids. */
export const RECENT_AVOID = 5;

/** How many recent ids a member keeps by default; more than RECENT_AVOID so the fallback can tell old from older. */
export const RECENT_KEEP = 10;

export const CHALLENGES: readonly Challenge[] = CATALOGUE;

const BY_ID: ReadonlyMap<string, Challenge> = new Map(CHALLENGES.map((challenge) => [challenge.id, challenge]));

export function challengeById(id: string): Challenge | undefined {
  return BY_ID.get(id);
}

export interface PickInput {
  hasBand: boolean;
  /** Tags the member said to avoid: no challenge carrying one of them is picked. */
  avoidTags?: readonly ChallengeTag[];
  /** Challenge ids that must not be picked at all (the one a swap replaces). */
  excludeIds?: readonly string[];
  /** Challenge ids the member has had, newest first. */
  recentIds: readonly string[];
  /** Returns a number in [0, 1); defaults to Math.random. */
  random?: () => number;
  catalogue?: readonly Challenge[];
}

/** Said when a member's band and avoid settings leave no challenge: shown to them, so it says how to fix it. */
export class NothingToPickError extends ValidationError {
  constructor() {
    super('No challenge is left that avoids everything you asked to avoid. Say "avoid none" (or avoid fewer things) to get breaks again.');
    this.name = 'NothingToPickError';
  }
}

/** The challenges a member can be given at all: no band without a band, nothing with an avoided tag, nothing excluded. */
export function allowedChallenges(input: Omit<PickInput, 'recentIds' | 'random'>): Challenge[] {
  const catalogue = input.catalogue ?? CHALLENGES;
  const avoid = new Set(input.avoidTags ?? []);
  const exclude = new Set(input.excludeIds ?? []);
  return catalogue.filter(
    (challenge) =>
      (input.hasBand || challenge.equipment === 'none') && !challenge.tags.some((tag) => avoid.has(tag)) && !exclude.has(challenge.id),
  );
}

/**
 * A challenge the member can do (see allowedChallenges) that is not among their RECENT_AVOID newest
 * ones, chosen at random; if all of those are recent, the least recently used. Throws
 * NothingToPickError rather than break the band or avoid rule when nothing is allowed.
 */
export function pickChallenge(input: PickInput): Challenge {
  const allowed = allowedChallenges(input);
  if (allowed.length === 0) throw new NothingToPickError();

  const avoided = new Set(input.recentIds.slice(0, RECENT_AVOID));
  const eligible = allowed.filter((challenge) => !avoided.has(challenge.id));
  if (eligible.length === 0) return leastRecentlyUsed(allowed, input.recentIds);

  const random = input.random ?? Math.random;
  // Clamped so a random source that returns exactly 1 (or a stray negative) still lands on a challenge.
  const index = Math.min(eligible.length - 1, Math.max(0, Math.floor(random() * eligible.length)));
  return eligible[index]!;
}

/** The allowed challenge whose latest use lies furthest back; `allowed` is non-empty. */
function leastRecentlyUsed(allowed: readonly Challenge[], recentIds: readonly string[]): Challenge {
  const lastUsedAt = (challenge: Challenge): number => {
    const position = recentIds.indexOf(challenge.id);
    return position === -1 ? Number.POSITIVE_INFINITY : position;
  };
  return allowed.reduce((oldest, challenge) => (lastUsedAt(challenge) > lastUsedAt(oldest) ? challenge : oldest));
}

/** The member's new recent list: `id` first, no duplicates, at most `keep` ids. */
export function rememberChallenge(recentIds: readonly string[], id: string, keep = RECENT_KEEP): string[] {
  return [id, ...recentIds.filter((recent) => recent !== id)].slice(0, Math.max(1, keep));
}
