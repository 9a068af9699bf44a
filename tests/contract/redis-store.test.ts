// The Redis store passes the Store contract, each test under its own key prefix on a real Redis.
import { expect, it } from 'vitest';
import { RedisStore } from '../../src/adapters/redis/index.ts';
import { jobId } from '../../src/core/index.ts';
import { connectTestRedis, deleteKeysWithPrefix, keysWithPrefix, randomPrefix } from '../helpers/redis.ts';
import { T0, TENANT, WEEK, makeCompletion, makeMember, makePrompt, makeTeam, makeTeamPrompt, teamInput } from './fixtures.ts';
import { runStoreContract } from './store.contract.ts';

runStoreContract('redis', async () => {
  const prefix = randomPrefix('contract');
  const store = new RedisStore(connectTestRedis(), { prefix });
  return {
    store,
    async cleanup() {
      const admin = connectTestRedis();
      await deleteKeysWithPrefix(admin, prefix);
      await admin.quit();
      await store.close();
    },
  };
});

it('forgetting a team deletes every key named after it, day and week keys included, and no key of the other team', async () => {
  const prefix = randomPrefix('forget-team');
  const admin = connectTestRedis();
  const store = new RedisStore(connectTestRedis(), { prefix });
  const tenantHead = `${prefix}{t:slack:${TENANT}}:`;
  /** Key kinds (tm, r, wb, ...) of the keys whose name carries the channel. */
  const kindsOf = async (channel: string) =>
    (await keysWithPrefix(admin, tenantHead)).filter((key) => key.split(':').includes(channel)).map((key) => key.slice(tenantHead.length).split(':')[0]).sort();
  try {
    const design = makeTeam('C01DESIGN');
    const ops = makeTeam('C02OPS');
    const alice = makeMember('UALICE', { active: true, teamIds: [design.id, ops.id] });
    await store.putMember(alice);
    for (const team of [design, ops]) {
      await store.putTeam(team);
      await store.addTeamMember(team.id, alice.id);
      await store.setDue(jobId({ kind: 'team', teamId: team.id }), T0);
      await store.setDue(jobId({ kind: 'digest', teamId: team.id }), T0);
    }
    const teamPrompt = makeTeamPrompt(design.id);
    await store.putPrompt(teamPrompt, 3600_000);
    await store.recordPromptSent(alice.id, alice.teamIds, 'slack', TENANT);
    await store.recordCompletion(makeCompletion(teamPrompt.id, alice.id, { teamPromptId: teamPrompt.id, teams: [teamInput(design.id), teamInput(ops.id)] }));
    await store.recordCompletion(makeCompletion(makePrompt(alice.id).id, alice.id, { day: '2026-12-01', weekKey: '2026-W49', teams: [teamInput(design.id, 2, '2026-12-01', '2026-W49')] }));
    for (const team of [design, ops]) await store.putBoardEntry(team.id, alice.id, { streak: 1, aliveUntil: T0 + 3600_000, weekKey: WEEK });
    const opsKinds = await kindsOf('C02OPS');
    // Every kind of team key is there to be forgotten: record, roster, days, day completers, week boards, weeks, board, totals.
    expect(await kindsOf('C01DESIGN')).toEqual(['la', 'lb', 'lw', 'r', 'td', 'tdc', 'tdc', 'tm', 'tt', 'wb', 'wb', 'wk']);

    await store.forgetTeam(design.id);

    expect(await kindsOf('C01DESIGN')).toEqual([]);
    expect(await admin.sismember(`${tenantHead}teams`, design.id)).toBe(0);
    expect(await kindsOf('C02OPS')).toEqual(opsKinds);
  } finally {
    await deleteKeysWithPrefix(admin, prefix);
    await admin.quit();
    await store.close();
  }
});

it('enrols more members into one due shard than setDueMany.lua puts in one command, every one due at its instant', async () => {
  const prefix = randomPrefix('enrol-slices');
  const admin = connectTestRedis();
  // One shard, so all 2,500 fall in it: three slices of at most 1,000 in the script.
  const store = new RedisStore(connectTestRedis(), { prefix, shardCount: 1 });
  try {
    const members = Array.from({ length: 2500 }, (_, i) => makeMember(`U${String(i).padStart(5, '0')}`, { active: true }));
    expect(await store.enrolMembers(members.map((member, i) => ({ member, dueAt: T0 + i })))).toEqual(members.map(() => true));
    const due = await admin.zrange(store.keys.dueShard(0).due, 0, '-1', 'WITHSCORES');
    expect(due.length).toBe(2 * members.length);
    expect(await store.getDue(members[2499]!.id)).toBe(T0 + 2499);
    expect(await store.getMembers([members[0]!.id, members[1999]!.id])).toEqual([members[0], members[1999]]);
  } finally {
    await deleteKeysWithPrefix(admin, prefix);
    await admin.quit();
    await store.close();
  }
});
