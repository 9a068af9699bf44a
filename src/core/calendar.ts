// Local calendar days and ISO weeks in IANA zones. Every zone computation goes through luxon.
import { DateTime, IANAZone } from 'luxon';

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** True for a name luxon (and so the platform's ICU data) knows, e.g. "Europe/Berlin" or "UTC". */
export function isValidTimezone(name: string): boolean {
  return typeof name === 'string' && name.length > 0 && name.trim() === name && IANAZone.isValidZone(name);
}

/** Capital letter at the start of each part of a zone name: "america/new_york" -> "America/New_York". */
function titleCaseZone(name: string): string {
  return name.toLowerCase().replace(/(^|[/_-])([a-z])/g, (_, separator: string, letter: string) => separator + letter.toUpperCase());
}

/** The proper spelling of a zone name ("europe/berlin" -> "Europe/Berlin"), or null if unknown. */
export function canonicalTimezone(name: string): string | null {
  if (!isValidTimezone(name)) return null;
  // Intl matches names case-insensitively and reports its own spelling...
  const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  if (resolved.toLowerCase() === name.toLowerCase()) return resolved;
  // ...but for some zones that is an older alias ("Asia/Kolkata" -> "Asia/Calcutta"): keep the name asked for, well cased.
  if (name === titleCaseZone(name)) return name;
  const titled = titleCaseZone(name);
  return isValidTimezone(titled) ? titled : resolved;
}

/** The instant `instantMs` as a wall-clock date-time in `timezone`; throws on an unknown zone. */
export function zonedDateTime(instantMs: number, timezone: string): DateTime<true> {
  const dt = DateTime.fromMillis(instantMs, { zone: timezone });
  if (!dt.isValid) throw new RangeError(`cannot place ${instantMs} in time zone "${timezone}": ${dt.invalidExplanation ?? dt.invalidReason}`);
  return dt;
}

/** A "YYYY-MM-DD" string as a calendar date (zone-free: held in UTC); throws on anything else. */
function calendarDate(day: string): DateTime<true> {
  const dt = DateTime.fromISO(day, { zone: 'utc' });
  if (!DAY_PATTERN.test(day) || !dt.isValid) throw new RangeError(`not a calendar day (YYYY-MM-DD): "${day}"`);
  return dt;
}

function formatWeekKey(weekYear: number, weekNumber: number): string {
  return `${weekYear}-W${String(weekNumber).padStart(2, '0')}`;
}

/** The local date "YYYY-MM-DD" of an instant in `timezone`. */
export function localDay(instantMs: number, timezone: string): string {
  return zonedDateTime(instantMs, timezone).toISODate();
}

/** The ISO week "YYYY-Www" (Monday start, ISO week-year) of an instant in `timezone`, e.g. "2026-W53". */
export function isoWeekKey(instantMs: number, timezone: string): string {
  const dt = zonedDateTime(instantMs, timezone);
  return formatWeekKey(dt.weekYear, dt.weekNumber);
}

/** The ISO week "YYYY-Www" a local date belongs to. */
export function weekKeyOfDay(day: string): string {
  const dt = calendarDate(day);
  return formatWeekKey(dt.weekYear, dt.weekNumber);
}

/** ISO weekday of a local date: 1 = Monday .. 7 = Sunday. */
export function isoWeekday(day: string): number {
  return calendarDate(day).weekday;
}

export function previousDay(day: string): string {
  return calendarDate(day).minus({ days: 1 }).toISODate();
}

export function nextDay(day: string): string {
  return calendarDate(day).plus({ days: 1 }).toISODate();
}

/**
 * The instant of local wall time `minuteOfDay` (minutes after midnight) on `day` in `timezone`.
 * A wall time inside a spring-forward gap moves forward by the gap; one that occurs twice means the earlier instant.
 */
export function localWallTimeMs(day: string, minuteOfDay: number, timezone: string): number {
  const date = calendarDate(day);
  const wall = DateTime.fromObject(
    { year: date.year, month: date.month, day: date.day, hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 },
    { zone: timezone },
  );
  if (!wall.isValid) throw new RangeError(`cannot place ${day} minute ${minuteOfDay} in time zone "${timezone}": ${wall.invalidReason}`);
  // luxon's own pick for a repeated wall time differs between zones, so choose the earliest candidate explicitly.
  const candidates = wall.getPossibleOffsets().map((dt) => dt.toMillis());
  return candidates.length > 0 ? Math.min(...candidates) : wall.toMillis();
}

/** Day starts are fixed facts of the zone data, and the scheduler asks for the same few again and again. */
const dayStartCache = new Map<string, number>();
const DAY_START_CACHE_LIMIT = 4096;

/** The first instant of a local date in `timezone` (01:00 where midnight itself is skipped). */
export function dayStartMs(day: string, timezone: string): number {
  const key = `${timezone} ${day}`;
  const cached = dayStartCache.get(key);
  if (cached !== undefined) return cached;
  const start = localWallTimeMs(day, 0, timezone);
  if (dayStartCache.size >= DAY_START_CACHE_LIMIT) dayStartCache.clear();
  dayStartCache.set(key, start);
  return start;
}
