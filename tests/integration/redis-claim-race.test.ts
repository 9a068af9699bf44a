// Two scheduler instances on separate connections claim from one due index: no job is ever handed to both.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { RedisStore } from '../../src/adapters/redis/index.ts';
import type { Claim } from '../../src/core/index.ts';
import { T0, memberIdOf } from '../contract/fixtures.ts';
import { connectTestRedis, deleteKeysWithPrefix, randomPrefix } from '../helpers/redis.ts';
import { commitOne } from '../helpers/commit-one.ts';

const JOBS = 2000;
const LEASE = 60_000;

let prefix: string;
let instances: RedisStore[];

beforeEach(() => {
  prefix = randomPrefix('claims');
  instances = [new RedisStore(connectTestRedis(), { prefix }), new RedisStore(connectTestRedis(), { prefix })];
});

afterEach(async () => {
  const admin = connectTestRedis();
  await deleteKeysWithPrefix(admin, prefix);
  await admin.quit();
  await Promise.all(instances.map((store) => store.close()));
});

async function claimUntilEmpty(store: RedisStore, token: string): Promise<Claim[]> {
  const claimed: Claim[] = [];
  for (;;) {
    const batch = await store.claimDue(T0, 37, LEASE, token);
    if (batch.length === 0) return claimed;
    claimed.push(...batch);
  }
}

it('two instances claiming 2,000 due jobs at once never share a claim and together take every job', async () => {
  const ids = Array.from({ length: JOBS }, (_, i) => (i % 10 === 0 ? `team|slack:T01:C${i}` : memberIdOf(`U${i}`)));
  await Promise.all(ids.map((id, i) => instances[0]!.setDue(id, T0 - (i % 500))));

  const [a, b] = await Promise.all([claimUntilEmpty(instances[0]!, 'instance-a'), claimUntilEmpty(instances[1]!, 'instance-b')]);

  const idsA = new Set(a.map((c) => c.jobId));
  const idsB = new Set(b.map((c) => c.jobId));
  expect(idsA.size).toBe(a.length);
  expect(idsB.size).toBe(b.length);
  expect([...idsA].filter((id) => idsB.has(id))).toEqual([]);
  expect(idsA.size + idsB.size).toBe(JOBS);
  // Both took part: the race was real.
  expect(a.length).toBeGreaterThan(0);
  expect(b.length).toBeGreaterThan(0);

  // Each claim commits only with the token of the instance that holds it.
  const [someOfA, someOfB] = [a[0]!, b[0]!];
  expect(await commitOne(instances[1]!, someOfA.jobId, 'instance-b', T0 + 1)).toBe(false);
  expect(await commitOne(instances[0]!, someOfB.jobId, 'instance-a', T0 + 1)).toBe(false);
  const commits = await Promise.all([
    ...a.map((c) => commitOne(instances[0]!, c.jobId, 'instance-a', null)),
    ...b.map((c) => commitOne(instances[1]!, c.jobId, 'instance-b', null)),
  ]);
  expect(commits.every(Boolean)).toBe(true);
  expect(await instances[0]!.reapLeases(T0 + 10 * LEASE)).toBe(0);
});
