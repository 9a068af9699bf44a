import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../src/core/errors.ts';
import {
  DEFAULT_SCHEDULE_FIELDS,
  formatDays,
  hhmmSchema,
  parseDays,
  parseEvery,
  parseHours,
  parsePause,
  parseTimezone,
  scheduleSchema,
  timezoneSchema,
} from '../../../../src/core/schedule/schedule-schema.ts';

const valid = { timezone: 'Europe/Berlin', workdays: [1, 2, 3, 4, 5], start: '09:00', end: '17:00', intervalMinutes: 60 };

function messagesFor(input: unknown): string[] {
  const result = scheduleSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe('schedule schema', () => {
  it('accepts the defaults with a time zone', () => {
    expect(scheduleSchema.parse({ timezone: 'UTC', ...DEFAULT_SCHEDULE_FIELDS })).toEqual({
      timezone: 'UTC',
      workdays: [1, 2, 3, 4, 5],
      start: '09:00',
      end: '17:00',
      intervalMinutes: 60,
    });
  });

  it('accepts an empty list of workdays', () => {
    expect(scheduleSchema.safeParse({ ...valid, workdays: [] }).success).toBe(true);
  });

  it('drops unknown fields and spells the zone canonically', () => {
    expect(scheduleSchema.parse({ ...valid, timezone: 'europe/berlin', extra: 1 })).toEqual(valid);
  });

  it('names an unknown time zone', () => {
    expect(messagesFor({ ...valid, timezone: 'Mars/Base' })).toEqual(['unknown time zone "Mars/Base"']);
  });

  it('says the window must end after it starts', () => {
    expect(messagesFor({ ...valid, start: '17:00', end: '09:00' })).toEqual(['the working window must end after it starts']);
    expect(messagesFor({ ...valid, start: '09:00', end: '09:00' })).toEqual(['the working window must end after it starts']);
  });

  it('refuses a window too short for even one break', () => {
    expect(messagesFor({ ...valid, start: '09:00', end: '09:45' })).toEqual([
      'the working window is shorter than one interval, so no break would come: widen the hours or shorten the interval',
    ]);
  });

  it('keeps the interval between 15 and 240 whole minutes', () => {
    expect(messagesFor({ ...valid, intervalMinutes: 14 })).toEqual(['the interval must be at least 15 minutes']);
    expect(messagesFor({ ...valid, intervalMinutes: 241 })).toEqual(['the interval can be at most 240 minutes']);
    expect(messagesFor({ ...valid, intervalMinutes: 30.5 })).toHaveLength(1);
    expect(messagesFor({ ...valid, intervalMinutes: 15 })).toEqual([]);
    expect(messagesFor({ ...valid, intervalMinutes: 240, end: '18:00', start: '08:00' })).toEqual([]);
  });

  it('refuses workdays outside 1..7 and repeated workdays', () => {
    expect(messagesFor({ ...valid, workdays: [0, 1] })).toHaveLength(1);
    expect(messagesFor({ ...valid, workdays: [1, 8] })).toHaveLength(1);
    expect(messagesFor({ ...valid, workdays: [1, 1] })).toEqual(['each workday may appear only once']);
  });

  it('refuses wall times that are not two-digit 24-hour HH:MM', () => {
    for (const bad of ['9:00', '24:00', '12:60', '1200', '']) {
      expect(hhmmSchema.safeParse(bad).success, bad).toBe(false);
    }
    for (const good of ['00:00', '09:05', '23:59']) {
      expect(hhmmSchema.safeParse(good).success, good).toBe(true);
    }
  });

  it('trims and canonicalises a time zone on its own', () => {
    expect(timezoneSchema.parse(' asia/kolkata ')).toBe('Asia/Kolkata');
  });
});

function validationMessage(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    if (err instanceof ValidationError) return err.message;
    throw err;
  }
  throw new Error('expected a ValidationError');
}

describe('hours argument', () => {
  it('reads HH:MM-HH:MM, with or without spaces or a leading zero', () => {
    expect(parseHours('08:30-16:30')).toEqual({ start: '08:30', end: '16:30' });
    expect(parseHours(' 8:30 - 16:30 ')).toEqual({ start: '08:30', end: '16:30' });
    expect(parseHours('07:00 to 15:00')).toEqual({ start: '07:00', end: '15:00' });
  });

  it('explains the format when it cannot read the hours', () => {
    for (const bad of ['9-5', '08:30', '25:00-26:00', '08:30-16:75']) {
      expect(validationMessage(() => parseHours(bad))).toBe('Give your hours as HH:MM-HH:MM in 24-hour time, e.g. 08:30-16:30.');
    }
  });

  it('refuses a window that ends before it starts', () => {
    expect(validationMessage(() => parseHours('17:00-09:00'))).toBe('The working window must end after it starts, e.g. 08:30-16:30.');
  });
});

describe('every argument', () => {
  it('reads minutes, with or without a unit, and hours', () => {
    expect(parseEvery('45')).toBe(45);
    expect(parseEvery('30m')).toBe(30);
    expect(parseEvery('90 minutes')).toBe(90);
    expect(parseEvery('2h')).toBe(120);
  });

  it('refuses intervals outside 15..240 minutes and anything that is not a whole number', () => {
    for (const bad of ['10', '241', '5h', 'often', '45.5', '']) {
      expect(validationMessage(() => parseEvery(bad))).toBe('Give the minutes between breaks as a whole number from 15 to 240, e.g. every 45.');
    }
  });
});

