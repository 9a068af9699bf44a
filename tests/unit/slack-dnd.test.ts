// Do Not Disturb: dnd.info read as "reachable from", and the core's plan for a slot (send, hold until reachable, or skip).
import { describe, expect, it } from 'vitest';
import { quietUntil } from '../../src/adapters/slack/dnd.ts';
import { planSlot } from '../../src/core/prompts/hold.ts';
import { makeCore } from '../helpers/core-fixture.ts';

const at = (iso: string) => Date.parse(iso);
const sec = (iso: string) => Date.parse(iso) / 1000;
const SLOT = at('2026-11-25T10:00:00Z');

describe('quietUntil (dnd.info)', () => {
  it('nothing on: reachable now', () => {
    expect(quietUntil({ dnd_enabled: false, snooze_enabled: false }, SLOT)).toBeNull();
  });

  it('inside the scheduled Do Not Disturb window: reachable when it ends', () => {
    expect(quietUntil({ dnd_enabled: true, next_dnd_start_ts: sec('2026-11-25T09:30:00Z'), next_dnd_end_ts: sec('2026-11-25T10:45:00Z') }, SLOT)).toBe(at('2026-11-25T10:45:00Z'));
  });

  it('a window that has not started yet does not hold the prompt', () => {
    expect(quietUntil({ dnd_enabled: true, next_dnd_start_ts: sec('2026-11-25T18:00:00Z'), next_dnd_end_ts: sec('2026-11-26T08:00:00Z') }, SLOT)).toBeNull();
  });

  it('a manual snooze: reachable when the snooze ends', () => {
    expect(quietUntil({ dnd_enabled: false, snooze_enabled: true, snooze_endtime: sec('2026-11-25T10:20:00Z') }, SLOT)).toBe(at('2026-11-25T10:20:00Z'));
  });

  it('a snooze that runs into the scheduled window waits for the window too', () => {
    const info = {
      dnd_enabled: true,
      next_dnd_start_ts: sec('2026-11-25T10:15:00Z'),
      next_dnd_end_ts: sec('2026-11-25T11:00:00Z'),
      snooze_enabled: true,
      snooze_endtime: sec('2026-11-25T10:30:00Z'),
    };
    expect(quietUntil(info, SLOT)).toBe(at('2026-11-25T11:00:00Z'));
  });

  it('a snooze that already ended does not hold the prompt', () => {
    expect(quietUntil({ dnd_enabled: false, snooze_enabled: true, snooze_endtime: sec('2026-11-25T09:00:00Z') }, SLOT)).toBeNull();
  });
});

describe('planSlot', () => {
  const schedule = { timezone: 'Europe/Berlin', workdays: [1, 2, 3, 4, 5], start: '09:00', end: '17:00', intervalMinutes: 60 };
  const slot = at('2026-11-25T10:00:00Z'); // 11:00 in Berlin

  it('sends when the member is reachable now', () => {
    expect(planSlot(schedule, slot, null)).toEqual({ kind: 'send' });
    expect(planSlot(schedule, slot, slot - 1)).toEqual({ kind: 'send' });
  });

  it('holds the prompt until the quiet time ends if that is before the window closes', () => {
    const until = at('2026-11-25T15:30:00Z'); // 16:30 Berlin
    expect(planSlot(schedule, slot, until)).toEqual({ kind: 'defer', until });
  });

  it('skips the slot when the quiet time lasts past the end of the window', () => {
    const until = at('2026-11-25T16:00:00Z'); // 17:00 Berlin: the window has closed
    expect(planSlot(schedule, slot, until)).toEqual({ kind: 'skip', until });
  });
});

describe('holding a slot in the core (Messenger.reachableAt)', () => {
  const ADA = 'web:local:ada';

  async function setup(quietUntilMs: number | null) {
    const core = makeCore('2026-11-25T08:00:00Z'); // 09:00 Berlin, Wednesday
    const asked: number[] = [];
    const base = core.messenger;
    core.service.registerMessenger({
      platform: 'web',
      sendPrompt: (member, view) => base.sendPrompt(member, view),
      sendTeamPrompt: (team, view) => base.sendTeamPrompt(team, view),
      sendDigest: (team, view) => base.sendDigest(team, view),
      reachableAt: async (_member, slotAt) => {
        asked.push(slotAt);
        return quietUntilMs;
      },
    });
    await core.service.enrol({ memberId: ADA, displayName: 'ada', timezone: 'Europe/Berlin' });
    await core.service.start(ADA);
    return { core, asked };
  }

  it('slots during one quiet time fold into a single held prompt that arrives when it ends', async () => {
    const until = at('2026-11-25T10:30:00Z'); // 11:30 Berlin
    const { core, asked } = await setup(until);
    core.clock.set('2026-11-25T09:00:00Z'); // the 10:00 slot
    // The 11:00 slot comes before the quiet time ends, so it is due first.
    expect(await core.service.handleDue(ADA, at('2026-11-25T09:00:00Z'))).toBe(at('2026-11-25T10:00:00Z'));
    const held = (await core.store.getMember(ADA))?.snoozedPromptId;
    expect(held).toBeTruthy();
    core.clock.set('2026-11-25T10:00:00Z'); // the 11:00 slot, still quiet
    expect(await core.service.handleDue(ADA, at('2026-11-25T10:00:00Z'))).toBe(until);
    expect((await core.store.getMember(ADA))?.snoozedPromptId).toBe(held);
    expect(asked).toHaveLength(2);
    expect(core.messenger.prompts).toHaveLength(0);
    core.clock.set('2026-11-25T10:30:00Z');
    await core.service.handleDue(ADA, until);
    expect(core.messenger.prompts.map((p) => p.view.promptId)).toEqual([held]);
  });

  it('a platform that cannot tell is treated as reachable', async () => {
    const { core } = await setup(null);
    core.clock.set('2026-11-25T09:00:00Z');
    await core.service.handleDue(ADA, at('2026-11-25T09:00:00Z'));
    expect(core.messenger.prompts).toHaveLength(1);
  });
});
