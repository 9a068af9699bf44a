// Three bot processes on one Redis, 2,000 Slack members due in the same minute across 100 workspaces: each member is
// prompted exactly once, and the instances' wellness_prompts_sent_total add up to what Slack received.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore, createRedisClient } from '../../src/adapters/redis/index.ts';
import { TEST_REDIS_URL, deleteKeysWithPrefix, connectTestRedis, randomPrefix } from '../helpers/redis.ts';
import { everyMemberPromptedOnceByManyInstances } from './many-instances.ts';

const prefix = randomPrefix('multi');
let store: RedisStore;

beforeAll(() => {
  store = new RedisStore(createRedisClient(TEST_REDIS_URL), { prefix });
});

afterAll(async () => {
  await store?.close();
  const redis = connectTestRedis();
  await deleteKeysWithPrefix(redis, prefix);
  await redis.quit();
});

describe('many instances on one Redis', () => {
  it('three processes prompt each of 2,000 members due in the same minute exactly once, and their counters add up', async () => {
    const figures = await everyMemberPromptedOnceByManyInstances({
      redisUrl: TEST_REDIS_URL,
      cluster: false,
      prefix,
      store,
      instances: 3,
      workspaces: 100,
      perWorkspace: 20,
    });
    expect(figures.members).toBe(2000);
    console.info(`many instances (Redis): ${figures.members} members delivered in ${figures.deliverMs} ms; per instance ${JSON.stringify(figures.perInstance)}`);
  }, 120_000);
});
