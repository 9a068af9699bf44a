// Holding or skipping a slot whose member cannot be reached: the pure plan, and the core asking each platform once per batch.
import { handleOne } from '../../../helpers/handle-one.ts';
import { describe, expect, it } from 'vitest';
import { planSlot } from '../../../../src/core/prompts/hold.ts';
import type { CoreMetrics, Member, ReachabilityQuery, Unreachable, UnreachableReason } from '../../../../src/core/index.ts';
import { BreakService, noMetrics } from '../../../../src/core/index.ts';
import { MemoryStore } from '../../../../src/adapters/memory/index.ts';
import { RecordingMessenger, TestClock } from '../../../helpers/core-fixture.ts';

const at = (iso: string) => Date.parse(iso);
const schedule = { timezone: 'Europe/Berlin', workdays: [1, 2, 3, 4, 5], start: '09:00', end: '17:00', intervalMinutes: 60 };
const holder = { schedule, meetings: 'hold' as const };
const slot = at('2026-11-25T10:00:00Z'); // 11:00 in Berlin
const windowEnd = at('2026-11-25T16:00:00Z'); // 17:00 in Berlin

describe('planSlot', () => {
  it('sends when the member is reachable now, or the busy time has already ended', () => {
    expect(planSlot(holder, slot, null)).toEqual({ kind: 'send' });
    expect(planSlot(holder, slot, { reason: 'meeting', until: slot - 1 })).toEqual({ kind: 'send' });
  });

  it('holds a meeting, a huddle, focus time or Do Not Disturb until it ends inside the window', () => {
    const until = at('2026-11-25T15:30:00Z');
    for (const reason of ['dnd', 'meeting', 'huddle', 'focus'] as const) {
      expect(planSlot(holder, slot, { reason, until })).toEqual({ kind: 'hold', until, reason });
    }
  });

  it('skips the slot when the busy time lasts past the end of the window', () => {
    expect(planSlot(holder, slot, { reason: 'meeting', until: windowEnd })).toEqual({ kind: 'skip', until: windowEnd, reason: 'meeting' });
  });

  it('a busy state with no known end (a huddle) holds for half an hour, or skips when that reaches the window\'s end', () => {
    expect(planSlot(holder, slot, { reason: 'huddle', until: null })).toEqual({ kind: 'hold', until: slot + 30 * 60_000, reason: 'huddle' });
    const late = at('2026-11-25T15:40:00Z'); // 16:40 Berlin
    expect(planSlot(holder, late, { reason: 'huddle', until: null })).toEqual({ kind: 'skip', until: windowEnd, reason: 'huddle' });
  });

  it('out of office and holidays skip the slot even when they end within the hour', () => {
    const soon = slot + 10 * 60_000;
    expect(planSlot(holder, slot, { reason: 'out_of_office', until: soon })).toEqual({ kind: 'skip', until: soon, reason: 'out_of_office' });
    expect(planSlot(holder, slot, { reason: 'holiday', until: null })).toEqual({ kind: 'skip', until: windowEnd, reason: 'holiday' });
  });

  it('"meetings ignore" sends through meetings, huddles and focus time, but not Do Not Disturb or out of office', () => {
    const ignorer = { schedule, meetings: 'ignore' as const };
    const until = at('2026-11-25T10:30:00Z');
    for (const reason of ['meeting', 'huddle', 'focus'] as const) expect(planSlot(ignorer, slot, { reason, until })).toEqual({ kind: 'send' });
    expect(planSlot(ignorer, slot, { reason: 'dnd', until }).kind).toBe('hold');
    expect(planSlot(ignorer, slot, { reason: 'out_of_office', until }).kind).toBe('skip');
  });
});

