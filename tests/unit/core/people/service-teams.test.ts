import { handleOne } from '../../../helpers/handle-one.ts';
import { describe, expect, it } from 'vitest';
import { makeCore } from '../../../helpers/core-fixture.ts';
import { jobId } from '../../../../src/core/index.ts';

const TEAM = 'web:local:design';
const OTHER = 'web:local:ops';

async function member(core: ReturnType<typeof makeCore>, name: string, teamId = TEAM) {
  const id = `web:local:${name}`;
  await core.service.enrol({ memberId: id, displayName: name, timezone: 'UTC' });
  await core.service.start(id);
  await core.service.ensureTeam({ teamId, name: teamId.split(':')[2] ?? teamId, timezone: 'UTC' });
  await core.service.joinTeam(id, teamId);
  return id;
}

async function completeOne(core: ReturnType<typeof makeCore>, id: string) {
  const { prompt } = await core.service.promptNow(id);
  return core.service.click(prompt.id, id, { kind: 'done' });
}

describe('teams and leaderboards', () => {
  it('ranks members by streak, then this week\'s points', async () => {
    const core = makeCore('2026-11-23T10:00:00Z'); // Monday
    const ada = await member(core, 'ada');
    const bob = await member(core, 'bob');
    const cy = await member(core, 'cy');
    await completeOne(core, ada);
    await completeOne(core, bob);
    core.clock.set('2026-11-24T10:00:00Z');
    await completeOne(core, ada); // ada: streak 2
    await completeOne(core, cy);
    await completeOne(core, cy); // cy: streak 1, 2 points
    const board = await core.service.leaderboard(TEAM, bob);
    expect(board.rows.map((r) => [r.displayName, r.streak, r.weekPoints, r.rank])).toEqual([
      ['ada', 2, 2, 1],
      ['cy', 1, 2, 2],
      ['bob', 1, 1, 3], // Monday's break still counts: today so far never breaks a streak
    ]);
    expect(board.rows.find((r) => r.isViewer)?.displayName).toBe('bob');
  });

  it('ranks teams by team streak, then participation, and shows the team\'s place', async () => {
    const core = makeCore('2026-11-24T10:00:00Z');
    const ada = await member(core, 'ada');
    await member(core, 'bob');
    const ops1 = await member(core, 'ola', OTHER);
    await completeOne(core, ada); // design: 1 of 2 completed -> qualifies (half), 2 prompts sent, 1 completion
    await completeOne(core, ops1); // ops: 1 of 1, 1 prompt, 1 completion
    const board = await core.service.leaderboard(TEAM, ada);
    expect(board.teamCount).toBe(2);
    const workspace = await core.service.workspaceBoard('web', 'local', TEAM);
    expect(workspace.rows.map((r) => [r.teamName, r.streak, r.participation])).toEqual([
      ['design', 1, 1],
      ['ops', 1, 1],
    ]);
  });

  it('a team prompt gives each member who clicks Done their own completion and counts who joined', async () => {
    const core = makeCore('2026-11-24T10:00:00Z');
    const ada = await member(core, 'ada');
    const bob = await member(core, 'bob');
    await core.service.setTeamChallengeTime(TEAM, '10:00');
    await handleOne(core.service, jobId({ kind: 'team', teamId: TEAM }), core.clock.now());
    expect(core.messenger.teamPrompts).toHaveLength(1);
    const promptId = core.messenger.teamPrompts[0]!.view.promptId;
    const first = await core.service.click(promptId, ada, { kind: 'done' });
    const again = await core.service.click(promptId, ada, { kind: 'done' });
    const second = await core.service.click(promptId, bob, { kind: 'done' });
    expect([first.joinedCount, again.outcome, second.joinedCount]).toEqual([1, 'already-done', 2]);
    expect((await core.service.stats(bob)).totalPoints).toBe(1);
  });

  it('"team-holidays US": no team challenge on Thanksgiving, the next one comes on Friday, and the team streak spans the day', async () => {
    const core = makeCore('2026-11-25T10:00:00Z'); // Wednesday
    const ada = await member(core, 'ada');
    await core.service.setTeamChallengeTime(TEAM, '10:00');
    const { team } = await core.service.updateTeamSettings(TEAM, { holidays: 'us' });
    expect(team.holidays).toBe('US');
    await expect(core.service.updateTeamSettings(TEAM, { holidays: 'Narnia' })).rejects.toThrow(/not a holiday calendar/);
    // Wednesday: the challenge, done.
    await handleOne(core.service, jobId({ kind: 'team', teamId: TEAM }), core.clock.now());
    await core.service.click(core.messenger.teamPrompts[0]!.view.promptId, ada, { kind: 'done' });
    // Thursday 26 November, 10:00: Thanksgiving.
    core.clock.set('2026-11-26T10:00:01Z');
    const next = await handleOne(core.service, jobId({ kind: 'team', teamId: TEAM }), Date.parse('2026-11-26T10:00:00Z'));
    expect(core.messenger.teamPrompts).toHaveLength(1);
    expect(new Date(next ?? 0).toISOString()).toBe('2026-11-27T10:00:00.000Z');
    // Friday: the challenge, done; Thursday is left out, so the team streak is 2, not 1.
    core.clock.set('2026-11-27T10:00:01Z');
    await handleOne(core.service, jobId({ kind: 'team', teamId: TEAM }), Date.parse('2026-11-27T10:00:00Z'));
    await core.service.click(core.messenger.teamPrompts[1]!.view.promptId, ada, { kind: 'done' });
    const board = await core.service.workspaceBoard('web', 'local', TEAM);
    expect(board.rows.find((row) => row.teamId === TEAM)?.streak).toBe(2);
    await core.service.updateTeamSettings(TEAM, { holidays: null });
    expect((await core.service.workspaceBoard('web', 'local', TEAM)).rows.find((row) => row.teamId === TEAM)?.streak).toBe(1);
  });

  it('a daily team challenge is posted at the team\'s time by the due index', async () => {
    const core = makeCore('2026-11-24T10:00:00Z');
    await member(core, 'ada');
    const { nextAt } = await core.service.setTeamChallengeTime(TEAM, '11:30');
    expect(new Date(nextAt ?? 0).toISOString()).toBe('2026-11-24T11:30:00.000Z');
    core.clock.set('2026-11-24T11:30:02Z');
    const next = await handleOne(core.service, `team|${TEAM}`, nextAt ?? 0);
    expect(core.messenger.teamPrompts).toHaveLength(1);
    expect(new Date(next ?? 0).toISOString()).toBe('2026-11-25T11:30:00.000Z');
    // Handling the same slot again (a second instance, a retry) sends nothing more.
    await handleOne(core.service, `team|${TEAM}`, nextAt ?? 0);
    expect(core.messenger.teamPrompts).toHaveLength(1);
  });

  it('sends the weekly digest on Monday at 09:00 team time', async () => {
    const core = makeCore('2026-11-25T10:00:00Z'); // Wednesday
    await member(core, 'ada');
    const digestAt = await core.store.getDue(`digest|${TEAM}`);
    expect(new Date(digestAt ?? 0).toISOString()).toBe('2026-11-30T09:00:00.000Z');
    core.clock.t = digestAt ?? 0;
    await handleOne(core.service, `digest|${TEAM}`, digestAt ?? 0);
    expect(core.messenger.digests).toHaveLength(1);
    expect(core.messenger.digests[0]?.view.weekKey).toBe('2026-W48');
  });
});
