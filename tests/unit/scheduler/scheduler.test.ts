// The scheduler with a controlled clock: members are prompted at their slot, not before, each once, even with two instances.
import { describe, expect, it } from 'vitest';
import { createScheduler } from '../../../src/scheduler/scheduler.ts';
import { makeCore } from '../../helpers/core-fixture.ts';
import { eachJob } from '../../helpers/each-job.ts';
import { commitOne } from '../../helpers/commit-one.ts';

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

const eachJobOf = (core: ReturnType<typeof makeCore>) => (jobs: Parameters<typeof core.service.handleDueBatch>[0], concurrency: number) => core.service.handleDueBatch(jobs, concurrency);

function twoSchedulers(core: ReturnType<typeof makeCore>) {
  const deps = { store: core.store, clock: core.clock, logger: silent, handleDueBatch: eachJobOf(core) };
  const options = { tickSeconds: 5, batchSize: 7, leaseMs: 60_000 };
  return [createScheduler(deps, options), createScheduler(deps, options)] as const;
}

describe('scheduler', () => {
  it('prompts each due member at the slot, not before, exactly once across two instances', async () => {
    const core = makeCore('2026-11-25T09:30:00Z', { spreadSeconds: 0 });
    const ids = Array.from({ length: 40 }, (_, i) => `web:local:m${i}`);
    for (const id of ids) {
      await core.service.enrol({ memberId: id, displayName: id, timezone: 'UTC' });
      await core.service.start(id);
    }
    const [a, b] = twoSchedulers(core);
    core.clock.set('2026-11-25T09:59:59Z');
    await Promise.all([a.tickOnce(), b.tickOnce()]);
    expect(core.messenger.prompts).toHaveLength(0);

    core.clock.set('2026-11-25T10:00:01Z');
    await Promise.all([a.tickOnce(), b.tickOnce(), a.tickOnce(), b.tickOnce()]);
    expect(core.messenger.prompts).toHaveLength(40);
    expect(new Set(core.messenger.prompts.map((p) => p.to)).size).toBe(40);

    // Each member is now due at 11:00.
    for (const id of ids) expect(await core.store.getDue(id)).toBe(Date.parse('2026-11-25T11:00:00Z'));
    core.clock.set('2026-11-25T10:30:00Z');
    await Promise.all([a.tickOnce(), b.tickOnce()]);
    expect(core.messenger.prompts).toHaveLength(40);
  });

  it('prompts members whose spread offset is larger than the stale-slot limit', async () => {
    const core = makeCore('2026-11-25T09:30:00Z', { spreadSeconds: 3600 });
    const ids = Array.from({ length: 40 }, (_, i) => `web:local:wide${i}`);
    for (const id of ids) {
      await core.service.enrol({ memberId: id, displayName: id, timezone: 'UTC' });
      await core.service.start(id);
    }
    const [a] = twoSchedulers(core);
    // Walk through the hour after the 10:00 slot, ticking every 30 s as the cron would.
    for (let t = Date.parse('2026-11-25T10:00:00Z'); t <= Date.parse('2026-11-25T11:00:00Z'); t += 30_000) {
      core.clock.t = t;
      await a.tickOnce();
    }
    const at10 = core.messenger.prompts.filter((p) => p.view.localTime === '10:00');
    expect(new Set(at10.map((p) => p.to)).size).toBe(40);
  });

  it('spreads members over a fixed offset within PROMPT_SPREAD_SECONDS', async () => {
    const core = makeCore('2026-11-25T09:30:00Z', { spreadSeconds: 180 });
    const dues: number[] = [];
    for (let i = 0; i < 50; i += 1) {
      const id = `web:local:s${i}`;
      await core.service.enrol({ memberId: id, displayName: id, timezone: 'UTC' });
      const { nextAt } = await core.service.start(id);
      dues.push(nextAt ?? 0);
    }
    const slot = Date.parse('2026-11-25T10:00:00Z');
    expect(dues.every((d) => d >= slot && d < slot + 180_000)).toBe(true);
    expect(new Set(dues).size).toBeGreaterThan(20);
    const [a] = twoSchedulers(core);
    core.clock.t = slot + 180_000;
    await a.tickOnce();
    expect(core.messenger.prompts).toHaveLength(50);
    expect(core.messenger.prompts.every((p) => p.view.localTime === '10:00')).toBe(true);
  });

  it('a lease that runs out is reaped and the job is handled by another instance without a second send', async () => {
    const core = makeCore('2026-11-25T10:00:05Z', { spreadSeconds: 0 });
    await core.service.enrol({ memberId: 'web:local:x', displayName: 'x', timezone: 'UTC' });
    core.clock.set('2026-11-25T09:30:00Z');
    await core.service.start('web:local:x');
    core.clock.set('2026-11-25T10:00:05Z');
    // An instance claims the member and dies before committing.
    const claims = await core.store.claimDue(core.clock.t, 10, 30_000, 'dead-instance');
    expect(claims.map((c) => c.jobId)).toEqual(['web:local:x']);
    const [, b] = twoSchedulers(core);
    await b.tickOnce();
    expect(core.messenger.prompts).toHaveLength(0);
    core.clock.advance(31_000);
    expect(await b.reapOnce()).toBe(1);
    await b.tickOnce();
    expect(core.messenger.prompts).toHaveLength(1);
    // The dead instance's late commit is fenced out.
    expect(await commitOne(core.store, 'web:local:x', 'dead-instance', 0)).toBe(false);
  });

  it('a failed platform send is counted, not retried, and the schedule moves on', async () => {
    const core = makeCore('2026-11-25T09:30:00Z', { spreadSeconds: 0 });
    await core.service.enrol({ memberId: 'web:local:y', displayName: 'y', timezone: 'UTC' });
    await core.service.start('web:local:y');
    const [a] = twoSchedulers(core);
    core.messenger.failNext = true;
    core.clock.set('2026-11-25T10:00:01Z');
    await a.tickOnce();
    await a.tickOnce();
    expect(core.messenger.prompts).toHaveLength(0);
    expect(await core.store.getDue('web:local:y')).toBe(Date.parse('2026-11-25T11:00:00Z'));
  });

  it('skips a stale slot after downtime instead of prompting at an odd time', async () => {
    const core = makeCore('2026-11-25T09:30:00Z', { spreadSeconds: 0 });
    await core.service.enrol({ memberId: 'web:local:z', displayName: 'z', timezone: 'UTC' });
    await core.service.start('web:local:z');
    core.clock.set('2026-11-25T10:40:00Z');
    const [a] = twoSchedulers(core);
    await a.tickOnce();
    expect(core.messenger.prompts).toHaveLength(0);
    expect(await core.store.getDue('web:local:z')).toBe(Date.parse('2026-11-25T11:00:00Z'));
  });

  it('commits a busy tick\'s jobs in a few store calls, not one per job, and fences out a job rescheduled meanwhile', async () => {
    const core = makeCore('2026-11-25T09:30:00Z', { spreadSeconds: 0 });
    const ids = Array.from({ length: 60 }, (_, i) => `web:local:g${i}`);
    for (const id of ids) await core.store.setDue(id, Date.parse('2026-11-25T10:00:00Z'));
    const calls = { many: 0, one: 0 };
    const store = core.store;
    const counting = Object.assign(Object.create(store) as typeof store, {
      commitDueMany: (token: string, commits: Parameters<typeof store.commitDueMany>[1]) => ((calls.many += 1), store.commitDueMany(token, commits)),
    });
    const scheduler = createScheduler(
      {
        store: counting,
        clock: core.clock,
        logger: silent,
        handleDueBatch: eachJob(async (id, dueAt) => {
          // Someone changes g0's schedule while its job is being handled: that wins over this worker's commit.
          if (id === 'web:local:g0') await store.setDue(id, dueAt + 7200_000);
          return dueAt + 3600_000;
        }),
      },
      { tickSeconds: 5, batchSize: 25, leaseMs: 60_000, concurrency: 8 },
    );
    core.clock.set('2026-11-25T10:00:01Z');
    expect(await scheduler.tickOnce()).toEqual({ claimed: 60, committed: 59, fenced: 1, failed: 0 });
    expect(calls.one).toBe(0);
    expect(calls.many).toBeLessThan(20);
    expect(await store.getDue('web:local:g0')).toBe(Date.parse('2026-11-25T12:00:00Z'));
    for (const id of ids.slice(1)) expect(await store.getDue(id)).toBe(Date.parse('2026-11-25T11:00:00Z'));
  });

  it('a slow platform call holds up only its own prompt: the rest of its batch is sent meanwhile', async () => {
    const core = makeCore('2026-11-25T09:30:00Z', { spreadSeconds: 0 });
    const ids = Array.from({ length: 12 }, (_, i) => `web:local:p${i}`);
    for (const id of ids) {
      await core.service.enrol({ memberId: id, displayName: id, timezone: 'UTC' });
      await core.service.start(id);
    }
    let releaseSlow: () => void = () => undefined;
    const slowGate = new Promise<void>((resolve) => (releaseSlow = resolve));
    const send = core.messenger.sendPrompt.bind(core.messenger);
    core.messenger.sendPrompt = async (member, view) => {
      if (member.id === 'web:local:p0') await slowGate;
      const delivery = await send(member, view);
      // The slow send is let go once every other member has had theirs.
      if (core.messenger.prompts.length === 11) releaseSlow();
      return delivery;
    };
    const scheduler = createScheduler(
      { store: core.store, clock: core.clock, logger: silent, handleDueBatch: (jobs, concurrency) => core.service.handleDueBatch(jobs, concurrency) },
      { tickSeconds: 5, batchSize: 50, leaseMs: 60_000, concurrency: 4 },
    );
    core.clock.set('2026-11-25T10:00:01Z');
    expect((await scheduler.tickOnce()).committed).toBe(12);
    expect(core.messenger.prompts.map((p) => p.to).at(-1)).toBe('web:local:p0');
    expect(new Set(core.messenger.prompts.map((p) => p.to)).size).toBe(12);
  });

  it('a member whose record cannot be handled fails alone: the rest of the batch is prompted and it is tried again later', async () => {
    const core = makeCore('2026-11-25T09:30:00Z', { spreadSeconds: 0 });
    const ids = ['web:local:a', 'web:local:b', 'web:local:c'];
    for (const id of ids) {
      await core.service.enrol({ memberId: id, displayName: id, timezone: 'UTC' });
      await core.service.start(id);
    }
    // A record no longer valid (a zone the platform stopped knowing), due with the others.
    const model = (await core.store.getMember('web:local:a'))!;
    const broken = { ...model, id: 'web:local:broken', schedule: { ...model.schedule, timezone: 'Mars/Olympus_Mons' } };
    await core.store.putMember(broken);
    await core.store.setDue(broken.id, Date.parse('2026-11-25T10:00:00Z'));
    const scheduler = createScheduler(
      { store: core.store, clock: core.clock, logger: silent, handleDueBatch: (jobs, concurrency) => core.service.handleDueBatch(jobs, concurrency) },
      { tickSeconds: 5, batchSize: 50, leaseMs: 60_000 },
    );
    core.clock.set('2026-11-25T10:00:01Z');
    expect(await scheduler.tickOnce()).toMatchObject({ claimed: 4, failed: 1 });
    expect(core.messenger.prompts.map((p) => p.to).sort()).toEqual(ids);
    expect(await core.store.getDue(broken.id)).toBe(Date.parse('2026-11-25T10:00:31Z'));
  });
});

