// The scheduler with a controlled clock: members are prompted at their slot, not before, each once, even with two instances.
import { describe, expect, it } from 'vitest';
import { createScheduler } from '../../src/scheduler/scheduler.ts';
import { makeCore } from '../helpers/core-fixture.ts';

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

function twoSchedulers(core: ReturnType<typeof makeCore>) {
  const deps = { store: core.store, clock: core.clock, logger: silent, handleDue: (id: string, at: number) => core.service.handleDue(id, at) };
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
    expect(claims.map((c) => c.memberId)).toEqual(['web:local:x']);
    const [, b] = twoSchedulers(core);
    await b.tickOnce();
    expect(core.messenger.prompts).toHaveLength(0);
    core.clock.advance(31_000);
    expect(await b.reapOnce()).toBe(1);
    await b.tickOnce();
    expect(core.messenger.prompts).toHaveLength(1);
    // The dead instance's late commit is fenced out.
    expect(await core.store.commitDue('web:local:x', 'dead-instance', 0)).toBe(false);
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
});
