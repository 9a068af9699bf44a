// The team leaderboard read from the stored board: it must show what counting every member's activity shows.
import { handleOne } from '../../../helpers/handle-one.ts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankBoard } from '../../../../src/core/progress/standings.ts';
import { leaderboard } from '../../../../src/core/boards/views.ts';
import { isoWeekKey } from '../../../../src/core/schedule/calendar.ts';
import { ValidationError } from '../../../../src/core/errors.ts';
import type { LeaderboardView } from '../../../../src/core/views.ts';
import { memberStreak } from '../../../../src/core/progress/streaks.ts';
import { streakInputOf } from '../../../../src/core/boards/upkeep.ts';
import { makeCore, sendSlotPrompt } from '../../../helpers/core-fixture.ts';

type Core = ReturnType<typeof makeCore>;

const TEAM = 'web:local:design';
const HOUR = 3600_000;

async function member(core: Core, name: string, timezone = 'UTC', teamId = TEAM) {
  const id = `web:local:${name}`;
  await core.service.enrol({ memberId: id, displayName: name, timezone });
  await core.service.start(id);
  await core.service.ensureTeam({ teamId, name: 'design', timezone: 'UTC' });
  await core.service.joinTeam(id, teamId);
  return id;
}

/** A scheduled break done (on-demand ones earn at most 2 points a day, and these tests rank by points). */
async function completeOne(core: Core, id: string) {
  const { prompt } = await sendSlotPrompt(core, id);
  return core.service.click(prompt.id, id, { kind: 'done' });
}

function table(view: LeaderboardView) {
  return view.rows.map((r) => [r.displayName, r.streak, r.weekPoints, r.rank]);
}

