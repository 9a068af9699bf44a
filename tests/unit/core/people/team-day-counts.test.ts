// A team's day counts its roster: people outside it do not make it, and members away that day do not hold it back.
import { afterEach, describe, expect, it } from 'vitest';
import { handleOne } from '../../../helpers/handle-one.ts';
import { makeCore as makeCoreWith } from '../../../helpers/core-fixture.ts';
import { redisTestContext, type RedisTestContext } from '../../../helpers/redis.ts';
import { BreakService, jobId, type Store } from '../../../../src/core/index.ts';
import { RedisStore } from '../../../../src/adapters/redis/index.ts';

const TEAM = 'web:local:design';
const at = (iso: string) => Date.parse(iso);

async function rosterMember(core: ReturnType<typeof makeCoreWith>, name: string) {
  const id = `web:local:${name}`;
  await core.service.enrol({ memberId: id, displayName: name, timezone: 'UTC' });
  await core.service.start(id);
  await core.service.joinTeam(id, TEAM);
  return id;
}

async function teamChallenge(core: ReturnType<typeof makeCoreWith>): Promise<string> {
  await core.service.setTeamChallengeTime(TEAM, '10:00');
  await handleOne(core.service, jobId({ kind: 'team', teamId: TEAM }), core.clock.now());
  const sent = core.messenger.teamPrompts.at(-1);
  if (!sent) throw new Error('no team challenge');
  return sent.view.promptId;
}

let redis: RedisTestContext | null = null;
afterEach(async () => {
  await redis?.cleanup();
  redis = null;
});

/** The same rules on both stores: the memory store, and Redis (recordCompletion.lua). */
const STORES: Array<[string, () => Store | undefined]> = [
  ['memory store', () => undefined],
  [
    'Redis store',
    () => {
      redis = redisTestContext('team-day');
      return new RedisStore(redis.redis, { prefix: redis.prefix });
    },
  ],
];

describe.each(STORES)('team day counts (%s)', (_name, storeOf) => {
  const makeCore = (iso: string) => {
    const store = storeOf();
    return makeCoreWith(iso, store === undefined ? {} : { store });
  };

  it('a completer who is not on the roster does not make the team day', async () => {
    const core = makeCore('2026-12-02T10:00:00Z'); // Wednesday
    await core.service.ensureTeam({ teamId: TEAM, name: 'design', timezone: 'UTC' });
    await rosterMember(core, 'ada');
    await rosterMember(core, 'bob');
    // Cy never started breaks, so Done on the team challenge does not put Cy on the roster.
    await core.service.enrol({ memberId: 'web:local:cy', displayName: 'cy', timezone: 'UTC' });
    const promptId = await teamChallenge(core);
    const done = await core.service.click(promptId, 'web:local:cy', { kind: 'done' });
    expect(done.joinedCount).toBe(1);
    expect((await core.store.getTeamDays(TEAM))['2026-12-02']).toEqual({ completers: 0, activeMembers: 2 });
    const board = await core.service.workspaceBoard('web', 'local', TEAM);
    expect(board.rows.find((row) => row.teamName === 'design')?.streak).toBe(0);
  });

  it('members paused for the day are left out of the day\'s denominator', async () => {
    const core = makeCore('2026-12-02T08:00:00Z'); // Wednesday, before work
    await core.service.ensureTeam({ teamId: TEAM, name: 'design', timezone: 'UTC' });
    const ada = await rosterMember(core, 'ada');
    const away = [await rosterMember(core, 'bob'), await rosterMember(core, 'cy'), await rosterMember(core, 'dee')];
    for (const id of away) await core.service.pause(id, at('2026-12-03T08:00:00Z'));
    core.clock.set('2026-12-02T10:00:00Z');
    const promptId = await teamChallenge(core);
    await core.service.click(promptId, ada, { kind: 'done' });
    // One of one present member did the challenge: the day qualifies, though three of four are paused.
    expect((await core.store.getTeamDays(TEAM))['2026-12-02']).toEqual({ completers: 1, activeMembers: 1 });
    const board = await core.service.workspaceBoard('web', 'local', TEAM);
    expect(board.rows.find((row) => row.teamName === 'design')?.streak).toBe(1);
  });
  it('a pause made on this instance counts in the next completion at once, though the team facts are kept 30 s', async () => {
    const core = makeCore('2026-12-02T10:00:00Z'); // Wednesday
    await core.service.ensureTeam({ teamId: TEAM, name: 'design', timezone: 'UTC' });
    const [ada, bob, cy] = [await rosterMember(core, 'ada'), await rosterMember(core, 'bob'), await rosterMember(core, 'cy')];
    const promptId = await teamChallenge(core);
    await core.service.click(promptId, ada, { kind: 'done' });
    expect((await core.store.getTeamDays(TEAM))['2026-12-02']?.activeMembers).toBe(3);
    // Cy goes away for the day one second later; Bob's Done, at once, already leaves Cy out.
    core.clock.set('2026-12-02T10:00:01Z');
    await core.service.pause(cy, at('2026-12-03T08:00:00Z'));
    await core.service.click(promptId, bob, { kind: 'done' });
    expect((await core.store.getTeamDays(TEAM))['2026-12-02']).toEqual({ completers: 2, activeMembers: 2 });
  });

  it('a pause made on another instance counts from at most 30 s later', async () => {
    const core = makeCore('2026-12-02T10:00:00Z');
    // A second instance: its own service (and its own short-lived team facts) on the same store and clock.
    const other = new BreakService({ store: core.store, clock: core.clock });
    await core.service.ensureTeam({ teamId: TEAM, name: 'design', timezone: 'UTC' });
    const [ada, bob, cy, dee] = [await rosterMember(core, 'ada'), await rosterMember(core, 'bob'), await rosterMember(core, 'cy'), await rosterMember(core, 'dee')];
    const promptId = await teamChallenge(core);
    await core.service.click(promptId, ada, { kind: 'done' });
    await other.pause(dee, at('2026-12-03T08:00:00Z'));
    core.clock.set('2026-12-02T10:00:10Z');
    await core.service.click(promptId, bob, { kind: 'done' });
    // This instance read the team 10 s ago: Dee still counts.
    expect((await core.store.getTeamDays(TEAM))['2026-12-02']?.activeMembers).toBe(4);
    core.clock.set('2026-12-02T10:00:31Z');
    await core.service.click(promptId, cy, { kind: 'done' });
    expect((await core.store.getTeamDays(TEAM))['2026-12-02']).toEqual({ completers: 3, activeMembers: 3 });
  });
});
