// The spread planner: a tenant's window grows with its size and shrinks with its send rate, stays below the interval,
// and a window that changes between slots never makes a member skip or get a slot twice.
import { describe, expect, it } from 'vitest';
import { maxWindowMs, plannedOffsetMs, slotOfDue, spreadWindowMs, type TenantLoad } from '../../../../src/core/schedule/load-plan.ts';
import { spreadOffsetMs } from '../../../../src/core/schedule/spread.ts';
import { nextDueAt } from '../../../../src/core/people/members.ts';
import { newMember } from '../../../../src/core/people/members.ts';
import { slotsOnLocalDay } from '../../../../src/core/schedule/slots.ts';
import type { Member } from '../../../../src/core/model.ts';
import { makeCore } from '../../../helpers/core-fixture.ts';
import { handleOne } from '../../../helpers/handle-one.ts';

const ids = Array.from({ length: 2000 }, (_, i) => `slack:T1:U${i.toString(36)}`);
const load = (activeMembers: number, sendsPerSecond = 5): TenantLoad => ({ activeMembers, sendsPerSecond });

describe('spread window', () => {
  it('small workspaces keep PROMPT_SPREAD_SECONDS: 50 members at 5/s need 10 s, the window stays 180 s', () => {
    expect(spreadWindowMs(180, load(50), 60)).toBe(180_000);
    expect(spreadWindowMs(180, load(900), 60)).toBe(180_000);
    for (const id of ids.slice(0, 200)) expect(plannedOffsetMs(id, 180, load(50), 60)).toBe(spreadOffsetMs(id, 180));
    // No known rate or no members: the configured spread alone.
    expect(spreadWindowMs(180, load(10_000, 0), 60)).toBe(180_000);
    expect(spreadWindowMs(180, null, 60)).toBe(180_000);
    expect(spreadWindowMs(0, load(0), 60)).toBe(0);
  });

  it('a big workspace gets members / rate: 10,000 at 5/s take 2,000 s', () => {
    expect(spreadWindowMs(180, load(10_000), 60)).toBe(2_000_000);
    expect(spreadWindowMs(180, load(10_000, 25), 60)).toBe(400_000);
    expect(spreadWindowMs(0, load(1001), 60)).toBe(200_200);
  });

  it('is capped below the interval: a slot\'s prompts end before the next slot begins', () => {
    expect(spreadWindowMs(180, load(50_000), 60)).toBe(59 * 60_000);
    expect(spreadWindowMs(180, load(50_000), 15)).toBe(14 * 60_000);
    expect(spreadWindowMs(3600, null, 60)).toBe(59 * 60_000);
    expect(maxWindowMs(1)).toBe(30_000);
  });

  it('every offset lies in [0, window) and below the interval, at any size, rate and interval', () => {
    for (const interval of [15, 30, 60, 90, 240]) {
      for (const members of [0, 1, 100, 999, 10_000, 50_000, 1_000_000]) {
        for (const rate of [0, 0.5, 5, 25, 50]) {
          const window = spreadWindowMs(180, load(members, rate), interval);
          expect(window).toBeLessThan(interval * 60_000);
          for (const id of ids.slice(0, 100)) {
            const offset = plannedOffsetMs(id, 180, load(members, rate), interval);
            expect(offset).toBeGreaterThanOrEqual(0);
            expect(offset).toBeLessThan(Math.max(1, window));
          }
        }
      }
    }
  });

  it('spreads members evenly: each tenth of the window holds about a tenth of them', () => {
    const window = spreadWindowMs(180, load(10_000), 60);
    const tenths = Array.from({ length: 10 }, () => 0);
    for (const id of ids) tenths[Math.floor((plannedOffsetMs(id, 180, load(10_000), 60) / window) * 10)]! += 1;
    for (const count of tenths) expect(count).toBeGreaterThan(140);
  });
});

