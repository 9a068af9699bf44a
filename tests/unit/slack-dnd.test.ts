// Do Not Disturb: dnd.info read as "reachable from" (the core's plan for a slot is in tests/unit/core/prompts/hold.test.ts).
import { describe, expect, it } from 'vitest';
import { quietUntil } from '../../src/adapters/slack/dnd.ts';

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
