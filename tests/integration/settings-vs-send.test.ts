// Issue 10 item 1: a settings change made while the scheduler is sending the same member's slot survives the send's
// own write of the member (its recent challenges), and the due index follows the new settings.
import { afterEach, expect, it } from 'vitest';
import { RedisStore } from '../../src/adapters/redis/index.ts';
import { BreakService, runCommand, type Member, type Store } from '../../src/core/index.ts';
import { nextDueAt } from '../../src/core/people/members.ts';
import { createScheduler } from '../../src/scheduler/scheduler.ts';
import { RecordingMessenger, TestClock } from '../helpers/core-fixture.ts';
import { connectTestRedis, deleteKeysWithPrefix, randomPrefix } from '../helpers/redis.ts';

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
let cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups) await cleanup();
  cleanups = [];
});

it('"every 15" sent while the scheduler sends that member\'s 10:00 slot is kept, and the next break follows it', { timeout: 20_000 }, async () => {
  const prefix = randomPrefix('settings-vs-send');
  const clock = new TestClock(Date.parse('2026-11-25T09:30:00Z'));
  const messenger = new RecordingMessenger('web', clock.now);
  const schedulerStore = new RedisStore(connectTestRedis(), { prefix });
  const commandStore = new RedisStore(connectTestRedis(), { prefix });
  cleanups.push(async () => {
    const admin = connectTestRedis();
    await deleteKeysWithPrefix(admin, prefix);
    await admin.quit();
    await schedulerStore.close();
    await commandStore.close();
  });
  // The bot instance answering the person's command: a different instance from the scheduler's.
  const commands = new BreakService({ store: commandStore, clock, messengers: { web: messenger }, spreadSeconds: 0 });
  const ids = ['web:local:ana', 'web:local:ben', 'web:local:cy'];
  const ctxOf = (id: string) => ({ memberId: id, displayName: id, timezone: 'UTC' });
  for (const id of ids) await runCommand(commands, ctxOf(id), 'start');

  // The person's settings land just after the scheduler has read the batch's members, before the slot is recorded.
  const changes: Array<Promise<unknown>> = [];
  const racing: Store = Object.create(schedulerStore, {
    getMembers: {
      value: async (memberIds: string[]) => {
        const read = await schedulerStore.getMembers(memberIds);
        for (const id of memberIds) changes.push(runCommand(commands, ctxOf(id), id === 'web:local:cy' ? 'band on' : 'every 15'));
        await Promise.all(changes);
        return read;
      },
    },
  }) as Store;
  const service = new BreakService({ store: racing, clock, messengers: { web: messenger }, spreadSeconds: 0 });
  const scheduler = createScheduler(
    { store: racing, clock, logger: silent, handleDueBatch: (jobs, concurrency) => service.handleDueBatch(jobs, concurrency) },
    { tickSeconds: 5, batchSize: 25, leaseMs: 60_000, concurrency: 8 },
  );

  clock.set('2026-11-25T10:00:05Z');
  await scheduler.tickOnce();
  expect(changes).toHaveLength(ids.length);
  expect(messenger.prompts.map((p) => p.to).sort()).toEqual(ids);

  for (const id of ids) {
    const member = (await commandStore.getMember(id)) as Member;
    // The send remembered its challenge, and the settings change is still there.
    expect(member.recentChallengeIds, id).toHaveLength(1);
    if (id === 'web:local:cy') expect(member.hasBand, id).toBe(true);
    else expect(member.schedule.intervalMinutes, id).toBe(15);
    expect(await commandStore.getDue(id), id).toBe(nextDueAt({ spreadSeconds: 0 }, member, clock.now()));
  }
  expect(await commandStore.getDue('web:local:ana')).toBe(Date.parse('2026-11-25T10:15:00Z'));
});
