// A double tap, a platform retry and a second instance all racing on one Done: it counts once.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { RedisStore } from '../../src/adapters/redis/index.ts';
import { DAY, TEAM_ID, WEEK, makeCompletion, makeMember, makePrompt, teamInput } from '../contract/fixtures.ts';
import { connectTestRedis, deleteKeysWithPrefix, randomPrefix } from '../helpers/redis.ts';

let prefix: string;
let stores: RedisStore[];

beforeEach(() => {
  prefix = randomPrefix('race');
  // Five instances, each on its own connection, as behind a load balancer.
  stores = Array.from({ length: 5 }, () => new RedisStore(connectTestRedis(), { prefix }));
});

afterEach(async () => {
  const admin = connectTestRedis();
  await deleteKeysWithPrefix(admin, prefix);
  await admin.quit();
  await Promise.all(stores.map((store) => store.close()));
});

it('50 concurrent Done clicks on one prompt by one member count once: one point, one board increment', async () => {
  const member = makeMember('URACE', { teamIds: [TEAM_ID] });
  const prompt = makePrompt(member.id);
  await stores[0]!.putPrompt(prompt, 3600_000);
  // On the roster: only roster members count toward a team day (issue 11).
  await stores[0]!.addTeamMember(TEAM_ID, member.id);
  const input = makeCompletion(prompt.id, member.id, { teams: [teamInput(TEAM_ID, 4)] });

  const results = await Promise.all(Array.from({ length: 50 }, (_, i) => stores[i % stores.length]!.recordCompletion(input)));

  expect(results.filter((r) => r.counted)).toHaveLength(1);
  expect(results.filter((r) => r.pointAwarded)).toHaveLength(1);
  expect(results.every((r) => r.todayCount === 1)).toBe(true);
  const store = stores[0]!;
  expect(await store.getActivity(member.id)).toEqual({ days: { [DAY]: 1 }, weekPoints: { [WEEK]: 1 }, totalPoints: 1, totalCompletions: 1, promptsSent: 0 });
  expect(await store.teamWeekBoard(TEAM_ID, WEEK)).toEqual([{ memberId: member.id, points: 1 }]);
  expect(await store.getTeamTotals(TEAM_ID)).toEqual({ promptsSent: 0, completions: 1 });
  expect(await store.getTeamDays(TEAM_ID)).toEqual({ [DAY]: { completers: 1, activeMembers: 4 } });
});
