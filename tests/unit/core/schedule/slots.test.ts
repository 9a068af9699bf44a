import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../../../src/core/model.ts';
import { endOfLocalDay, localTimeLabel, nextPromptAt, slotsOnLocalDay } from '../../../../src/core/schedule/slots.ts';
import { spreadOffsetMs } from '../../../../src/core/schedule/spread.ts';

const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];
const MON_FRI = [1, 2, 3, 4, 5];

function schedule(fields: Partial<Schedule> = {}): Schedule {
  return { timezone: 'Europe/Berlin', workdays: MON_FRI, start: '09:00', end: '17:00', intervalMinutes: 60, ...fields };
}

function iso(ms: number | Date | null): string | null {
  if (ms === null) return null;
  return new Date(ms).toISOString();
}

/** Calls nextPromptAt repeatedly from `from`, feeding each result back in, until `until`. */
function promptsBetween(s: Schedule, from: string, until: string): string[] {
  const end = Date.parse(until);
  const out: string[] = [];
  let cursor: Date | null = new Date(from);
  for (;;) {
    cursor = nextPromptAt(s, cursor);
    if (cursor === null || cursor.getTime() >= end) return out;
    out.push(cursor.toISOString());
  }
}

describe('nextPromptAt on ordinary days', () => {
  it('prompts on the hour from one interval after the window opens until before it closes', () => {
    // Monday 2026-06-01, Berlin is UTC+2 in summer.
    expect(promptsBetween(schedule(), '2026-06-01T00:00:00Z', '2026-06-02T00:00:00Z')).toEqual([
      '2026-06-01T08:00:00.000Z',
      '2026-06-01T09:00:00.000Z',
      '2026-06-01T10:00:00.000Z',
      '2026-06-01T11:00:00.000Z',
      '2026-06-01T12:00:00.000Z',
      '2026-06-01T13:00:00.000Z',
      '2026-06-01T14:00:00.000Z',
    ]);
  });

  it('gives no slot at the closing time itself: 09:00-10:30 every 45 prompts at 09:45 only', () => {
    const s = schedule({ timezone: 'UTC', end: '10:30', intervalMinutes: 45 });
    expect(promptsBetween(s, '2026-06-01T00:00:00Z', '2026-06-02T00:00:00Z')).toEqual(['2026-06-01T09:45:00.000Z']);
  });

  it('stops at the last slot before a window that ends mid-interval', () => {
    const s = schedule({ timezone: 'UTC', end: '12:10', intervalMinutes: 50 });
    expect(promptsBetween(s, '2026-06-01T00:00:00Z', '2026-06-02T00:00:00Z')).toEqual([
      '2026-06-01T09:50:00.000Z',
      '2026-06-01T10:40:00.000Z',
      '2026-06-01T11:30:00.000Z',
    ]);
  });

  it('returns the following slot when asked exactly at a slot', () => {
    expect(iso(nextPromptAt(schedule(), new Date('2026-06-01T08:00:00Z')))).toBe('2026-06-01T09:00:00.000Z');
  });

  it('returns the same slot when asked a millisecond before it', () => {
    expect(iso(nextPromptAt(schedule(), new Date('2026-06-01T07:59:59.999Z')))).toBe('2026-06-01T08:00:00.000Z');
  });

  it('goes from the last slot on Friday to the first slot on Monday', () => {
    // Friday 2026-06-05 16:00 Berlin -> Monday 2026-06-08 10:00 Berlin.
    expect(iso(nextPromptAt(schedule(), new Date('2026-06-05T14:00:00Z')))).toBe('2026-06-08T08:00:00.000Z');
  });

  it('finds the next week when the only workday has just passed', () => {
    const s = schedule({ workdays: [3] });
    // Wednesday 2026-06-03 after the last slot -> Wednesday 2026-06-10 10:00 Berlin.
    expect(iso(nextPromptAt(s, new Date('2026-06-03T15:00:00Z')))).toBe('2026-06-10T08:00:00.000Z');
  });

  it('returns null when the member has no workdays', () => {
    expect(nextPromptAt(schedule({ workdays: [] }), new Date('2026-06-01T00:00:00Z'))).toBeNull();
  });

  it('returns null when the window closes before or as it opens', () => {
    expect(nextPromptAt(schedule({ start: '17:00', end: '09:00' }), new Date('2026-06-01T00:00:00Z'))).toBeNull();
    expect(nextPromptAt(schedule({ start: '09:00', end: '09:00' }), new Date('2026-06-01T00:00:00Z'))).toBeNull();
  });

  it('returns null when the window is shorter than one interval', () => {
    expect(nextPromptAt(schedule({ end: '09:30' }), new Date('2026-06-01T00:00:00Z'))).toBeNull();
  });

  it('accepts a schedule object that carries extra fields', () => {
    const stored = { ...schedule(), memberId: 'web:local:ann', hasBand: true };
    expect(iso(nextPromptAt(stored, new Date('2026-06-01T00:00:00Z')))).toBe('2026-06-01T08:00:00.000Z');
  });
});