describe('the core asks the platform once per batch and holds or skips', () => {
  const ADA = 'web:local:ada';
  const BEA = 'web:local:bea';

  async function setup(answer: (q: ReachabilityQuery) => Unreachable | null) {
    const clock = new TestClock(at('2026-11-25T08:00:00Z')); // 09:00 Berlin, Wednesday
    const store = new MemoryStore({ now: clock.now });
    const counted: Array<[string, string, UnreachableReason]> = [];
    const metrics: CoreMetrics = {
      ...noMetrics,
      promptHeld: (platform, reason) => void counted.push(['held', platform, reason]),
      promptSkipped: (platform, reason) => void counted.push(['skipped', platform, reason]),
    };
    const messenger = new RecordingMessenger('web', clock.now);
    const asked: number[] = [];
    const service = new BreakService({ store, clock, metrics, spreadSeconds: 0 });
    service.registerMessenger(
      Object.assign(messenger, {
        reachability: async (queries: ReachabilityQuery[]) => {
          asked.push(queries.length);
          return queries.map(answer);
        },
      }),
    );
    for (const id of [ADA, BEA]) {
      await service.enrol({ memberId: id, displayName: id, timezone: 'Europe/Berlin' });
      await service.start(id);
    }
    return { clock, store, service, messenger, asked, counted };
  }

  it('two due members are asked about in one call; the one in a meeting is held, the other gets the prompt', async () => {
    const until = at('2026-11-25T09:20:00Z');
    const world = await setup(({ member }) => (member.id === ADA ? { reason: 'meeting', until } : null));
    world.clock.set('2026-11-25T09:00:00Z'); // the 10:00 slot
    const due = at('2026-11-25T09:00:00Z');
    const outcomes = await world.service.handleDueBatch([{ jobId: ADA, dueAt: due }, { jobId: BEA, dueAt: due }], 4);
    expect(world.asked).toEqual([2]);
    expect(world.messenger.prompts.map((p) => p.to)).toEqual([BEA]);
    expect(outcomes[0]).toEqual({ nextDueAt: until });
    expect(world.counted).toEqual([['held', 'web', 'meeting']]);
    world.clock.set('2026-11-25T09:20:00Z');
    await handleOne(world.service, ADA, until);
    expect(world.messenger.prompts.map((p) => [p.to, p.at])).toEqual([[BEA, due], [ADA, until]]);
  });

  it('out of office skips the slot, counts it, and keeps the time as an excused span with its reason', async () => {
    const world = await setup(() => ({ reason: 'out_of_office', until: null }));
    world.clock.set('2026-11-25T09:00:00Z'); // 10:00 Berlin: the day's first slot
    await handleOne(world.service, ADA, at('2026-11-25T09:00:00Z'));
    expect(world.messenger.prompts).toHaveLength(0);
    expect(world.counted).toEqual([['skipped', 'web', 'out_of_office']]);
    const member = (await world.store.getMember(ADA)) as Member;
    expect(member.snoozedPromptId).toBeNull();
    // From the window's opening (the person was away before the first slot) to its close.
    expect(member.inactiveSpans).toEqual([{ from: at('2026-11-25T08:00:00Z'), to: at('2026-11-25T16:00:00Z'), reason: 'out_of_office' }]);
  });

  it('out of office first seen late in the day counts only from that slot', async () => {
    const world = await setup(() => ({ reason: 'out_of_office', until: null }));
    world.clock.set('2026-11-25T15:00:00Z'); // 16:00 Berlin
    await handleOne(world.service, ADA, at('2026-11-25T15:00:00Z'));
    const member = (await world.store.getMember(ADA)) as Member;
    expect(member.inactiveSpans).toEqual([{ from: at('2026-11-25T15:00:00Z'), to: at('2026-11-25T16:00:00Z'), reason: 'out_of_office' }]);
  });

  it('a platform whose look-up throws still gets the prompt sent', async () => {
    const world = await setup(() => {
      throw new Error('presence service down');
    });
    world.clock.set('2026-11-25T09:00:00Z');
    await handleOne(world.service, ADA, at('2026-11-25T09:00:00Z'));
    expect(world.messenger.prompts.map((p) => p.to)).toEqual([ADA]);
    expect(world.counted).toEqual([]);
  });
});
