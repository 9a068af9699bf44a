// Two scheduler instances, each with its own Redis connection, on one Redis: every due member is prompted once, at the slot.
import { afterEach, describe, expect, it } from 'vitest';
import { RedisStore } from '../../src/adapters/redis/index.ts';
import { BreakService } from '../../src/core/index.ts';
import { createScheduler } from '../../src/scheduler/scheduler.ts';
import { RecordingMessenger, TestClock } from '../helpers/core-fixture.ts';
import { connectTestRedis, redisTestContext, type RedisTestContext } from '../helpers/redis.ts';

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
let ctx: RedisTestContext | null = null;
const extraConnections: Array<{ quit(): Promise<unknown> }> = [];

afterEach(async () => {
  for (const connection of extraConnections.splice(0)) await connection.quit();
  await ctx?.cleanup();
  ctx = null;
});

describe('scheduler on Redis', () => {
  it('two instances prompt 300 due members exactly once each, and none before the slot', async () => {
    ctx = redisTestContext('sched');
    const clock = new TestClock(Date.parse('2026-11-25T09:30:00Z'));
    const messenger = new RecordingMessenger('web', clock.now);
    const instances = [0, 1].map(() => {
      const redis = connectTestRedis();
      extraConnections.push(redis);
      const store = new RedisStore(redis, { prefix: ctx?.prefix ?? '' });
      const service = new BreakService({ store, clock, messengers: { web: messenger }, spreadSeconds: 60 });
      const scheduler = createScheduler(
        { store, clock, logger: silent, handleDue: (id, at) => service.handleDue(id, at) },
        { tickSeconds: 5, batchSize: 25, leaseMs: 60_000, concurrency: 8 },
      );
      return { service, scheduler };
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
    expect(messenger.prompts.every((p) => p.view.localTime === '10:00')).toBe(true);
  });
});