describe('nextPromptAt in zones with unusual offsets', () => {
  it('places slots at exact instants in Asia/Kolkata (UTC+05:30)', () => {
    const s = schedule({ timezone: 'Asia/Kolkata', end: '12:30' });
    expect(promptsBetween(s, '2026-05-31T18:30:00Z', '2026-06-01T18:30:00Z')).toEqual([
      '2026-06-01T04:30:00.000Z',
      '2026-06-01T05:30:00.000Z',
      '2026-06-01T06:30:00.000Z',
    ]);
  });

  it('places slots at exact instants in Pacific/Chatham in winter (UTC+12:45) and summer (UTC+13:45)', () => {
    const s = schedule({ timezone: 'Pacific/Chatham' });
    // Monday 2026-06-01 10:00 +12:45 and Monday 2026-01-05 10:00 +13:45.
    expect(iso(nextPromptAt(s, new Date('2026-05-31T12:00:00Z')))).toBe('2026-05-31T21:15:00.000Z');
    expect(iso(nextPromptAt(s, new Date('2026-01-04T12:00:00Z')))).toBe('2026-01-04T20:15:00.000Z');
  });
});

describe('nextPromptAt across daylight-saving changes', () => {
  const night = (timezone: string): Schedule => ({ timezone, workdays: EVERY_DAY, start: '00:30', end: '05:00', intervalMinutes: 30 });

  it('America/New_York spring forward: 02:00 and 02:30 move forward an hour and are not repeated', () => {
    // 2026-03-08: 01:59 EST (-05) is followed by 03:00 EDT (-04).
    expect(promptsBetween(night('America/New_York'), '2026-03-08T05:00:00Z', '2026-03-08T12:00:00Z')).toEqual([
      '2026-03-08T06:00:00.000Z', // 01:00 EST
      '2026-03-08T06:30:00.000Z', // 01:30 EST
      '2026-03-08T07:00:00.000Z', // 02:00 -> 03:00 EDT, the same instant as the 03:00 slot
      '2026-03-08T07:30:00.000Z', // 02:30 -> 03:30 EDT, the same instant as the 03:30 slot
      '2026-03-08T08:00:00.000Z', // 04:00 EDT
      '2026-03-08T08:30:00.000Z', // 04:30 EDT
    ]);
  });

  it('America/New_York fall back: a repeated wall time means its earlier instant, prompted once', () => {
    // 2026-11-01: 01:59 EDT (-04) is followed by 01:00 EST (-05).
    expect(promptsBetween(night('America/New_York'), '2026-11-01T04:00:00Z', '2026-11-01T12:00:00Z')).toEqual([
      '2026-11-01T05:00:00.000Z', // 01:00 EDT (not 01:00 EST)
      '2026-11-01T05:30:00.000Z', // 01:30 EDT
      '2026-11-01T07:00:00.000Z', // 02:00 EST
      '2026-11-01T07:30:00.000Z',
      '2026-11-01T08:00:00.000Z',
      '2026-11-01T08:30:00.000Z',
      '2026-11-01T09:00:00.000Z',
      '2026-11-01T09:30:00.000Z', // 04:30 EST
    ]);
  });

  it('Australia/Melbourne spring forward: 02:00 and 02:30 move forward an hour and are not repeated', () => {
    // 2026-10-04: 01:59 AEST (+10) is followed by 03:00 AEDT (+11).
    expect(promptsBetween(night('Australia/Melbourne'), '2026-10-03T14:00:00Z', '2026-10-03T20:00:00Z')).toEqual([
      '2026-10-03T15:00:00.000Z', // 01:00 AEST
      '2026-10-03T15:30:00.000Z',
      '2026-10-03T16:00:00.000Z', // 02:00 -> 03:00 AEDT
      '2026-10-03T16:30:00.000Z', // 02:30 -> 03:30 AEDT
      '2026-10-03T17:00:00.000Z', // 04:00 AEDT
      '2026-10-03T17:30:00.000Z',
    ]);
  });

  it('Australia/Melbourne fall back: a repeated wall time means its earlier instant, prompted once', () => {
    // 2026-04-05: 02:59 AEDT (+11) is followed by 02:00 AEST (+10).
    expect(promptsBetween(night('Australia/Melbourne'), '2026-04-04T13:00:00Z', '2026-04-04T20:00:00Z')).toEqual([
      '2026-04-04T14:00:00.000Z', // 01:00 AEDT
      '2026-04-04T14:30:00.000Z',
      '2026-04-04T15:00:00.000Z', // 02:00 AEDT (not 02:00 AEST)
      '2026-04-04T15:30:00.000Z', // 02:30 AEDT
      '2026-04-04T17:00:00.000Z', // 03:00 AEST
      '2026-04-04T17:30:00.000Z',
      '2026-04-04T18:00:00.000Z',
      '2026-04-04T18:30:00.000Z', // 04:30 AEST
    ]);
  });

  it('lists the same distinct slots for a clock-change day as nextPromptAt walks through', () => {
    const s = night('America/New_York');
    expect(slotsOnLocalDay(s, '2026-03-08').map((ms) => iso(ms))).toEqual(
      promptsBetween(s, '2026-03-08T05:00:00Z', '2026-03-09T05:00:00Z').slice(0, 6),
    );
  });

  it('keeps daytime slots on local wall time on both sides of the change', () => {
    const s = schedule({ timezone: 'America/New_York' });
    // Friday before the change at 10:00 EST, Monday after it at 10:00 EDT.
    expect(iso(nextPromptAt(s, new Date('2026-03-06T14:00:00Z')))).toBe('2026-03-06T15:00:00.000Z');
    expect(iso(nextPromptAt(s, new Date('2026-03-09T13:00:00Z')))).toBe('2026-03-09T14:00:00.000Z');
  });

  it.each(['America/New_York', 'Australia/Melbourne'])('never repeats or goes backwards through a whole night-window year in %s', (zone) => {
    const s = night(zone);
    const yearEnd = DateTime.fromISO('2027-01-01', { zone }).toMillis();
    let previous = DateTime.fromISO('2026-01-01', { zone }).toMillis();
    let count = 0;
    for (;;) {
      const next = nextPromptAt(s, new Date(previous))!.getTime();
      if (next >= yearEnd) break;
      expect(next).toBeGreaterThan(previous);
      previous = next;
      count += 1;
    }
    // 8 wall slots a night for 365 nights; on the spring-forward night two of them fall on the same instants as others.
    expect(count).toBe(365 * 8 - 2);
  });
});

