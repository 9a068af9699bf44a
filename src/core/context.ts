// What every use case needs: the ports and the few rule constants, passed around as one value.
import type { Platform } from './model.ts';
import type { Clock, CoreMetrics, Logger, Messenger, Store } from './ports/index.ts';
import type { TeamFactsCache } from './people/team-facts.ts';

/** `S` names the store roles a use case needs (ports/store.ts); the service hands every use case the whole Store. */
export interface CoreContext<S = Store> {
  store: S;
  clock: Clock;
  logger: Logger;
  metrics: CoreMetrics;
  messengers: Partial<Record<Platform, Messenger>>;
  /** Upper bound of each member's fixed spread offset (PROMPT_SPREAD_SECONDS). */
  spreadSeconds: number;
  /** Prompts a second each platform takes per tenant, all instances together (SLACK_/TEAMS_SENDS_PER_SECOND); absent = no limit. */
  sendsPerSecond: Partial<Record<Platform, number>>;
  /** The zone used where the platform gives none (DEFAULT_TIMEZONE). */
  defaultTimezone: string;
  /** Team facts a Done click reads, kept briefly (people/team-facts.ts); absent: read on every click. */
  teamFacts?: TeamFactsCache | undefined;
  /** Tests only (TEST_CRASH_AT): told when a scheduled send reaches a stage, so a test can stop the process there. */
  stageReached?: ((stage: SendStage) => void) | undefined;
}

/** Stages of a scheduled send a crash test can stop a process at. */
export type SendStage = 'members-read' | 'answered';

/** 1 point per completion, at most this many a local day (no farming). */
export const DAILY_POINT_CAP = 8;
/** At most this many swaps per prompt: enough to find one that suits, not a way to browse the catalogue. */
export const MAX_SWAPS = 3;

/** Of those, at most this many a local day from breaks asked for with "now": more count for the streak but earn nothing. */
export const ON_DEMAND_POINT_CAP = 2;
export const SNOOZE_MINUTES = [10, 30, 60] as const;
/** Prompts stay readable this long, for in-place updates and late clicks (which then say "expired"). */
export const PROMPT_TTL_MS = 8 * 24 * 3600_000;
/** A slot found later than this (process down, backlog) is skipped rather than sent at an odd time. */
export const STALE_SLOT_MS = 15 * 60_000;

export function messengerFor(ctx: Pick<CoreContext<unknown>, 'messengers'>, platform: Platform): Messenger | null {
  return ctx.messengers[platform] ?? null;
}
