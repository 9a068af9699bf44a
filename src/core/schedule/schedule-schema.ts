// What a valid schedule is, and the parsers that turn chat command arguments into schedule fields.
// Every message here may be shown to the person who typed the command.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { canonicalTimezone, dayStartMs, isValidTimezone, zonedDateTime } from './calendar.ts';
import { ValidationError } from '../errors.ts';
import type { Schedule } from '../model.ts';
import { slotMinutesOfWindow } from './slots.ts';

export const MIN_INTERVAL_MINUTES = 15;
export const MAX_INTERVAL_MINUTES = 240;
export const MAX_PAUSE_DAYS = 90;

const HHMM_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** An IANA zone name; the output is its canonical spelling. */
export const timezoneSchema = z
  .string()
  .trim()
  .refine(isValidTimezone, { error: (issue) => `unknown time zone "${String(issue.input)}"` })
  .transform((name) => canonicalTimezone(name) ?? name);

/** A 24-hour wall time "HH:MM", 00:00..23:59. */
export const hhmmSchema = z.string().regex(HHMM_PATTERN, 'times are 24-hour HH:MM, e.g. 09:00 or 17:30');

const workdaysSchema = z
  .array(z.number().int().min(1).max(7), { error: 'workdays are numbers from 1 (Monday) to 7 (Sunday)' })
  .refine((days) => new Set(days).size === days.length, 'each workday may appear only once');

const intervalSchema = z
  .number({ error: 'the interval is a number of minutes' })
  .int(`the interval must be a whole number of minutes from ${MIN_INTERVAL_MINUTES} to ${MAX_INTERVAL_MINUTES}`)
  .min(MIN_INTERVAL_MINUTES, `the interval must be at least ${MIN_INTERVAL_MINUTES} minutes`)
  .max(MAX_INTERVAL_MINUTES, `the interval can be at most ${MAX_INTERVAL_MINUTES} minutes`);

/** Both ends of the window are well-formed, so comparing them means something. */
function wellFormedWindow(value: { start: string; end: string }): boolean {
  return HHMM_PATTERN.test(value.start) && HHMM_PATTERN.test(value.end);
}

export const scheduleSchema = z
  .object({
    timezone: timezoneSchema,
    workdays: workdaysSchema,
    start: hhmmSchema,
    end: hhmmSchema,
    intervalMinutes: intervalSchema,
  })
  // Equal-width "HH:MM" strings order like the times they name.
  .refine((value) => !wellFormedWindow(value) || value.end > value.start, {
    message: 'the working window must end after it starts',
    path: ['end'],
  })
  // A window shorter than one interval would silently never prompt.
  .refine(
    (value) =>
      !wellFormedWindow(value) ||
      value.end <= value.start ||
      !Number.isInteger(value.intervalMinutes) ||
      value.intervalMinutes <= 0 ||
      slotMinutesOfWindow(value).length > 0,
    { message: 'the working window is shorter than one interval, so no break would come: widen the hours or shorten the interval', path: ['intervalMinutes'] },
  ) satisfies z.ZodType<Schedule, unknown>;

export const DEFAULT_SCHEDULE_FIELDS: Readonly<Omit<Schedule, 'timezone' | 'workdays'>> & { readonly workdays: readonly number[] } =
  Object.freeze({ workdays: Object.freeze([1, 2, 3, 4, 5]), start: '09:00', end: '17:00', intervalMinutes: 60 });

/** "08:30-16:30" (also "8:30 - 16:30" or "08:30 to 16:30") -> { start, end }. */
export function parseHours(text: string): { start: string; end: string } {
  const match = /^(\d{1,2}:\d{2})\s*(?:-|–|—|to)\s*(\d{1,2}:\d{2})$/i.exec(text.trim());
  const start = match?.[1]?.padStart(5, '0');
  const end = match?.[2]?.padStart(5, '0');
  if (start === undefined || end === undefined || !HHMM_PATTERN.test(start) || !HHMM_PATTERN.test(end)) {
    throw new ValidationError('Give your hours as HH:MM-HH:MM in 24-hour time, e.g. 08:30-16:30.');
  }
  if (end <= start) throw new ValidationError('The working window must end after it starts, e.g. 08:30-16:30.');
  return { start, end };
}

