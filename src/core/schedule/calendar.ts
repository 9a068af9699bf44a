// Local calendar days and ISO weeks in IANA zones. Zone offsets and clock changes come from luxon and Intl (the
// platform's ICU time-zone data); the date-only steps (next day, weekday, ISO week) are plain integer arithmetic.
import { DateTime, IANAZone } from 'luxon';
import { BoundedMemo } from '../memo.ts';

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
/** What the en-US formatter below prints, e.g. "11/25/2026, 09:05". */
const WALL_CLOCK_PATTERN = /^(\d{1,2})\/(\d{1,2})\/(\d{1,})(?:,|) (\d{2}):(\d{2})$/;

/** True for a name luxon (and so the platform's ICU data) knows, e.g. "Europe/Berlin" or "UTC". */
export function isValidTimezone(name: string): boolean {
  if (typeof name !== 'string' || name.length === 0 || name.trim() !== name) return false;
  // luxon builds an Intl formatter to answer (about 0.3 ms), and every Teams click and enrolment asks.
  return zoneValidity.get(name, (zone) => IANAZone.isValidZone(zone));
}

/** Names come from users and platforms: the memo is bounded. */
const zoneValidity = new BoundedMemo<string, boolean>(1024);

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

// ---- calendar dates as whole days since 1970-01-01 (proleptic Gregorian; no zone involved)

/** Days from 1970-01-01 to a civil date (H. Hinnant's days_from_civil); `month` 1-12. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The civil date of a day number (H. Hinnant's civil_from_days) as [year, month 1-12, day]. */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return [month <= 2 ? yearOfEra + era * 400 + 1 : yearOfEra + era * 400, month, day];
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

/** A "YYYY-MM-DD" string as its day number; throws on anything else (including 2026-02-30). */
function dayNumber(day: string): number {
  const match = DAY_PATTERN.exec(day);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  const dayOfMonth = Number(match?.[3]);
  if (!match || month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > daysInMonth(year, month)) {
    throw new RangeError(`not a calendar day (YYYY-MM-DD): "${day}"`);
  }
  return daysFromCivil(year, month, dayOfMonth);
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

function formatDay(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

function dayOfNumber(days: number): string {
  const [year, month, day] = civilFromDays(days);
  return formatDay(year, month, day);
}

/** ISO weekday of a day number: 1970-01-01 was a Thursday (4). */
function weekdayOfNumber(days: number): number {
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

function formatWeekKey(weekYear: number, weekNumber: number): string {
  return `${weekYear}-W${pad2(weekNumber)}`;
}

/** ISO week of a day number: the week belongs to the year of its Thursday, and week 1 holds that year's first Thursday. */
function weekKeyOfNumber(days: number): string {
  const thursday = days - weekdayOfNumber(days) + 4;
  const [weekYear] = civilFromDays(thursday);
  return formatWeekKey(weekYear, Math.floor((thursday - daysFromCivil(weekYear, 1, 1)) / 7) + 1);
}

// ---- wall-clock readings of instants, through one cached Intl formatter per zone

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** Formatters are costly to build and zones are few: one per zone. */
const wallClockFormats = new BoundedMemo<string, Intl.DateTimeFormat>(1024);

function wallClockFormat(timezone: string): Intl.DateTimeFormat {
  return wallClockFormats.get(timezone, () => {
    if (!isValidTimezone(timezone)) throw new RangeError(`unknown time zone "${timezone}"`);
    return new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      numberingSystem: 'latn',
    });
  });
}

/** Readings already made: the members of one tick share their slot instant, and it is read several times each. */
const wallClockReadings = new BoundedMemo<string, WallClock>(4096);

/** The local date and time of an instant in `timezone` (seconds dropped); throws on an unknown zone. */
function wallClock(instantMs: number, timezone: string): WallClock {
  return wallClockReadings.get(`${instantMs} ${timezone}`, () => {
    const format = wallClockFormat(timezone);
    if (!Number.isFinite(instantMs)) throw new RangeError(`cannot place ${instantMs} in time zone "${timezone}"`);
    return readWallClock(format, instantMs);
  });
}

function readWallClock(format: Intl.DateTimeFormat, instantMs: number): WallClock {
  // format() and a pattern are several times quicker than formatToParts(), which stays the fallback for any other shape.
  const match = WALL_CLOCK_PATTERN.exec(format.format(instantMs));
  if (match) {
    return Object.freeze({ year: Number(match[3]), month: Number(match[1]), day: Number(match[2]), hour: Number(match[4]), minute: Number(match[5]) });
  }
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of format.formatToParts(instantMs)) parts[part.type] = Number(part.value);
  return Object.freeze({ year: parts.year ?? Number.NaN, month: parts.month ?? Number.NaN, day: parts.day ?? Number.NaN, hour: parts.hour ?? 0, minute: parts.minute ?? 0 });
}

// ---- the calendar API

/** The local date "YYYY-MM-DD" of an instant in `timezone`. */
export function localDay(instantMs: number, timezone: string): string {
  const { year, month, day } = wallClock(instantMs, timezone);
  return formatDay(year, month, day);
}

/** Local wall time "HH:MM" of an instant in `timezone`. */
export function localTimeOfDay(instantMs: number, timezone: string): string {
  const { hour, minute } = wallClock(instantMs, timezone);
  return `${pad2(hour)}:${pad2(minute)}`;
}

/** The ISO week "YYYY-Www" (Monday start, ISO week-year) of an instant in `timezone`, e.g. "2026-W53". */
export function isoWeekKey(instantMs: number, timezone: string): string {
  const { year, month, day } = wallClock(instantMs, timezone);
  return weekKeyOfNumber(daysFromCivil(year, month, day));
}

/** ISO weekday of a local date: 1 = Monday .. 7 = Sunday. */
export function isoWeekday(day: string): number {
  return weekdayOfNumber(dayNumber(day));
}

export function previousDay(day: string): string {
  return dayOfNumber(dayNumber(day) - 1);
}

export function nextDay(day: string): string {
  return dayOfNumber(dayNumber(day) + 1);
}

/**
 * The instant of local wall time `minuteOfDay` (minutes after midnight) on `day` in `timezone`.
 * A wall time inside a spring-forward gap moves forward by the gap; one that occurs twice means the earlier instant.
 */
export function localWallTimeMs(day: string, minuteOfDay: number, timezone: string): number {
  const [year, month, dayOfMonth] = civilFromDays(dayNumber(day));
  const wall = DateTime.fromObject(
    { year, month, day: dayOfMonth, hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 },
    { zone: timezone },
  );
  if (!wall.isValid) throw new RangeError(`cannot place ${day} minute ${minuteOfDay} in time zone "${timezone}": ${wall.invalidReason}`);
  // luxon's own pick for a repeated wall time differs between zones, so choose the earliest candidate explicitly.
  const candidates = wall.getPossibleOffsets().map((dt) => dt.toMillis());
  return candidates.length > 0 ? Math.min(...candidates) : wall.toMillis();
}

/** Day starts are fixed facts of the zone data, and the scheduler asks for the same few again and again. */
const dayStarts = new BoundedMemo<string, number>(4096);

/** The first instant of a local date in `timezone` (01:00 where midnight itself is skipped). */
export function dayStartMs(day: string, timezone: string): number {
  return dayStarts.get(`${timezone} ${day}`, () => localWallTimeMs(day, 0, timezone));
}
