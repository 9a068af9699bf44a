// A Redis at maxmemory with noeviction refuses writes: the store reports "try again in a moment", not a bug.
import { afterAll, expect, it } from 'vitest';
import { RedisStore, createRedisClient } from '../../src/adapters/redis/index.ts';
import { StoreUnavailableError } from '../../src/core/index.ts';
import { makeMember } from '../contract/fixtures.ts';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.ts';

let server: RedisServer | null = null;

afterAll(async () => {
  await server?.stop();
});

it('a full Redis (OOM with noeviction) surfaces as StoreUnavailableError', async () => {
  server = await startRedisServer({ args: ['--maxmemory', '2mb', '--maxmemory-policy', 'noeviction'] });
  const store = new RedisStore(createRedisClient(server.url), { prefix: 'full:' });
  let refused: unknown = null;
  for (let i = 0; i < 20_000 && refused === null; i += 1) {
    await store.putMember(makeMember(`U${i}`)).catch((err: unknown) => {
      refused = err;
    });
  }
  expect(refused).toBeInstanceOf(StoreUnavailableError);
  await store.close();
});
