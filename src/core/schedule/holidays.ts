// Pure: public-holiday calendars from the maintained date-holidays data (countries and their states or regions).
// A calendar is named "<country>" or "<country>-<region>" (ISO 3166 codes as date-holidays knows them: "US", "AU-VIC").
// Only holidays of type "public" count; bank, school, optional days and observances do not stop prompts.
import { createRequire } from 'node:module';
import type HolidaysOfCountry from 'date-holidays';
import { ValidationError } from '../errors.ts';
import { HOLIDAY_COUNTRIES } from './holiday-countries.ts';

/** date-holidays parses every country's rules when loaded (~0.2 s, ~20 MB): loaded when a region or a calendar's days are
 * first needed, not at start-up (a country alone is checked against HOLIDAY_COUNTRIES). */
let holidaysClass: typeof HolidaysOfCountry | null = null;
function holidaysLibrary(): typeof HolidaysOfCountry {
  holidaysClass ??= createRequire(import.meta.url)('date-holidays') as typeof HolidaysOfCountry;
  return holidaysClass;
}

const CALENDAR = /^([a-z]{2})(?:-([a-z0-9]{1,3}))?$/i;

/** The canonical name of a calendar ("au-vic" -> "AU-VIC"), or a ValidationError that says what is known. */
export function parseHolidayCalendar(text: string): string {
  const match = CALENDAR.exec(text.trim());
  const country = match?.[1]?.toUpperCase();
  if (!match || country === undefined || !HOLIDAY_COUNTRIES.has(country)) {
    throw new ValidationError(`"${text.trim().slice(0, 20)}" is not a holiday calendar I know: use a country code such as US, GB or DE, optionally with a region (AU-VIC), or "off".`);
  }
  const region = match[2]?.toUpperCase();
  if (region === undefined) return country;
  const regions = new (holidaysLibrary())().getStates(country, 'en') ?? {};
  if (regions[region] === undefined) {
    const known = Object.keys(regions).slice(0, 12).join(', ');
    throw new ValidationError(`${country} has no region "${region}"${known ? `; its regions are ${known}` : ''}.`);
  }
  return `${country}-${region}`;
}

/** A calendar's public holidays of one year as local dates, kept: each (calendar, year) is computed once. */
const yearCache = new Map<string, ReadonlySet<string>>();
const YEAR_CACHE_LIMIT = 2048;

export function publicHolidays(calendar: string, year: number): ReadonlySet<string> {
  const key = `${calendar} ${year}`;
  const cached = yearCache.get(key);
  if (cached) return cached;
  const [country = '', region] = calendar.split('-');
  const Holidays = holidaysLibrary();
  const source = region === undefined ? new Holidays(country) : new Holidays(country, region);
  // date-holidays gives each holiday's local date as "YYYY-MM-DD hh:mm:ss" in the country's own calendar.
  const days = new Set(source.getHolidays(year).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
  if (yearCache.size >= YEAR_CACHE_LIMIT) yearCache.clear();
  yearCache.set(key, days);
  return days;
}

/** True when local date `day` (YYYY-MM-DD) is a public holiday of `calendar`. */
export function isPublicHoliday(calendar: string, day: string): boolean {
  return publicHolidays(calendar, Number(day.slice(0, 4))).has(day);
}

/** The calendar's public holidays from `fromDay` to `toDay` (inclusive, local dates), oldest first. */
export function publicHolidaysBetween(calendar: string, fromDay: string, toDay: string): string[] {
  const days: string[] = [];
  for (let year = Number(fromDay.slice(0, 4)); year <= Number(toDay.slice(0, 4)); year += 1) {
    for (const day of publicHolidays(calendar, year)) if (day >= fromDay && day <= toDay) days.push(day);
  }
  return days.sort();
}

/** Zones whose country is not the zone's own city prefix; the rest are read from the locale or left unsuggested. */
const ZONE_COUNTRY: Record<string, string> = {
  'America/New_York': 'US', 'America/Chicago': 'US', 'America/Denver': 'US', 'America/Los_Angeles': 'US', 'America/Phoenix': 'US',
  'America/Anchorage': 'US', 'Pacific/Honolulu': 'US', 'America/Toronto': 'CA', 'America/Vancouver': 'CA', 'America/Mexico_City': 'MX',
  'America/Sao_Paulo': 'BR', 'Europe/London': 'GB', 'Europe/Dublin': 'IE', 'Europe/Berlin': 'DE', 'Europe/Paris': 'FR',
  'Europe/Madrid': 'ES', 'Europe/Rome': 'IT', 'Europe/Amsterdam': 'NL', 'Europe/Brussels': 'BE', 'Europe/Vienna': 'AT',
  'Europe/Zurich': 'CH', 'Europe/Stockholm': 'SE', 'Europe/Oslo': 'NO', 'Europe/Copenhagen': 'DK', 'Europe/Helsinki': 'FI',
  'Europe/Warsaw': 'PL', 'Europe/Prague': 'CZ', 'Europe/Lisbon': 'PT', 'Asia/Tokyo': 'JP', 'Asia/Kolkata': 'IN',
  'Asia/Singapore': 'SG', 'Asia/Shanghai': 'CN', 'Asia/Seoul': 'KR', 'Australia/Sydney': 'AU-NSW', 'Australia/Melbourne': 'AU-VIC',
  'Australia/Brisbane': 'AU-QLD', 'Australia/Perth': 'AU-WA', 'Australia/Adelaide': 'AU-SA', 'Pacific/Auckland': 'NZ',
};

/** A calendar to suggest from a locale ("en-AU") or, failing that, the zone; null when neither says. Never applied silently. */
export function suggestHolidayCalendar(timezone: string, locale?: string | undefined): string | null {
  const country = locale ? /[-_]([a-z]{2})$/i.exec(locale)?.[1]?.toUpperCase() : undefined;
  const fromZone = ZONE_COUNTRY[timezone] ?? null;
  if (country !== undefined && HOLIDAY_COUNTRIES.has(country)) return fromZone?.startsWith(`${country}-`) ? fromZone : country;
  return fromZone;
}