describe('team leaderboard', () => {
  it('shows the top ten, and the viewer further down with their real rank', async () => {
    const core = makeCore('2026-11-24T10:00:00Z'); // Tuesday
    const ids: string[] = [];
    for (let i = 0; i < 13; i += 1) ids.push(await member(core, `m${String(i).padStart(2, '0')}`));
    // m00..m11 complete i + 1 times each, so m11 leads with 8 points (the daily cap) and m12 has none.
    for (let i = 0; i < 12; i += 1) for (let n = 0; n <= Math.min(i, 7); n += 1) await completeOne(core, ids[i] ?? '');
    const viewer = ids[12] ?? '';
    const board = await core.service.leaderboard(TEAM, viewer);
    expect(board.rows).toHaveLength(11);
    expect(table(board).slice(0, 5)).toEqual([
      ['m07', 1, 8, 1],
      ['m08', 1, 8, 1],
      ['m09', 1, 8, 1],
      ['m10', 1, 8, 1],
      ['m11', 1, 8, 1],
    ]);
    expect(board.rows[9]?.displayName).toBe('m02');
    expect(board.rows[10]).toEqual({ rank: 13, memberId: viewer, displayName: 'm12', streak: 0, weekPoints: 0, isViewer: true });
    const inTop = await core.service.leaderboard(TEAM, ids[9] ?? '');
    expect(inTop.rows).toHaveLength(10);
    expect(inTop.rows.filter((r) => r.isViewer).map((r) => r.displayName)).toEqual(['m09']);
  });

  it('a missed workday takes the streak off the board once that day is over, as the member\'s stats say', async () => {
    const core = makeCore('2026-11-23T10:00:00Z'); // Monday
    const ada = await member(core, 'ada');
    await completeOne(core, ada);
    core.clock.set('2026-11-24T23:59:00Z'); // Tuesday, nothing done yet: today so far never breaks a streak
    expect(table(await core.service.leaderboard(TEAM, ada))).toEqual([['ada', 1, 1, 1]]);
    core.clock.set('2026-11-25T00:00:00Z');
    expect(table(await core.service.leaderboard(TEAM, ada))).toEqual([['ada', 0, 1, 1]]);
    expect((await core.service.stats(ada)).streak).toBe(0);
  });

  it('paused days keep the streak on the board, and the team\'s new week starts the points over', async () => {
    const core = makeCore('2026-11-27T10:00:00Z'); // Friday, week 48
    const ada = await member(core, 'ada');
    const bob = await member(core, 'bob');
    await completeOne(core, ada);
    await completeOne(core, bob);
    await core.service.pause(ada, Date.parse('2026-12-01T08:00:00Z')); // through Monday
    core.clock.set('2026-12-01T10:00:00Z'); // Tuesday, week 49
    const board = await core.service.leaderboard(TEAM, ada);
    expect(board.weekKey).toBe('2026-W49');
    expect(table(board)).toEqual([
      ['ada', 1, 0, 1],
      ['bob', 0, 0, 2],
    ]);
    expect(board.rows.map((r) => r.streak)).toEqual([(await core.service.stats(ada)).streak, (await core.service.stats(bob)).streak]);
  });

  it('stop and leave take a member off the board; start and join put them back with their figures', async () => {
    const core = makeCore('2026-11-24T10:00:00Z');
    const ada = await member(core, 'ada');
    const bob = await member(core, 'bob');
    await completeOne(core, ada);
    await core.service.stop(ada);
    expect(table(await core.service.leaderboard(TEAM, bob))).toEqual([['bob', 0, 0, 1]]);
    await core.service.start(ada);
    expect(table(await core.service.leaderboard(TEAM, bob))).toEqual([
      ['ada', 1, 1, 1],
      ['bob', 0, 0, 2],
    ]);
    await core.service.leaveTeam(bob, TEAM);
    expect(table(await core.service.leaderboard(TEAM, ada))).toEqual([['ada', 1, 1, 1]]);
    await core.service.joinTeam(bob, TEAM);
    expect((await core.service.leaderboard(TEAM, ada)).rows).toHaveLength(2);
  });

  it('new workdays apply from the day they are made: the board keeps past days as they were (issue 11)', async () => {
    const core = makeCore('2026-11-27T10:00:00Z'); // Friday
    const ada = await member(core, 'ada');
    await completeOne(core, ada);
    core.clock.set('2026-11-30T10:00:00Z'); // Monday: Saturday was a day off
    expect(table(await core.service.leaderboard(TEAM, ada))).toEqual([['ada', 1, 0, 1]]);
    await core.service.updateSettings(ada, { workdays: [1, 2, 3, 4, 5, 6] });
    // Saturday was a day off when it passed, so it does not break the streak now.
    expect(table(await core.service.leaderboard(TEAM, ada))).toEqual([['ada', 1, 0, 1]]);
    // The next Saturday is a workday: with Monday to Friday done and Saturday missed, the streak breaks.
    for (const day of ['11-30', '12-01', '12-02', '12-03', '12-04']) {
      core.clock.set(`2026-${day}T10:00:00Z`);
      await completeOne(core, ada);
    }
    expect(table(await core.service.leaderboard(TEAM, ada))).toEqual([['ada', 6, 5, 1]]);
    core.clock.set('2026-12-07T10:00:00Z');
    expect(table(await core.service.leaderboard(TEAM, ada))).toEqual([['ada', 0, 0, 1]]);
  });

  it('equal streak and points share a rank, listed by member id', async () => {
    const core = makeCore('2026-11-24T10:00:00Z');
    const zed = await member(core, 'zed');
    const amy = await member(core, 'amy');
    await member(core, 'kim');
    await completeOne(core, zed);
    await completeOne(core, amy);
    expect(table(await core.service.leaderboard(TEAM, zed))).toEqual([
      ['amy', 1, 1, 1],
      ['zed', 1, 1, 1],
      ['kim', 0, 0, 3],
    ]);
  });

  it('a board that lost step with the roster (older data, an interrupted join) is mended when read', async () => {
    const core = makeCore('2026-11-24T10:00:00Z');
    const ada = await member(core, 'ada');
    const bob = await member(core, 'bob');
    await completeOne(core, ada);
    await core.store.removeBoardEntry(TEAM, ada);
    await core.store.putBoardEntry(TEAM, 'web:local:ghost', { streak: 9, aliveUntil: Date.parse('2026-12-31T00:00:00Z'), weekKey: '2026-W48' });
    expect(table(await core.service.leaderboard(TEAM, bob))).toEqual([
      ['ada', 1, 1, 1],
      ['bob', 0, 0, 2],
    ]);
    expect((await core.store.readBoard(TEAM, { weekKey: '2026-W48', now: core.clock.now(), viewerId: null, limit: 0 })).total).toBe(2);
  });

  it('an active member of the team who is missing from the roster (an interrupted join) is put back on it', async () => {
    const core = makeCore('2026-11-24T10:00:00Z');
    const ada = await member(core, 'ada');
    const bob = await member(core, 'bob');
    await core.store.removeTeamMember(TEAM, bob);
    expect(table(await core.service.leaderboard(TEAM, ada))).toEqual([
      ['ada', 0, 0, 1],
      ['bob', 0, 0, 1],
    ]);
    expect(await core.store.teamMemberIds(TEAM)).toEqual([ada, bob]);
  });

  it('the click result and stats give the member\'s place among everyone on the board', async () => {
    const core = makeCore('2026-11-24T10:00:00Z');
    const ada = await member(core, 'ada');
    for (const name of ['bob', 'cy', 'dee']) await completeOne(core, await member(core, name));
    const result = await completeOne(core, ada);
    expect(result.teamRank).toBe('1st of 4 in design');
    expect((await core.service.stats(ada)).teams).toEqual([{ teamId: TEAM, teamName: 'design', rank: 1, of: 4 }]);
  });

  it('the weekly digest ranks by current streak, then the points of the week that ended', async () => {
    const core = makeCore('2026-11-27T10:00:00Z'); // Friday, week 48
    const ada = await member(core, 'ada');
    const bob = await member(core, 'bob');
    await completeOne(core, ada);
    await completeOne(core, bob);
    await completeOne(core, bob);
    const digestAt = Date.parse('2026-11-30T09:00:00Z');
    core.clock.t = digestAt;
    await handleOne(core.service, `digest|${TEAM}`, digestAt);
    const top = core.messenger.digests[0]?.view.top ?? [];
    expect(top.map((r) => [r.displayName, r.streak, r.weekPoints, r.rank])).toEqual([
      ['bob', 1, 2, 1],
      ['ada', 1, 1, 2],
    ]);
  });
});

