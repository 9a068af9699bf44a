// The web chat's stand-in for platform presence: a "Busy" / "Out of office" switch, kept as a store record, that holds
// or skips prompts the way a Slack status or Teams presence does, so the behaviour can be tried locally.
import type { Clock, ReachabilityQuery, Store, Unreachable } from '../../core/index.ts';

export const AWAY_KIND = 'web-away';
export const AWAY_STATUSES = ['available', 'busy', 'out_of_office'] as const;
export type AwayStatus = (typeof AWAY_STATUSES)[number];

/** "Busy" stands for a meeting of this length from when it is switched on. */
export const BUSY_MS = 30 * 60_000;
/** Out of office lasts until switched back, but never longer than this (a forgotten switch). */
const OUT_OF_OFFICE_MS = 14 * 24 * 3600_000;

interface StoredAway {
  status: Exclude<AwayStatus, 'available'>;
  until: number | null;
}

export interface AwayView {
  status: AwayStatus;
  until: number | null;
}

export async function setAway(store: Store, clock: Clock, memberId: string, status: AwayStatus): Promise<AwayView> {
  if (status === 'available') {
    await store.deleteRecord(AWAY_KIND, memberId);
    return { status, until: null };
  }
  const until = status === 'busy' ? clock.now() + BUSY_MS : null;
  const stored: StoredAway = { status, until };
  await store.putRecord(AWAY_KIND, memberId, JSON.stringify(stored), status === 'busy' ? BUSY_MS : OUT_OF_OFFICE_MS);
  return stored;
}

export async function getAway(store: Store, clock: Clock, memberId: string): Promise<AwayView> {
  const raw = await store.getRecord(AWAY_KIND, memberId);
  if (raw === null) return { status: 'available', until: null };
  const stored = JSON.parse(raw) as StoredAway;
  // The record's lifetime is wall-clock; the domain clock decides whether "busy" has ended.
  if (stored.until !== null && stored.until <= clock.now()) return { status: 'available', until: null };
  return stored;
}

/** The switch as the core's reachability: busy is a meeting until it ends, out of office skips. */
export async function awayReachability(store: Store, clock: Clock, queries: ReachabilityQuery[]): Promise<Array<Unreachable | null>> {
  return Promise.all(
    queries.map(async ({ member }) => {
      const away = await getAway(store, clock, member.id);
      if (away.status === 'busy') return { reason: 'meeting', until: away.until };
      if (away.status === 'out_of_office') return { reason: 'out_of_office', until: null };
      return null;
    }),
  );
}
