// With Redis down, the store fails fast with the core's StoreUnavailableError instead of hanging, and recovers when
// Redis returns; a Redis reply that means a bug is not disguised as an outage.
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { RedisStore, createRedisClient } from '../../src/adapters/redis/index.ts';
import { ErrorCode, StoreUnavailableError } from '../../src/core/index.ts';
import { makeCompletion, makeMember, makePrompt } from '../contract/fixtures.ts';
import { TEST_REDIS_URL, connectTestRedis, deleteKeysWithPrefix, randomPrefix } from '../helpers/redis.ts';

const CLOSED_PORT_URL = 'redis://127.0.0.1:6390';
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A TCP pass-through to the test Redis that the test can cut and restore, like a Redis restart. */
class CuttableProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  async open(): Promise<void> {
    const target = new URL(TEST_REDIS_URL);
    const server = createServer((client) => {
      const upstream = connect(Number(target.port || 6379), target.hostname);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

it('a store pointed at a closed port fails each call with StoreUnavailableError within a second or so', async () => {
  const store = new RedisStore(createRedisClient(CLOSED_PORT_URL), { prefix: randomPrefix('down') });
  cleanups.push(() => store.close());
  const member = makeMember('UDOWN');
  const started = Date.now();
  await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
  await expect(store.getMember(member.id)).rejects.toMatchObject({ code: ErrorCode.StoreUnavailable });
  await expect(store.recordCompletion(makeCompletion(makePrompt(member.id).id, member.id))).rejects.toBeInstanceOf(StoreUnavailableError);
  await expect(store.claimDue(Date.now(), 10, 1000, 'token')).rejects.toBeInstanceOf(StoreUnavailableError);
  expect(Date.now() - started).toBeLessThan(2000);
});

it('when Redis goes away mid-use, calls fail at once with StoreUnavailableError, and work again when it returns', async () => {
  const proxy = new CuttableProxy();
  await proxy.open();
  const prefix = randomPrefix('blip');
  const store = new RedisStore(createRedisClient(`redis://127.0.0.1:${proxy.port}`), { prefix });
  const admin = connectTestRedis();
  cleanups.push(async () => {
    await proxy.cut();
    await store.close();
    await deleteKeysWithPrefix(admin, prefix);
    await admin.quit();
  });
  const member = makeMember('UBLIP');
  await store.putMember(member);

  await proxy.cut();
  const started = Date.now();
  await expect(store.getMember(member.id)).rejects.toBeInstanceOf(StoreUnavailableError);
  await expect(store.setDue(member.id, Date.now())).rejects.toBeInstanceOf(StoreUnavailableError);
  expect(Date.now() - started).toBeLessThan(1000);

  await proxy.open();
  let back: unknown = null;
  for (let i = 0; i < 40 && back === null; i += 1) {
    back = await store.getMember(member.id).catch(() => null);
    if (back === null) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(back).toEqual(member);
});

it('a Redis error that is a bug, not an outage, reaches the caller as it is', async () => {
  const prefix = randomPrefix('bug');
  const redis = connectTestRedis();
  const store = new RedisStore(redis, { prefix });
  cleanups.push(async () => {
    await deleteKeysWithPrefix(redis, prefix);
    await store.close();
  });
  const member = makeMember('UBUG');
  await redis.hset(store.keys.member(member.id), 'not', 'a string');
  const failure = await store.getMember(member.id).catch((err: unknown) => err);
  expect(failure).not.toBeInstanceOf(StoreUnavailableError);
  expect((failure as Error).message).toMatch(/WRONGTYPE/);
});