/** "45" (also "45m", "45 minutes", "2h") -> minutes between breaks. */
export function parseEvery(text: string): number {
  const match = /^(\d{1,4})\s*(m|min|mins|minutes?|h|hr|hrs|hours?)?$/i.exec(text.trim());
  const amount = Number(match?.[1]);
  const minutes = match?.[2]?.toLowerCase().startsWith('h') ? amount * 60 : amount;
  if (!match || minutes < MIN_INTERVAL_MINUTES || minutes > MAX_INTERVAL_MINUTES) {
    throw new ValidationError(
      `Give the minutes between breaks as a whole number from ${MIN_INTERVAL_MINUTES} to ${MAX_INTERVAL_MINUTES}, e.g. every 45.`,
    );
  }
  return minutes;
}

const DAY_WORDS: Readonly<Record<string, number>> = {
  mon: 1, monday: 1,
  tue: 2, tues: 2, tuesday: 2,
  wed: 3, weds: 3, wednesday: 3,
  thu: 4, thur: 4, thurs: 4, thursday: 4,
  fri: 5, friday: 5,
  sat: 6, saturday: 6,
  sun: 7, sunday: 7,
};

const DAY_SETS: Readonly<Record<string, readonly number[]>> = {
  weekdays: [1, 2, 3, 4, 5],
  workdays: [1, 2, 3, 4, 5],
  weekend: [6, 7],
  weekends: [6, 7],
  everyday: [1, 2, 3, 4, 5, 6, 7],
  daily: [1, 2, 3, 4, 5, 6, 7],
  all: [1, 2, 3, 4, 5, 6, 7],
};

const DAYS_HELP = 'Use mon, tue, wed, thu, fri, sat, sun, a range such as mon-fri, or weekdays / weekends / everyday.';

function dayNumber(word: string): number {
  const day = Object.hasOwn(DAY_WORDS, word) ? DAY_WORDS[word] : undefined;
  if (day === undefined) throw new ValidationError(`I do not know the day "${word}". ${DAYS_HELP}`);
  return day;
}

/** "mon-fri", "mon,tue,thu", "weekdays", "everyday", "sat-sun" -> ISO weekdays ascending. Ranges do not wrap. */
export function parseDays(text: string): number[] {
  const normalized = text.trim().toLowerCase().replace(/\s*[-–—]\s*/g, '-');
  const compact = normalized.replace(/\s+/g, '');
  const set = Object.hasOwn(DAY_SETS, compact) ? DAY_SETS[compact] : undefined;
  if (set !== undefined) return [...set];
  const tokens = normalized.split(/[\s,;]+/).filter((token) => token !== '' && token !== 'and' && token !== '&');
  if (tokens.length === 0) throw new ValidationError(`Say which days, e.g. mon-fri or mon,tue,thu. ${DAYS_HELP}`);
  const days = new Set<number>();
  for (const token of tokens) {
    const [from, to, extra] = token.split('-');
    if (from === undefined || extra !== undefined) throw new ValidationError(`I do not understand "${token}". ${DAYS_HELP}`);
    if (to === undefined) {
      days.add(dayNumber(from));
      continue;
    }
    const first = dayNumber(from);
    const last = dayNumber(to);
    if (last < first) {
      throw new ValidationError(`Day ranges run Monday to Sunday, so "${token}" does not work: list the days instead, e.g. fri,sat,sun,mon.`);
    }
    for (let day = first; day <= last; day += 1) days.add(day);
  }
  return [...days].sort((a, b) => a - b);
}

