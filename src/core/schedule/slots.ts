// Pure: working hours + interval + IANA zone -> prompt instants. Slots are local wall times; luxon maps them to instants.
import type { Schedule } from '../model.ts';
import { dayStartMs, isoWeekday, localDay, localTimeOfDay, localWallTimeMs, nextDay, previousDay } from './calendar.ts';
import { BoundedMemo } from '../memo.ts';

/** Days searched forward; any non-empty week pattern has a slot within 8, the rest is margin for odd zones. */
const SEARCH_DAYS = 16;
const MINUTES_PER_DAY = 24 * 60;
const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = MINUTES_PER_DAY * MS_PER_MINUTE;

/** Minutes after midnight of a wall time "HH:MM" (a lone "H:MM" and "24:00" are accepted too). */
function wallMinutes(label: string, field: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(label);
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
  if (!match || Number(match[2]) > 59 || !(minutes <= MINUTES_PER_DAY)) {
    throw new RangeError(`schedule ${field} must be a wall time "HH:MM", got "${label}"`);
  }
  return minutes;
}

/** The wall-clock minutes of every slot in the window: start + k*interval (k >= 1) while before end. */
export function slotMinutesOfWindow(schedule: Pick<Schedule, 'start' | 'end' | 'intervalMinutes'>): number[] {
  const start = wallMinutes(schedule.start, 'start');
  const end = wallMinutes(schedule.end, 'end');
  const interval = schedule.intervalMinutes;
  if (!Number.isFinite(interval) || interval <= 0) {
    throw new RangeError(`schedule intervalMinutes must be a positive number, got ${interval}`);
  }
  const minutes: number[] = [];
  for (let slot = start + interval; slot < end; slot += interval) minutes.push(slot);
  return minutes;
}

/**
 * Slot instants of local date `day`, ascending and distinct. `dayStart` and `nextDayStart` are the first
 * instants of `day` and of the day after (from luxon).
 */
function slotsOf(day: string, minutes: readonly number[], timezone: string, dayStart: number, nextDayStart: number): number[] {
  if (nextDayStart - dayStart === MS_PER_DAY) {
    // No clock change that day: wall minutes after midnight are elapsed minutes after the day's first instant.
    return minutes.map((minute) => dayStart + minute * MS_PER_MINUTE);
  }
  // A day with a clock change: luxon places each wall time (a gap moves it forward, a repeat takes the earlier).
  const instants = minutes.map((minute) => localWallTimeMs(day, minute, timezone));
  // A gap can map two wall times to one instant (02:30 -> 03:30 next to a real 03:30); keep it once, in order.
  return [...new Set(instants)].sort((a, b) => a - b);
}

/** Epoch ms of each prompt slot on local date `isoDate` (YYYY-MM-DD), ascending and distinct; [] on a day off. */
export function slotsOnLocalDay(schedule: Schedule, isoDate: string): number[] {
  if (!schedule.workdays.includes(isoWeekday(isoDate))) return [];
  const { timezone } = schedule;
  return slotsOf(isoDate, slotMinutesOfWindow(schedule), timezone, dayStartMs(isoDate, timezone), dayStartMs(nextDay(isoDate), timezone));
}

/**
 * The first prompt instant strictly after `after`, or null when the schedule has no slots at all
 * (no workdays, or a window too short for one interval). Extra fields on `schedule` are ignored.
 */
export function nextPromptAt(schedule: Schedule, after: Date): Date | null {
  const afterMs = after.getTime();
  if (Number.isNaN(afterMs)) throw new RangeError('nextPromptAt needs a valid "after" date');
  // The members of one tick mostly share a schedule and the instant asked about, so the answer is often known.
  const key = `${schedule.timezone}|${schedule.workdays.join(',')}|${schedule.start}|${schedule.end}|${schedule.intervalMinutes}|${afterMs}`;
  const found = answers.get(key, () => searchNextPromptAt(schedule, afterMs));
  return found === null ? null : new Date(found);
}

/** Recent answers of nextPromptAt, by schedule and instant; cleared whole when full. */
const answers = new BoundedMemo<string, number | null>(4096);

function searchNextPromptAt(schedule: Schedule, afterMs: number): number | null {
  const minutes = slotMinutesOfWindow(schedule);
  if (schedule.workdays.length === 0 || minutes.length === 0) return null;
  const { timezone, workdays } = schedule;
  // Start a day early: a late slot pushed forward by a gap can land on the next local date.
  let day = previousDay(localDay(afterMs, timezone));
  let dayStart = dayStartMs(day, timezone);
  for (let searched = 0; searched < SEARCH_DAYS; searched += 1) {
    const following = nextDay(day);
    const followingStart = dayStartMs(following, timezone);
    if (workdays.includes(isoWeekday(day))) {
      // Strictly later than `after`: calling again with the previous result never returns it twice.
      const next = slotsOf(day, minutes, timezone, dayStart, followingStart).find((slot) => slot > afterMs);
      if (next !== undefined) return next;
    }
    day = following;
    dayStart = followingStart;
  }
  return null;
}

/** The first instant of the local day after the one holding `instantMs`: a prompt expires then. */
export function endOfLocalDay(instantMs: number, timezone: string): number {
  return dayStartMs(nextDay(localDay(instantMs, timezone)), timezone);
}

/** Local wall time "HH:MM" of an instant, for prompt headers. */
export function localTimeLabel(instantMs: number, timezone: string): string {
  return localTimeOfDay(instantMs, timezone);
}
