// The Redis store passes the whole Store contract on a 3-master Redis Cluster of the test's own, through the same
// Cluster client the bot uses with REDIS_CLUSTER=true; no command crosses slots or lands on the wrong node.
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RedisStore } from '../../src/adapters/redis/index.ts';
import { createRedisClusterClient } from '../../src/adapters/redis/redis-client.ts';
import { loadConfig } from '../../src/config.ts';
import { createStore } from '../../src/store.ts';
import { makeMember } from '../contract/fixtures.ts';
import { randomPrefix } from '../helpers/redis.ts';
import { startRedisCluster, type RedisClusterFixture } from '../helpers/redis-cluster.ts';
import { runStoreContract } from '../contract/store.contract.ts';
import { countHandleWrites } from '../helpers/socket-writes.ts';

let cluster: RedisClusterFixture;

beforeAll(async () => {
  cluster = await startRedisCluster(3);
});

afterAll(async () => {
  await cluster?.stop();
});

runStoreContract('redis cluster', async () => {
  const prefix = randomPrefix('cluster');
  const store = new RedisStore(createRedisClusterClient(cluster.seedUrl), { prefix });
  return {
    store,
    async cleanup() {
      await store.close();
      await cluster.deleteKeysWithPrefix(prefix);
    },
  };
});

it('with REDIS_CLUSTER=true the store is a Cluster client seeded from REDIS_URL, spreading the due index over every master', async () => {
  const prefix = randomPrefix('cluster-config');
  const config = loadConfig({ REDIS_URL: cluster.seedUrl, REDIS_CLUSTER: 'true', REDIS_PREFIX: prefix });
  const store = await createStore(config, pino({ level: 'silent' }));
  try {
    const member = makeMember('UCLUSTER');
    await store.putMember(member);
    expect(await store.getMember(member.id)).toEqual(member);
    const ids = Array.from({ length: 64 }, (_, i) => `web:local:due${i}`);
    for (const id of ids) await store.setDue(id, 1000);
    expect(await store.claimDue(2000, 100, 60_000, 'worker')).toHaveLength(64);
    const keysPerNode = (await cluster.info('keyspace')).map((text) => Number(/^db0:keys=(\d+)/m.exec(text)?.[1] ?? 0));
    expect(keysPerNode.every((keys) => keys > 0)).toBe(true);
  } finally {
    await store.close();
    await cluster.deleteKeysWithPrefix(prefix);
  }
});

// Runs after the contract: a script or MULTI across slots would have failed its call with CROSSSLOT; one sent to a
// node that does not own its slot would have been answered MOVED and silently redirected, so count those too.
it('sent no command across slots and none to a node that does not own its keys', async () => {
  const errors = await cluster.errorCounts();
  expect(errors['CROSSSLOT'] ?? 0).toBe(0);
  expect(errors['MOVED'] ?? 0).toBe(0);
  expect(errors['ASK'] ?? 0).toBe(0);
  expect(errors['CLUSTERDOWN'] ?? 0).toBe(0);
  // The contract really ran its scripts on every master, not all on one.
  const scriptCallsPerNode = (await cluster.info('commandstats')).map((stats) =>
    [...stats.matchAll(/^cmdstat_(?:evalsha|eval):calls=(\d+)/gm)].reduce((sum, match) => sum + Number(match[1]), 0),
  );
  expect(scriptCallsPerNode.every((calls) => calls > 0)).toBe(true);
});

it('on a Cluster, commands to one node issued together leave in one socket write', async () => {
  const prefix = randomPrefix('cluster-one-write');
  const client = createRedisClusterClient(cluster.seedUrl);
  try {
    await client.ping();
    await Promise.all(client.nodes('master').map((node) => node.ping()));
    const writes = client.nodes('master').map((node) => countHandleWrites(node));
    const tag = `{${prefix}}`;
    expect(await Promise.all([client.set(`${tag}a`, '1', 'NX'), client.get(`${tag}a`), client.exists(`${tag}b`)])).toEqual(['OK', '1', 0]);
    expect(writes.reduce((sum, count) => sum + count(), 0)).toBe(1);
  } finally {
    client.disconnect();
    await cluster.deleteKeysWithPrefix(prefix);
  }
});