/** "Europe/Berlin" (any letter case; spaces read as underscores) -> the canonical zone name. */
export function parseTimezone(text: string): string {
  const name = text.trim().replace(/\s+/g, '_');
  if (name === '') throw new ValidationError('Say which time zone, e.g. timezone Europe/Berlin.');
  const canonical = canonicalTimezone(name);
  if (canonical === null) {
    throw new ValidationError(`I do not know the time zone "${text.trim()}". Use an IANA name such as Europe/Berlin or America/New_York.`);
  }
  return canonical;
}

const PAUSE_HELP = 'Give a pause as 30m, 2h, 1d (or combined, e.g. 1h30m), or until YYYY-MM-DD.';
const DURATION_PART = /(\d+)\s*(days?|d|hours?|hrs?|h|minutes?|mins?|m)/g;

/** Sums "1d 2h 30m" style parts; null when the text is anything else. */
function parseDuration(text: string): { days: number; hours: number; minutes: number } | null {
  if (!new RegExp(`^(?:${DURATION_PART.source}\\s*)+$`).test(text)) return null;
  const total = { days: 0, hours: 0, minutes: 0 };
  for (const [, amount, unit] of text.matchAll(DURATION_PART)) {
    const value = Number(amount);
    if (unit?.startsWith('d')) total.days += value;
    else if (unit?.startsWith('h')) total.hours += value;
    else total.minutes += value;
  }
  return total;
}

/**
 * "2h", "30m", "1d", "90m", "1h30m" or "until 2026-12-01" -> epoch ms when the pause ends.
 * "until DATE" ends at the start of that local date in `timezone`; a pause must end in the future, within 90 days.
 */
export function parsePause(text: string, now: number, timezone: string): number {
  const normalized = text.trim().toLowerCase().replace(/^for\s+/, '');
  const localNow = zonedDateTime(now, timezone);
  let endsAt: number;
  const until = /^until\s+(\S+)$/.exec(normalized);
  if (until?.[1] !== undefined) {
    const date = until[1];
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !DateTime.fromISO(date, { zone: 'utc' }).isValid) {
      throw new ValidationError('Give the date as YYYY-MM-DD, e.g. until 2026-12-01.');
    }
    endsAt = dayStartMs(date, timezone);
    if (endsAt <= now) throw new ValidationError(`${date} is not in the future: pick a later date.`);
  } else {
    const duration = parseDuration(normalized);
    if (duration === null) throw new ValidationError(PAUSE_HELP);
    // Days are calendar days in the member's zone (same wall time), hours and minutes are elapsed time.
    endsAt = localNow.plus(duration).toMillis();
    if (endsAt <= now) throw new ValidationError(`A pause needs a length. ${PAUSE_HELP}`);
  }
  if (endsAt > localNow.plus({ days: MAX_PAUSE_DAYS }).toMillis()) {
    throw new ValidationError(`A pause can last at most ${MAX_PAUSE_DAYS} days; say "stop" to end breaks for longer.`);
  }
  return endsAt;
}

/** ISO weekdays -> "Mon-Fri", "Mon, Tue, Thu", "Mon-Wed, Fri"; runs of three or more become ranges. */
export function formatDays(workdays: readonly number[]): string {
  const days = [...new Set(workdays)].filter((day) => day >= 1 && day <= 7).sort((a, b) => a - b);
  if (days.length === 0) return 'no days';
  const runs: number[][] = [];
  for (const day of days) {
    const run = runs[runs.length - 1];
    if (run !== undefined && run[run.length - 1] === day - 1) run.push(day);
    else runs.push([day]);
  }
  const name = (day: number): string => DAY_NAMES[day - 1] ?? String(day);
  return runs
    .flatMap((run) => {
      const first = run[0] ?? 0;
      const last = run[run.length - 1] ?? first;
      return run.length >= 3 ? [`${name(first)}-${name(last)}`] : run.map(name);
    })
    .join(', ');
}
