// Two scheduler instances, each with its own Cluster client, on a 3-master Redis Cluster of the test's own: every due
// member is prompted once, at the slot, with the due index's shards spread over all masters.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore } from '../../src/adapters/redis/index.ts';
import { createRedisClusterClient } from '../../src/adapters/redis/redis-client.ts';
import { BreakService } from '../../src/core/index.ts';
import { createScheduler } from '../../src/scheduler/scheduler.ts';
import { RecordingMessenger, TestClock } from '../helpers/core-fixture.ts';
import { keySlot, randomPrefix } from '../helpers/redis.ts';
import { startRedisCluster, type RedisClusterFixture } from '../helpers/redis-cluster.ts';

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
let cluster: RedisClusterFixture;
const stores: RedisStore[] = [];
let prefix = '';

beforeAll(async () => {
  cluster = await startRedisCluster(3);
});

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  await cluster.deleteKeysWithPrefix(prefix);
});

afterAll(async () => {
  await cluster?.stop();
});

describe('scheduler on Redis Cluster', () => {
  it('two instances prompt 300 due members exactly once each, and none before the slot', async () => {
    prefix = randomPrefix('cluster-sched');
    const clock = new TestClock(Date.parse('2026-11-25T09:30:00Z'));
    const messenger = new RecordingMessenger('web', clock.now);
    const instances = [0, 1].map(() => {
      const store = new RedisStore(createRedisClusterClient(cluster.seedUrl), { prefix });
      stores.push(store);
      const service = new BreakService({ store, clock, messengers: { web: messenger }, spreadSeconds: 60 });
      const scheduler = createScheduler(
        { store, clock, logger: silent, handleDue: (id, at) => service.handleDue(id, at) },
        { tickSeconds: 5, batchSize: 25, leaseMs: 60_000, concurrency: 8 },
      );
      return { store, service, scheduler };
    });
    const [first, second] = instances;
    if (!first || !second) throw new Error('two instances expected');
    const ids = Array.from({ length: 300 }, (_, i) => `web:local:p${i}`);
    await Promise.all(
      ids.map(async (id) => {
        await first.service.enrol({ memberId: id, displayName: id, timezone: 'UTC' });
        await first.service.start(id);
      }),
    );

    clock.set('2026-11-25T09:59:59Z');
    await Promise.all([first.scheduler.tickOnce(), second.scheduler.tickOnce()]);
    expect(messenger.prompts).toHaveLength(0);

    // Past the slot plus the largest spread offset: everyone is due; both instances race for them.
    clock.set('2026-11-25T10:01:00Z');
    const [a, b] = await Promise.all([first.scheduler.tickOnce(), second.scheduler.tickOnce()]);
    await Promise.all([first.scheduler.tickOnce(), second.scheduler.tickOnce()]);
    expect(messenger.prompts).toHaveLength(300);
    expect(new Set(messenger.prompts.map((p) => p.to)).size).toBe(300);
    expect(a.committed + b.committed).toBe(300);
    expect(a.failed + b.failed).toBe(0);
    expect(messenger.prompts.every((p) => p.view.localTime === '10:00')).toBe(true);

    // The due shards live on every master, so claiming really went to all three nodes.
    const shardSlots = Array.from({ length: first.store.keys.shardCount }, (_, shard) => keySlot(first.store.keys.dueShard(shard).due));
    const claimsPerNode = (await cluster.info('commandstats')).map((stats) =>
      [...stats.matchAll(/^cmdstat_(?:evalsha|eval):calls=(\d+)/gm)].reduce((sum, match) => sum + Number(match[1]), 0),
    );
    expect(new Set(shardSlots).size).toBeGreaterThan(8);
    expect(claimsPerNode.every((calls) => calls > 0)).toBe(true);
    const errors = await cluster.errorCounts();
    expect(errors['CROSSSLOT'] ?? 0).toBe(0);
    expect(errors['MOVED'] ?? 0).toBe(0);
  });
});