/** The leaderboard as counted from scratch: every roster member's streak from their activity, points from the week board. */
async function countedBoard(core: Core) {
  const now = core.clock.now();
  const points = new Map((await core.store.teamWeekBoard(TEAM, isoWeekKey(now, 'UTC'))).map((e) => [e.memberId, e.points]));
  const figures = [];
  for (const id of await core.store.teamMemberIds(TEAM)) {
    const m = await core.store.getMember(id);
    if (!m) continue;
    const { days } = await core.store.getActivity(id);
    // Every input the streak rules take, as the member record holds it (schedule history and settled excuses too).
    const streak = memberStreak(streakInputOf(m, { ...(await core.store.getActivity(id)), days }, now));
    figures.push({ memberId: id, streak, weekPoints: points.get(id) ?? 0 });
  }
  return rankBoard(figures);
}

const action = fc.oneof(
  fc.record({ kind: fc.constant('done' as const), who: fc.nat(4) }),
  fc.record({ kind: fc.constant('wait' as const), hours: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ kind: fc.constant('pause' as const), who: fc.nat(4), hours: fc.integer({ min: 1, max: 100 }) }),
  fc.record({ kind: fc.constantFrom('resume' as const, 'stop' as const, 'start' as const, 'leave' as const, 'join' as const), who: fc.nat(4) }),
  fc.record({ kind: fc.constant('days' as const), who: fc.nat(4), workdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }) }),
);

describe('the stored board against a full count', () => {
  it('after any sequence of breaks, waits, pauses, stops, team changes and new workdays, both show the same rows', async () => {
    const zones = ['UTC', 'Asia/Tokyo', 'America/Los_Angeles', 'Europe/Berlin', 'Pacific/Auckland'];
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 5, maxLength: 40 }), async (actions) => {
        const core = makeCore('2026-11-26T09:00:00Z');
        const ids: string[] = [];
        for (const [i, zone] of zones.entries()) ids.push(await member(core, `p${i}`, zone));
        for (const step of actions) {
          const id = 'who' in step ? (ids[step.who] ?? '') : '';
          try {
            if (step.kind === 'done') await completeOne(core, id);
            else if (step.kind === 'wait') core.clock.advance(step.hours * HOUR);
            else if (step.kind === 'pause') await core.service.pause(id, core.clock.now() + step.hours * HOUR);
            else if (step.kind === 'resume') await core.service.resume(id);
            else if (step.kind === 'stop') await core.service.stop(id);
            else if (step.kind === 'start') await core.service.start(id);
            else if (step.kind === 'leave') await core.service.leaveTeam(id, TEAM);
            else if (step.kind === 'join') await core.service.joinTeam(id, TEAM);
            else if (step.kind === 'days') await core.service.updateSettings(id, { workdays: step.workdays });
          } catch (err) {
            // Pausing someone who has not started is refused; that is not what this test is about.
            if (!(err instanceof ValidationError)) throw err;
          }
          const shown = (await leaderboard(core.service.ctx, TEAM, null, { limit: null })).rows;
          expect(shown.map(({ memberId, streak, weekPoints, rank }) => ({ memberId, streak, weekPoints, rank }))).toEqual(await countedBoard(core));
        }
      }),
      { seed: 5, numRuns: 40 },
    );
  });
});
