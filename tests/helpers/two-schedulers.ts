// The two-instance scenario shared by the Redis and Redis Cluster scheduler tests: 300 members whose 10:00 slot two
// scheduler instances race for; the caller supplies each instance's store (its own connection).
import { expect } from 'vitest';
import { BreakService, type Store } from '../../src/core/index.ts';
import { createScheduler } from '../../src/scheduler/scheduler.ts';
import { RecordingMessenger, TestClock } from './core-fixture.ts';

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

export async function twoInstancesPromptEachMemberOnce(makeStore: () => Store, members = 300): Promise<void> {
  const clock = new TestClock(Date.parse('2026-11-25T09:30:00Z'));
  const messenger = new RecordingMessenger('web', clock.now);
  const [first, second] = [0, 1].map(() => {
    const store = makeStore();
    const service = new BreakService({ store, clock, messengers: { web: messenger }, spreadSeconds: 60 });
    const scheduler = createScheduler(
      { store, clock, logger: silent, handleDueBatch: (jobs, concurrency) => service.handleDueBatch(jobs, concurrency) },
      { tickSeconds: 5, batchSize: 25, leaseMs: 60_000, concurrency: 8 },
    );
    return { service, scheduler };
  });
  if (!first || !second) throw new Error('two instances expected');
  const ids = Array.from({ length: members }, (_, i) => `web:local:p${i}`);
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
  expect(messenger.prompts).toHaveLength(members);
  expect(new Set(messenger.prompts.map((p) => p.to)).size).toBe(members);
  expect(a.committed + b.committed).toBe(members);
  expect(a.failed + b.failed).toBe(0);
  expect(messenger.prompts.every((p) => p.view.localTime === '10:00')).toBe(true);
}
