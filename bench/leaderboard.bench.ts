// Issue 5: top-10 and own rank for a 10k-member team on Redis, read from the stored board (through the core and straight
// from the store) next to the full count it replaced (every roster member's record and activity, streaks recounted).
import { rankBoard } from '../src/core/progress/standings.ts';
import { putBoardEntries } from '../src/core/boards/upkeep.ts';
import { isoWeekKey, localDay, previousDay, isoWeekday } from '../src/core/schedule/calendar.ts';
import { memberStreak } from '../src/core/progress/streaks.ts';
import type { Store, Team } from '../src/core/index.ts';
import { benchMember, freshRedisStore, machine, percentile, serviceOn } from './support.ts';

const MEMBERS = 10_000;
const READS = 2_000;
/** Reads first run and not counted: JIT warm-up and the collector's clean-up after the writes. */
const WARM_UP_READS = 200;
const FULL_COUNTS = 5;
/** Done clicks in the big team: each writes the member's board entry and reads their team rank. */
const CLICKS = 200;
const WRITE_CONCURRENCY = 200;
const TENANT = 'TBENCH';
const TEAM_ID = `slack:${TENANT}:C0BOARD`;
const ZONE = 'Europe/Berlin';
// Wednesday 13:00 in Berlin.
const NOW = Date.parse('2026-11-25T12:00:00Z');
const WEEK = isoWeekKey(NOW, ZONE);

/** Deterministic, so every run writes the same board. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const random = seededRandom(5);
const pick = (n: number): number => Math.floor(random() * n);

/** The member's last `streakDays` workdays each with 1-3 breaks (today only for some): streaks 0..30, points of this week 0..15. */
function completionDays(streakDays: number): Array<{ day: string; count: number }> {
  const days: Array<{ day: string; count: number }> = [];
  let day = localDay(NOW, ZONE);
  if (random() < 0.5) day = previousDay(day);
  while (days.length < streakDays) {
    if (isoWeekday(day) <= 5) days.push({ day, count: 1 + pick(3) });
    day = previousDay(day);
  }
  return days;
}

async function inBatches(count: number, work: (i: number) => Promise<void>): Promise<void> {
  for (let start = 0; start < count; start += WRITE_CONCURRENCY) {
    const batch = [];
    for (let i = start; i < Math.min(count, start + WRITE_CONCURRENCY); i += 1) batch.push(work(i));
    await Promise.all(batch);
  }
}

async function buildTeam(store: Store): Promise<string[]> {
  const team: Team = { id: TEAM_ID, platform: 'slack', tenantId: TENANT, name: 'board', timezone: ZONE, workdays: [1, 2, 3, 4, 5], challengeTime: null, address: {}, createdAt: NOW - 90 * 86_400_000 };
  await store.putTeam(team);
  const ids = Array.from({ length: MEMBERS }, (_, i) => `slack:${TENANT}:U${i.toString(36).padStart(7, '0')}`);
  const plans = ids.map(() => completionDays(random() < 0.2 ? 0 : pick(30)));
  let prompt = 0;
  await inBatches(MEMBERS, async (i) => {
    const id = ids[i] ?? '';
    await store.putMember({ ...benchMember(id, NOW - 90 * 86_400_000), teamIds: [TEAM_ID] });
    await store.addTeamMember(TEAM_ID, id);
    for (const { day, count } of plans[i] ?? []) {
      for (let n = 0; n < count; n += 1) {
        prompt += 1;
        const at = Date.parse(`${day}T10:00:00Z`);
        await store.recordCompletion({
          promptId: `slack:${TENANT}:p${prompt}`,
          memberId: id,
          platform: 'slack',
          tenantId: TENANT,
          day,
          weekKey: isoWeekKey(at, ZONE),
          dailyCap: 8,
          teamPromptId: null,
          teams: [{ teamId: TEAM_ID, day, weekKey: isoWeekKey(at, ZONE), activeMembers: MEMBERS }],
          now: at,
        });
      }
    }
  });
  return ids;
}

/** The leaderboard as it was computed before issue 5: O(team size) reads, one member at a time. */
async function fullCount(store: Store, viewerId: string) {
  const [memberIds, weekBoard] = await Promise.all([store.teamMemberIds(TEAM_ID), store.teamWeekBoard(TEAM_ID, WEEK)]);
  const weekPoints = new Map(weekBoard.map((entry) => [entry.memberId, entry.points]));
  const entries = [];
  for (const memberId of memberIds) {
    const member = await store.getMember(memberId);
    if (!member) continue;
    const activity = await store.getActivity(memberId);
    const streak = memberStreak({ days: activity.days, workdays: member.schedule.workdays, timezone: member.schedule.timezone, inactiveSpans: member.inactiveSpans, now: NOW, since: member.createdAt });
    entries.push({ memberId, streak, weekPoints: weekPoints.get(memberId) ?? 0 });
  }
  return rankBoard(entries).map((row) => ({ ...row, isViewer: row.memberId === viewerId }));
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await work();
  return { ms: performance.now() - t0, value };
}