describe('days argument', () => {
  it('reads ranges, lists, names and shorthands', () => {
    expect(parseDays('mon-fri')).toEqual([1, 2, 3, 4, 5]);
    expect(parseDays('mon,tue,thu')).toEqual([1, 2, 4]);
    expect(parseDays('Mon, Tue and Thursday')).toEqual([1, 2, 4]);
    expect(parseDays('weekdays')).toEqual([1, 2, 3, 4, 5]);
    expect(parseDays('everyday')).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(parseDays('every day')).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(parseDays('sat-sun')).toEqual([6, 7]);
    expect(parseDays('mon - wed, fri, mon')).toEqual([1, 2, 3, 5]);
  });

  it('refuses a range that wraps past Sunday and suggests a list', () => {
    expect(validationMessage(() => parseDays('fri-mon'))).toContain('list the days instead');
  });

  it('names a word it does not know as a day', () => {
    expect(validationMessage(() => parseDays('mon,funday'))).toContain('"funday"');
    expect(validationMessage(() => parseDays('mon-fri-sat'))).toContain('"mon-fri-sat"');
    expect(validationMessage(() => parseDays('constructor'))).toContain('"constructor"');
    expect(validationMessage(() => parseDays(''))).toContain('Say which days');
  });
});

describe('time zone argument', () => {
  it('accepts an exact IANA name and fixes its letter case', () => {
    expect(parseTimezone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(parseTimezone('europe/berlin')).toBe('Europe/Berlin');
    expect(parseTimezone('America/New York')).toBe('America/New_York');
  });

  it('names the zone it does not know', () => {
    expect(validationMessage(() => parseTimezone('Berlin'))).toBe(
      'I do not know the time zone "Berlin". Use an IANA name such as Europe/Berlin or America/New_York.',
    );
    expect(validationMessage(() => parseTimezone('  '))).toBe('Say which time zone, e.g. timezone Europe/Berlin.');
  });
});

describe('pause argument', () => {
  const now = Date.parse('2026-06-10T13:00:00Z');
  const zone = 'Europe/Berlin';

  it('reads minutes, hours, days and combinations as a time from now', () => {
    expect(parsePause('30m', now, zone)).toBe(now + 30 * 60_000);
    expect(parsePause('90m', now, zone)).toBe(now + 90 * 60_000);
    expect(parsePause('2h', now, zone)).toBe(now + 2 * 3_600_000);
    expect(parsePause('1h30m', now, zone)).toBe(now + 90 * 60_000);
    expect(parsePause('1d', now, zone)).toBe(now + 86_400_000);
    expect(parsePause('for 3 days', now, zone)).toBe(now + 3 * 86_400_000);
  });

  it('keeps the local wall time when a day-long pause crosses a clock change', () => {
    // Saturday 2026-03-07 12:00 EST + 1d = Sunday 12:00 EDT, 23 hours later.
    const before = Date.parse('2026-03-07T17:00:00Z');
    expect(parsePause('1d', before, 'America/New_York')).toBe(before + 23 * 3_600_000);
  });

  it('ends an "until" pause at the start of that date in the member zone', () => {
    expect(parsePause('until 2026-07-01', now, zone)).toBe(Date.parse('2026-06-30T22:00:00Z'));
    expect(parsePause('Until 2026-07-01', now, 'America/New_York')).toBe(Date.parse('2026-07-01T04:00:00Z'));
  });

  it('refuses a date that is not in the future', () => {
    expect(validationMessage(() => parsePause('until 2026-06-10', now, zone))).toBe('2026-06-10 is not in the future: pick a later date.');
    expect(validationMessage(() => parsePause('until 2026-01-01', now, zone))).toContain('not in the future');
  });

  it('refuses pauses longer than 90 days', () => {
    expect(parsePause('90d', now, zone)).toBe(now + 90 * 86_400_000);
    expect(validationMessage(() => parsePause('91d', now, zone))).toContain('at most 90 days');
    expect(validationMessage(() => parsePause('until 2027-01-01', now, zone))).toContain('at most 90 days');
  });

  it('explains the format for anything else', () => {
    for (const bad of ['soon', '2 weeks', 'until tomorrow', 'until 2026-02-30', '']) {
      expect(() => parsePause(bad, now, zone), bad).toThrow(ValidationError);
    }
    expect(validationMessage(() => parsePause('0m', now, zone))).toContain('needs a length');
  });
});

describe('formatting workdays', () => {
  it('writes runs of three or more days as ranges and the rest as a list', () => {
    expect(formatDays([1, 2, 3, 4, 5])).toBe('Mon-Fri');
    expect(formatDays([1, 2, 4])).toBe('Mon, Tue, Thu');
    expect(formatDays([5, 1, 2, 3])).toBe('Mon-Wed, Fri');
    expect(formatDays([6, 7])).toBe('Sat, Sun');
    expect(formatDays([1, 2, 3, 4, 5, 6, 7])).toBe('Mon-Sun');
    expect(formatDays([])).toBe('no days');
  });

  it('reads back what parseDays understood', () => {
    expect(formatDays(parseDays('mon,tue,thu'))).toBe('Mon, Tue, Thu');
  });
});
