// Commands a click issues together reach Redis in one socket write (one syscall), and still each get their own
// reply; after the connection is made again the new socket coalesces too.
import type { Socket } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { createRedisClient } from '../../src/adapters/redis/index.ts';
import { TEST_REDIS_URL, connectTestRedis, deleteKeysWithPrefix, randomPrefix } from '../helpers/redis.ts';
import { countHandleWrites } from '../helpers/socket-writes.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setUp(): Promise<{ client: Redis; prefix: string }> {
  const prefix = randomPrefix();
  const client = createRedisClient(TEST_REDIS_URL);
  const admin = connectTestRedis();
  cleanups.push(async () => {
    client.disconnect();
    await deleteKeysWithPrefix(admin, prefix);
    admin.disconnect();
  });
  await client.ping();
  return { client, prefix };
}

it('three commands issued together leave in one write and each gets its own reply', async () => {
  const { client, prefix } = await setUp();
  await client.set(`${prefix}a`, 'one');
  const writes = countHandleWrites(client);
  const replies = await Promise.all([client.set(`${prefix}once`, '1', 'PX', 60_000, 'NX'), client.get(`${prefix}a`), client.get(`${prefix}missing`)]);
  expect(replies).toEqual(['OK', 'one', null]);
  expect(writes()).toBe(1);
});

it('commands issued in separate turns are not held back for each other', async () => {
  const { client, prefix } = await setUp();
  const writes = countHandleWrites(client);
  expect(await client.incr(`${prefix}n`)).toBe(1);
  expect(await client.incr(`${prefix}n`)).toBe(2);
  expect(writes()).toBe(2);
});

it('a connection made again after a drop coalesces its writes too', async () => {
  const { client, prefix } = await setUp();
  const before = (client as unknown as { stream: Socket }).stream;
  before.destroy();
  await expect.poll(async () => client.ping().catch(() => 'down'), { timeout: 5000, interval: 100 }).toBe('PONG');
  expect((client as unknown as { stream: Socket }).stream).not.toBe(before);
  const writes = countHandleWrites(client);
  expect(await Promise.all([client.get(`${prefix}x`), client.get(`${prefix}y`), client.exists(`${prefix}z`)])).toEqual([null, null, 0]);
  expect(writes()).toBe(1);
});
