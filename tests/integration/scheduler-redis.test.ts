// Two scheduler instances, each with its own Redis connection, on one Redis: every due member is prompted once, at the slot.
import { afterEach, describe, it } from 'vitest';
import { RedisStore } from '../../src/adapters/redis/index.ts';
import { connectTestRedis, redisTestContext, type RedisTestContext } from '../helpers/redis.ts';
import { twoInstancesPromptEachMemberOnce } from '../helpers/two-schedulers.ts';

let ctx: RedisTestContext | null = null;
const stores: RedisStore[] = [];

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  await ctx?.cleanup();
  ctx = null;
});

describe('scheduler on Redis', () => {
  it('two instances prompt 300 due members exactly once each, and none before the slot', async () => {
    const context = redisTestContext('sched');
    ctx = context;
    await twoInstancesPromptEachMemberOnce(() => {
      const store = new RedisStore(connectTestRedis(), { prefix: context.prefix });
      stores.push(store);
      return store;
    });
  });
});
