import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  canonicalTimezone,
  dayStartMs,
  isValidTimezone,
  isoWeekday,
  isoWeekKey,
  localDay,
  localTimeOfDay,
  localWallTimeMs,
  nextDay,
  previousDay,
} from '../../../../src/core/schedule/calendar.ts';

const at = (text: string): number => Date.parse(text);
const iso = (ms: number): string => new Date(ms).toISOString();
/** The ISO week of a local date: the week key of its noon in UTC. */
const weekKeyOfDay = (day: string): string => isoWeekKey(Date.parse(`${day}T12:00:00Z`), 'UTC');

describe('local days', () => {
  it('puts the same instant on different local dates in different zones', () => {
    const instant = at('2026-06-01T23:30:00Z');
    expect(localDay(instant, 'Europe/Berlin')).toBe('2026-06-02');
    expect(localDay(instant, 'America/New_York')).toBe('2026-06-01');
    expect(localDay(instant, 'UTC')).toBe('2026-06-01');
  });

  it('steps back and forward across month, year and leap-day boundaries', () => {
    expect(previousDay('2026-03-01')).toBe('2026-02-28');
    expect(previousDay('2028-03-01')).toBe('2028-02-29');
    expect(previousDay('2027-01-01')).toBe('2026-12-31');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
  });

  it('names ISO weekdays with Monday as 1 and Sunday as 7', () => {
    expect(isoWeekday('2026-06-01')).toBe(1);
    expect(isoWeekday('2026-06-07')).toBe(7);
  });

  it('refuses a string that is not a YYYY-MM-DD date', () => {
    expect(() => previousDay('2026-13-01')).toThrow(RangeError);
    expect(() => isoWeekday('June 1st')).toThrow(RangeError);
  });
});

describe('ISO week keys', () => {
  it('keeps the last days of 2026 and the first of 2027 in week 2026-W53, as luxon does', () => {
    for (const day of ['2026-12-28', '2026-12-31', '2027-01-01', '2027-01-03']) {
      expect(weekKeyOfDay(day)).toBe('2026-W53');
      expect(weekKeyOfDay(day)).toBe(DateTime.fromISO(day).toFormat("kkkk-'W'WW"));
    }
  });

  it('starts 2027-W01 on Monday 2027-01-04', () => {
    expect(weekKeyOfDay('2027-01-04')).toBe('2027-W01');
    expect(isoWeekKey(at('2027-01-04T12:00:00Z'), 'UTC')).toBe('2027-W01');
  });

  it('starts a new week at Monday midnight in the given zone', () => {
    // Sunday 23:30 UTC is already Monday morning in Berlin.
    const instant = at('2026-12-27T23:30:00Z');
    expect(isoWeekKey(instant, 'UTC')).toBe('2026-W52');
    expect(isoWeekKey(instant, 'Europe/Berlin')).toBe('2026-W53');
  });

  it('pads single-digit weeks to two digits', () => {
    expect(weekKeyOfDay('2026-01-05')).toBe('2026-W02');
  });
});

describe('day starts and wall times', () => {
  it('starts an ordinary day at local midnight', () => {
    expect(iso(dayStartMs('2026-06-01', 'Europe/Berlin'))).toBe('2026-05-31T22:00:00.000Z');
  });

  it('starts a day whose midnight is skipped at the first instant that exists (01:00 in Santiago)', () => {
    expect(iso(dayStartMs('2026-09-06', 'America/Santiago'))).toBe('2026-09-06T04:00:00.000Z');
  });

  it('starts a day whose midnight happens twice at the first of them (Havana fall back)', () => {
    expect(iso(dayStartMs('2026-11-01', 'America/Havana'))).toBe('2026-11-01T04:00:00.000Z');
  });

  it('moves a wall time in a spring-forward gap forward by the gap', () => {
    expect(iso(localWallTimeMs('2026-03-08', 150, 'America/New_York'))).toBe('2026-03-08T07:30:00.000Z');
  });

  it('maps a repeated wall time to its earlier instant', () => {
    expect(iso(localWallTimeMs('2026-11-01', 90, 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
    expect(iso(localWallTimeMs('2026-04-05', 150, 'Australia/Melbourne'))).toBe('2026-04-04T15:30:00.000Z');
  });
});

describe('time zone names', () => {
  it('knows IANA names and UTC', () => {
    expect(isValidTimezone('Europe/Berlin')).toBe(true);
    expect(isValidTimezone('Pacific/Chatham')).toBe(true);
    expect(isValidTimezone('UTC')).toBe(true);
  });

  it('rejects names that are not zones', () => {
    expect(isValidTimezone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimezone('')).toBe(false);
    expect(isValidTimezone(' Europe/Berlin')).toBe(false);
  });

  it('spells a zone name the canonical way whatever its letter case', () => {
    expect(canonicalTimezone('europe/berlin')).toBe('Europe/Berlin');
    expect(canonicalTimezone('AMERICA/NEW_YORK')).toBe('America/New_York');
    expect(canonicalTimezone('Nowhere/Special')).toBeNull();
  });

  it('keeps the current name of a renamed zone rather than its old alias', () => {
    expect(canonicalTimezone('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(canonicalTimezone('europe/kyiv')).toBe('Europe/Kyiv');
    expect(canonicalTimezone('america/port-au-prince')).toBe('America/Port-au-Prince');
  });
});

describe('agreement with luxon over many dates and zones', () => {
  const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'America/Santiago', 'Asia/Kolkata', 'Pacific/Chatham', 'Pacific/Kiritimati', 'America/St_Johns', 'Australia/Lord_Howe'];

  it('steps, weekdays and ISO weeks of every day from 1999 to 2041 match luxon', () => {
    const mismatches: string[] = [];
    let dt = DateTime.fromISO('1999-01-01', { zone: 'utc' });
    for (let day = '1999-01-01'; day !== '2041-01-01'; day = nextDay(day)) {
      const following = dt.plus({ days: 1 });
      const ours = [isoWeekday(day), weekKeyOfDay(day), nextDay(day), previousDay(following.toISODate() ?? '')];
      const luxons = [dt.weekday, dt.toFormat("kkkk-'W'WW"), following.toISODate(), day];
      if (ours.join() !== luxons.join()) mismatches.push(`${day}: ${ours.join()} vs ${luxons.join()}`);
      dt = following;
    }
    expect(mismatches).toEqual([]);
  });

  it('local dates, times and weeks of instants around clock changes and midnights match luxon', () => {
    // A step of 97 min 17 s over two years visits every hour of the day and each zone's clock changes.
    const mismatches: string[] = [];
    const from = at('2025-12-30T00:00:00Z');
    for (let instant = from; instant < from + 2 * 366 * 86_400_000; instant += 97 * 60_000 + 17_000) {
      for (const zone of zones) {
        const dt = DateTime.fromMillis(instant, { zone });
        const ours = `${localDay(instant, zone)} ${localTimeOfDay(instant, zone)} ${isoWeekKey(instant, zone)}`;
        const luxons = `${dt.toISODate()} ${dt.toFormat('HH:mm')} ${dt.toFormat("kkkk-'W'WW")}`;
        if (ours !== luxons) mismatches.push(`${zone} ${iso(instant)}: ${ours} vs ${luxons}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('refuses days that do not exist, and unknown zones', () => {
    for (const bad of ['2026-02-29', '2026-02-30', '2026-04-31', '2026-00-10', '2026-1-01', '26-01-01']) {
      expect(() => isoWeekday(bad), bad).toThrow(RangeError);
    }
    expect(isoWeekday('2028-02-29')).toBe(2);
    expect(() => localDay(0, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