describe('a retried job keeps its slot', () => {
  it('a store error on the first attempt of a claimed job: the slot is sent on the retry', async () => {
    const core = makeCore('2026-11-25T09:30:00Z', { spreadSeconds: 0 });
    const id = 'web:local:retried';
    await core.service.enrol({ memberId: id, displayName: id, timezone: 'UTC' });
    await core.service.start(id);
    const scheduler = createScheduler(
      { store: core.store, clock: core.clock, logger: silent, handleDueBatch: (jobs, concurrency) => core.service.handleDueBatch(jobs, concurrency) },
      { tickSeconds: 5, batchSize: 50, leaseMs: 60_000 },
    );
    // A brief store error: the first read of the batch's members fails.
    const getMembers = core.store.getMembers.bind(core.store);
    let failures = 1;
    core.store.getMembers = async (ids) => {
      if (failures-- > 0) throw new Error('store unavailable for a moment');
      return getMembers(ids);
    };
    core.clock.set('2026-11-25T10:00:01Z');
    expect(await scheduler.tickOnce()).toMatchObject({ claimed: 1, failed: 1 });
    expect(core.messenger.prompts).toHaveLength(0);
    expect(await core.store.getDue(id)).toBe(Date.parse('2026-11-25T10:00:31Z'));

    core.clock.set('2026-11-25T10:00:31Z');
    expect(await scheduler.tickOnce()).toMatchObject({ claimed: 1, failed: 0 });
    expect(core.messenger.prompts.map((p) => [p.to, p.view.localTime])).toEqual([[id, '10:00']]);
    // Then the schedule carries on from the slot after, and nothing is sent twice.
    expect(await core.store.getDue(id)).toBe(Date.parse('2026-11-25T11:00:00Z'));
    core.clock.set('2026-11-25T10:01:05Z');
    await scheduler.tickOnce();
    expect(core.messenger.prompts).toHaveLength(1);
  });

  it('a retry comes too late for its slot once the slot is stale: nothing is sent for it', async () => {
    const core = makeCore('2026-11-25T09:30:00Z', { spreadSeconds: 0 });
    const id = 'web:local:late-retry';
    await core.service.enrol({ memberId: id, displayName: id, timezone: 'UTC' });
    await core.service.start(id);
    const scheduler = createScheduler(
      { store: core.store, clock: core.clock, logger: silent, handleDueBatch: (jobs, concurrency) => core.service.handleDueBatch(jobs, concurrency) },
      { tickSeconds: 5, batchSize: 50, leaseMs: 60_000 },
    );
    const getMembers = core.store.getMembers.bind(core.store);
    let failures = 1;
    core.store.getMembers = async (ids) => {
      if (failures-- > 0) throw new Error('store unavailable for a moment');
      return getMembers(ids);
    };
    core.clock.set('2026-11-25T10:00:01Z');
    await scheduler.tickOnce();
    core.clock.set('2026-11-25T10:20:00Z');
    await scheduler.tickOnce();
    expect(core.messenger.prompts).toHaveLength(0);
    expect(await core.store.getDue(id)).toBe(Date.parse('2026-11-25T11:00:00Z'));
  });
});