describe('a window that changes between slots', () => {
  const member = (id: string): Member => ({ ...newMember(id, { displayName: id, timezone: 'Europe/Berlin', address: {}, createdAt: 0 }), active: true });
  const ctx = { spreadSeconds: 180 };

  it('each due instant names its slot whatever window it was planned with', () => {
    const slot = Date.parse('2026-11-25T09:00:00Z'); // 10:00 Berlin
    for (const id of ids.slice(0, 300)) {
      const m = member(id);
      for (const members of [10, 5_000, 10_000, 50_000]) {
        expect(slotOfDue(m.schedule, slot + plannedOffsetMs(id, 180, load(members), 60))).toBe(slot);
      }
    }
    // Between slots, before the first and after the window: no slot.
    expect(slotOfDue(member(ids[0]!).schedule, Date.parse('2026-11-25T07:30:00Z'))).toBeNull();
  });

  it('never skips or doubles a slot while the tenant grows and shrinks at random through a week', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const sizes = [20, 3_000, 12_000, 40_000, 200_000];
    for (const id of ids.slice(0, 60)) {
      const m = member(id);
      const expected = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'].flatMap((day) => slotsOnLocalDay(m.schedule, day));
      const sent: number[] = [];
      let due = nextDueAt(ctx, m, Date.parse('2026-11-23T00:00:00Z'), load(sizes[0]!));
      while (due !== null && due < Date.parse('2026-11-28T00:00:00Z')) {
        // The window may have changed since this due instant was planned: the slot is still found.
        const slot = slotOfDue(m.schedule, due);
        expect(slot).not.toBeNull();
        sent.push(slot!);
        const next = nextDueAt(ctx, m, due, load(sizes[Math.floor(random() * sizes.length)]!), slot!);
        expect(next).not.toBeNull();
        expect(next!).toBeGreaterThan(due);
        due = next;
      }
      expect(sent).toEqual(expected);
    }
  });
});

describe('the tenant size the core plans with', () => {
  it('counts members with breaks on, kept by start, stop and forget; a due planned before the tenant grew still sends its slot once', async () => {
    const core = makeCore('2026-11-25T09:30:00Z', { spreadSeconds: 0, sendsPerSecond: { web: 1 } });
    const first = 'web:local:first';
    await core.service.enrol({ memberId: first, displayName: first, timezone: 'UTC' });
    const { nextAt } = await core.service.start(first);
    // Alone in the tenant: 1 member at 1/s is a 1 s window.
    expect(nextAt).toBeGreaterThanOrEqual(Date.parse('2026-11-25T10:00:00Z'));
    expect(nextAt).toBeLessThan(Date.parse('2026-11-25T10:00:01Z'));
    // 1,199 more start: at 1/s the window is 1,200 s and the next slot is planned inside it.
    for (let i = 0; i < 1199; i += 1) {
      const id = `web:local:m${i}`;
      await core.service.enrol({ memberId: id, displayName: id, timezone: 'UTC' });
      await core.service.start(id);
    }
    expect(await core.store.countTeamMembers('web:local:~active')).toBe(1200);
    core.clock.set('2026-11-25T10:00:01Z');
    const next = await handleOne(core.service, first, nextAt!);
    expect(core.messenger.prompts.filter((p) => p.to === first).map((p) => p.view.localTime)).toEqual(['10:00']);
    const offset = plannedOffsetMs(first, 0, load(1200, 1), 60);
    expect(next).toBe(Date.parse('2026-11-25T11:00:00Z') + offset);
    // stats tells the member how long after each slot their break arrives.
    expect(offset).toBeGreaterThan(0);
    expect((await core.service.stats(first)).arrivesAfterSlotMs).toBe(offset);
    // Stop and forget take members out of the count.
    await core.service.stop('web:local:m0');
    await core.service.forget('web:local:m1');
    expect(await core.store.countTeamMembers('web:local:~active')).toBe(1198);
  });
});