function summary(label: string, latencies: number[]): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  return `  ${label}: p50 ${percentile(sorted, 50).toFixed(2)} ms  p99 ${percentile(sorted, 99).toFixed(2)} ms`;
}

const bench = await freshRedisStore();
try {
  const built = await timed(() => buildTeam(bench.store));
  const ids = built.value;
  const service = serviceOn(bench.store, () => NOW);
  const entries = await timed(() =>
    inBatches(MEMBERS, async (i) => {
      const member = await bench.store.getMember(ids[i] ?? '');
      if (member) await putBoardEntries(service.ctx, member, [TEAM_ID]);
    }),
  );

  for (const viewer of Array.from({ length: WARM_UP_READS }, () => ids[pick(MEMBERS)] ?? '')) {
    await service.leaderboard(TEAM_ID, viewer);
    await bench.store.readBoard(TEAM_ID, { weekKey: WEEK, now: NOW, viewerId: viewer, limit: 10 });
  }
  const viewers = Array.from({ length: READS }, () => ids[pick(MEMBERS)] ?? '');
  const throughCore: number[] = [];
  const fromStore: number[] = [];
  for (const viewer of viewers) {
    throughCore.push((await timed(() => service.leaderboard(TEAM_ID, viewer))).ms);
    fromStore.push((await timed(() => bench.store.readBoard(TEAM_ID, { weekKey: WEEK, now: NOW, viewerId: viewer, limit: 10 }))).ms);
  }

  const full: number[] = [];
  let mismatches = 0;
  for (const viewer of viewers.slice(0, FULL_COUNTS)) {
    const counted = await timed(() => fullCount(bench.store, viewer));
    full.push(counted.ms);
    // Same figures and ranks in the top 10, and the same own rank.
    const board = await service.leaderboard(TEAM_ID, viewer);
    const figures = (rows: Array<{ streak: number; weekPoints: number; rank: number }>) => rows.slice(0, 10).map((r) => `${r.streak}/${r.weekPoints}/${r.rank}`).join(',');
    const ownRank = (rows: Array<{ isViewer: boolean; rank: number }>) => rows.find((r) => r.isViewer)?.rank;
    if (figures(counted.value) !== figures(board.rows) || ownRank(counted.value) !== ownRank(board.rows)) mismatches += 1;
  }
  if (mismatches > 0) throw new Error(`the stored board and the full count disagree for ${mismatches} viewers`);

  const top = await service.leaderboard(TEAM_ID, null);
  const clicks: number[] = [];
  for (const id of Array.from({ length: CLICKS }, () => ids[pick(MEMBERS)] ?? '')) {
    const { prompt } = await service.promptNow(id);
    const click = await timed(() => service.click(prompt.id, id, { kind: 'done' }));
    if (click.value.teamRank === null) throw new Error('a Done click in the team should report the team rank');
    clicks.push(click.ms);
  }

  console.log(`leaderboard of a ${MEMBERS}-member team on Redis (${machine()})`);
  console.log(`  written: ${MEMBERS} members with their completions in ${(built.ms / 1000).toFixed(1)} s, board entries in ${(entries.ms / 1000).toFixed(1)} s`);
  console.log(`  leader: streak ${top.rows[0]?.streak}, ${top.rows[0]?.weekPoints} points this week; ${READS} reads of top-10 + own rank, one at a time, after ${WARM_UP_READS} not counted`);
  console.log(summary('through the core (leaderboard(): board, names, team place)', throughCore));
  console.log(summary('store.readBoard alone', fromStore));
  console.log(summary(`full count as before (${FULL_COUNTS} reads)`, full));
  const median = (list: number[]) => percentile([...list].sort((a, b) => a - b), 50);
  console.log(`  full count / through the core, p50: ${(median(full) / median(throughCore)).toFixed(0)}x; both agree on every figure and own rank checked`);
  console.log(summary(`Done click in this team (${CLICKS}, one at a time; writes the board entry, reads the team rank)`, clicks));
} finally {
  await bench.cleanup();
}
