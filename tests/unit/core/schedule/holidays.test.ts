// Public-holiday calendars from date-holidays: names checked, public holidays only, suggestions from locale or zone.
import { createRequire } from 'node:module';
import type Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { HOLIDAY_COUNTRIES } from '../../../../src/core/schedule/holiday-countries.ts';
import { isPublicHoliday, parseHolidayCalendar, publicHolidaysBetween, suggestHolidayCalendar } from '../../../../src/core/schedule/holidays.ts';

describe('holiday calendars', () => {
  it('names are read in any case and spelled canonically; unknown countries and regions are refused with what is known', () => {
    expect(parseHolidayCalendar(' us ')).toBe('US');
    expect(parseHolidayCalendar('au-vic')).toBe('AU-VIC');
    expect(() => parseHolidayCalendar('XX')).toThrow(/"XX" is not a holiday calendar/);
    expect(() => parseHolidayCalendar('US; DROP TABLE')).toThrow(/not a holiday calendar/);
    expect(() => parseHolidayCalendar('AU-ZZ')).toThrow(/AU has no region "ZZ"; its regions are ACT, NSW/);
  });

  it('Thanksgiving 2026 is a US public holiday; the day after is not', () => {
    expect(isPublicHoliday('US', '2026-11-26')).toBe(true);
    expect(isPublicHoliday('US', '2026-11-27')).toBe(false);
  });

  it('only public holidays count: a regional one for its region, and no observances', () => {
    // Melbourne Cup day is a public holiday in Victoria only.
    expect(isPublicHoliday('AU-VIC', '2026-11-03')).toBe(true);
    expect(isPublicHoliday('AU-NSW', '2026-11-03')).toBe(false);
    // Halloween is an observance in the US data, not a day off.
    expect(isPublicHoliday('US', '2026-10-31')).toBe(false);
    expect(publicHolidaysBetween('US', '2026-11-01', '2027-01-01')).toEqual(['2026-11-11', '2026-11-26', '2026-12-25', '2027-01-01']);
  });

  it('a calendar is suggested from the locale first, then the zone, and none when neither says', () => {
    expect(suggestHolidayCalendar('Australia/Melbourne', 'en-AU')).toBe('AU-VIC');
    expect(suggestHolidayCalendar('Europe/London', 'de-DE')).toBe('DE');
    expect(suggestHolidayCalendar('America/Chicago')).toBe('US');
    expect(suggestHolidayCalendar('UTC')).toBeNull();
  });

  it('the countries kept in holiday-countries.ts are exactly those date-holidays has calendars for', () => {
    const Library = createRequire(import.meta.url)('date-holidays') as typeof Holidays;
    expect([...HOLIDAY_COUNTRIES].sort()).toEqual(Object.keys(new Library().getCountries('en')).sort());
  });
});
