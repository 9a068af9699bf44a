import { describe, expect, it } from 'vitest';
import { isExcusedDay, unreachableMsInWindow, type UnreachableSpan } from '../../../../src/core/progress/excused-days.ts';

// Wednesday 2026-06-10 in Berlin (UTC+2); window 09:00-18:00 local = 07:00-16:00 UTC.
const WINDOW = { timezone: 'Europe/Berlin', start: '09:00', end: '18:00' };
const DAY = '2026-06-10';
const span = (fromIso: string, toIso: string | null, reason: UnreachableSpan['reason'] = 'paused'): UnreachableSpan => ({
  from: Date.parse(fromIso),
  to: toIso === null ? null : Date.parse(toIso),
  reason,
});

describe('excused day', () => {
  it('is not excused by a span that only touches the window (DND from 16:30 to the next morning)', () => {
    const dnd = span('2026-06-10T14:30:00Z', '2026-06-11T06:30:00Z', 'dnd');
    expect(isExcusedDay(DAY, WINDOW, { spans: [dnd] })).toBe(false);
    // ...nor the next day, whose window opens after the span ended.
    expect(isExcusedDay('2026-06-11', WINDOW, { spans: [dnd] })).toBe(false);
  });

  it('is not excused by a short pause', () => {
    expect(isExcusedDay(DAY, WINDOW, { spans: [span('2026-06-10T08:00:00Z', '2026-06-10T08:15:00Z')] })).toBe(false);
  });

  it('is excused when unreachable for most of the window, counting overlapping spans once', () => {
    // 09:00-13:00 paused and 11:00-14:00 in a meeting: 5 of 9 hours.
    const spans = [span('2026-06-10T07:00:00Z', '2026-06-10T11:00:00Z'), span('2026-06-10T09:00:00Z', '2026-06-10T12:00:00Z', 'meeting')];
    expect(unreachableMsInWindow(DAY, WINDOW, spans)).toBe(5 * 3600_000);
    expect(isExcusedDay(DAY, WINDOW, { spans })).toBe(true);
    // Exactly half is not most.
    expect(isExcusedDay(DAY, WINDOW, { spans: [span('2026-06-10T07:00:00Z', '2026-06-10T11:30:00Z')] })).toBe(false);
  });

  it('counts an open span (a stop still in force) to the end of the window', () => {
    expect(isExcusedDay(DAY, WINDOW, { spans: [span('2026-06-10T09:00:00Z', null, 'stopped')] })).toBe(true);
    expect(isExcusedDay(DAY, WINDOW, { spans: [span('2026-06-10T13:00:00Z', null, 'stopped')] })).toBe(false);
  });

  it('takes whole excused days (a public holiday) as given', () => {
    expect(isExcusedDay(DAY, WINDOW, { spans: [], days: new Set([DAY]) })).toBe(true);
    expect(isExcusedDay('2026-06-11', WINDOW, { spans: [], days: new Set([DAY]) })).toBe(false);
  });
});