describe('nextPromptAt over a whole year', () => {
  const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Melbourne', 'Asia/Kolkata', 'Pacific/Chatham', 'America/Santiago'];

  it.each(zones)('in %s returns strictly increasing slots, inside the window, on workdays only', (zone) => {
    const s: Schedule = { timezone: zone, workdays: [1, 2, 4, 5], start: '08:30', end: '16:45', intervalMinutes: 75 };
    const expectedWallTimes = ['09:45', '11:00', '12:15', '13:30', '14:45', '16:00'];
    const yearEnd = DateTime.fromISO('2027-01-01', { zone }).toMillis();
    let previous = DateTime.fromISO('2026-01-01', { zone }).toMillis();
    const perDay = new Map<string, string[]>();
    for (;;) {
      const at = nextPromptAt(s, new Date(previous))!.getTime();
      if (at >= yearEnd) break;
      expect(at).toBeGreaterThan(previous);
      const local = DateTime.fromMillis(at, { zone });
      expect(s.workdays).toContain(local.weekday);
      const day = local.toISODate()!;
      perDay.set(day, [...(perDay.get(day) ?? []), local.toFormat('HH:mm')]);
      previous = at;
    }
    // 2026 starts on a Thursday: 52 Mondays, Tuesdays and Fridays and 53 Thursdays.
    expect(perDay.size).toBe(209);
    for (const times of perDay.values()) expect(times).toEqual(expectedWallTimes);
  });
});

describe('prompt expiry and labels', () => {
  it('a prompt expires at the first instant of the next local day', () => {
    expect(iso(endOfLocalDay(Date.parse('2026-06-01T08:00:00Z'), 'Europe/Berlin'))).toBe('2026-06-01T22:00:00.000Z');
  });

  it('a prompt on the day clocks spring forward expires at the next midnight in the new offset', () => {
    expect(iso(endOfLocalDay(Date.parse('2026-03-08T15:00:00Z'), 'America/New_York'))).toBe('2026-03-09T04:00:00.000Z');
    expect(iso(endOfLocalDay(Date.parse('2026-03-07T15:00:00Z'), 'America/New_York'))).toBe('2026-03-08T05:00:00.000Z');
  });

  it('labels a slot with its local wall time', () => {
    expect(localTimeLabel(Date.parse('2026-06-01T04:30:00Z'), 'Asia/Kolkata')).toBe('10:00');
    expect(localTimeLabel(Date.parse('2026-03-08T07:30:00Z'), 'America/New_York')).toBe('03:30');
  });
});

describe('delivery spread', () => {
  it('gives each member the same offset every time, inside the configured bound', () => {
    const first = spreadOffsetMs('slack:T1:U1', 180);
    expect(spreadOffsetMs('slack:T1:U1', 180)).toBe(first);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(first).toBeLessThan(180_000);
  });

  it('is turned off by a spread of 0 seconds', () => {
    expect(spreadOffsetMs('slack:T1:U1', 0)).toBe(0);
  });

  it('spreads many members over the whole window rather than one second', () => {
    const offsets = Array.from({ length: 2000 }, (_, i) => spreadOffsetMs(`slack:T1:U${i}`, 180));
    expect(Math.min(...offsets)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...offsets)).toBeLessThan(180_000);
    const seconds = new Set(offsets.map((ms) => Math.floor(ms / 1000)));
    expect(seconds.size).toBeGreaterThan(170);
  });
});
