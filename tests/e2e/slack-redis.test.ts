// The Done path end to end on the Redis store: /breaks start and now, Done, a double Done and a retry count once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore, createRedisClient } from '../../src/adapters/redis/index.ts';
import { blocksOf, startSlackWorld, WORKSPACE, type SlackWorld } from '../helpers/fake-slack.ts';
import { keysWithPrefix, redisTestContext, TEST_REDIS_URL, type RedisTestContext } from '../helpers/redis.ts';

const ADA = `slack:${WORKSPACE}:UADA`;
let world: SlackWorld;
let redis: RedisTestContext;

beforeAll(async () => {
  redis = redisTestContext('slack-e2e');
  world = await startSlackWorld({
    startIso: '2026-11-25T09:05:00Z',
    store: () => new RedisStore(createRedisClient(TEST_REDIS_URL), { prefix: redis.prefix }),
  });
});
afterAll(async () => {
  await world.close();
  await redis.cleanup();
});

describe('Slack on Redis', () => {
  it('a Done click counts once on Redis, double clicks and retries included, and the message updates in place', async () => {
    await world.command('UADA', 'start');
    await world.command('UADA', 'now');
    const post = await world.slack.waitForCall('chat.postMessage', (c) => c.args['channel'] === 'DUADA');
    const promptId = (blocksOf(post).find((b) => b['type'] === 'actions') as { elements: Array<{ value: string }> }).elements[0]?.value ?? '';
    const prompt = await world.store.getPrompt(promptId);
    expect(prompt?.delivery['channel']).toBe('DUADA');
    const click = { userId: 'UADA', actionId: 'break_done', value: promptId, channelId: 'DUADA', messageTs: prompt?.delivery['ts'] ?? '', triggerId: 'redis-trigger-1' };

    const responses = await Promise.all([world.click(click), world.click({ ...click, triggerId: 'redis-trigger-2' }), world.click(click, { retryNum: 1 })]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    await world.slack.waitForReplacement((p) => /done\. Nice work!/.test(String(p.body['text'] ?? '')));
    await world.slack.waitForReplacement((p) => /already counted/.test(String(p.body['text'] ?? '')));

    const stats = await world.bot.service.stats(ADA);
    expect(stats.totalCompletions).toBe(1);
    expect(stats.totalPoints).toBe(1);
    expect(await world.metric('wellness_completions_total', 'slack')).toBe(1);
    expect(world.slack.replacements()).toHaveLength(2);
    // Everything went under this test's prefix.
    expect((await keysWithPrefix(redis.redis, redis.prefix)).length).toBeGreaterThan(0);
  });
});
