// Pure: personal and team streaks, counted over local workdays back from today.
//
// Rules (both streaks):
// - Only workdays count. A day off is skipped: it neither adds to nor breaks a streak, even with a completion on it.
// - Today never breaks a streak: it adds one if it already qualifies, otherwise counting starts from yesterday.
// - The walk stops at the first earlier workday that does not qualify, or after MAX_DAYS_BACK days.
// Personal streaks only:
// - A workday is excused when the member could not be reached for most of its working window (excused-days.ts):
//   paused, stopped, skipped for Do Not Disturb, or any other unreachable time fed in. A span that merely touches a
//   day (a 15-minute pause, DND from 16:30 to the next morning) excuses nothing.
//   An excused day with a completion counts; an excused day without one is skipped.
// - The walk also stops before the local day the member was created (`since`).
import type { InactiveSpan, TeamDay } from '../model.ts';
import { dayStartMs, localDay, nextDay, previousDay, isoWeekday } from '../schedule/calendar.ts';
import { isExcusedDay, type Excuses, type UnreachableSpan, type WorkWindow } from './excused-days.ts';

/** How far back a streak is ever counted, so an old record cannot make a read unbounded. */
export const MAX_DAYS_BACK = 400;

export interface MemberStreakInput {
  /** Completions per local day, YYYY-MM-DD -> count. */
  days: Record<string, number>;
  workdays: number[];
  timezone: string;
  /** The working window's local start and end "HH:MM"; the product's default hours when left out. */
  window?: { start: string; end: string } | undefined;
  /** Pauses, stops and slots skipped as unreachable, as the member record keeps them. */
  inactiveSpans: InactiveSpan[];
  /** More unreachable time from other sources (meetings, out of office, holidays). */
  unreachable?: readonly UnreachableSpan[] | undefined;
  /** Local days excused outright (holidays, or days settled earlier from spans no longer kept). */
  excusedDays?: readonly string[] | undefined;
  now: number;
  /** When the member was created; days before its local date are never visited. */
  since?: number | undefined;
}

/** The product's default working hours (schedule-schema.ts DEFAULT_SCHEDULE_FIELDS), for callers that give none. */
const DEFAULT_WINDOW = { start: '09:00', end: '17:00' } as const;

export interface TeamStreakInput {
  days: Record<string, TeamDay>;
  workdays: number[];
  timezone: string;
  now: number;
}

type DayVerdict = 'counts' | 'skip' | 'breaks';

/** Walks back from today's local date and counts days until one breaks the run. */
function countBack(today: string, oldest: string | null, judge: (day: string) => DayVerdict): number {
  let streak = 0;
  let day = today;
  for (let visited = 0; visited < MAX_DAYS_BACK; visited += 1, day = previousDay(day)) {
    // ISO dates compare correctly as strings.
    if (oldest !== null && day < oldest) break;
    const verdict = judge(day);
    if (verdict === 'counts') streak += 1;
    else if (verdict === 'breaks' && day !== today) break;
  }
  return streak;
}

interface ExcuseSource {
  workdays: number[];
  timezone: string;
  window?: { start: string; end: string } | undefined;
  inactiveSpans: readonly InactiveSpan[];
  unreachable?: readonly UnreachableSpan[] | undefined;
  excusedDays?: readonly string[] | undefined;
}

/** Decides excused days for one input: the spans and days gathered once, each day judged by its window. */
function excuseJudge(input: ExcuseSource): (day: string) => boolean {
  const excuses: Excuses = {
    spans: [...input.inactiveSpans.map((span): UnreachableSpan => ({ from: span.from, to: span.to, reason: span.reason ?? 'paused' })), ...(input.unreachable ?? [])],
    days: new Set(input.excusedDays ?? []),
  };
  const { start, end } = input.window ?? DEFAULT_WINDOW;
  const window: WorkWindow = { timezone: input.timezone, start, end };
  return (day) => isExcusedDay(day, window, excuses);
}

/** Consecutive own workdays with at least one completion, in the member's zone; see the rules above. */
export function memberStreak(input: MemberStreakInput): number {
  const { days, workdays, timezone, now, since } = input;
  const today = localDay(now, timezone);
  const oldest = since === undefined ? null : localDay(since, timezone);
  const excused = excuseJudge(input);
  return countBack(today, oldest, (day) => {
    if (!workdays.includes(isoWeekday(day))) return 'skip';
    if ((days[day] ?? 0) > 0) return 'counts';
    return excused(day) ? 'skip' : 'breaks';
  });
}

/** True when at least half of the team's active members completed that day. */
export function teamDayQualifies(record: TeamDay | undefined): boolean {
  return record !== undefined && record.activeMembers > 0 && record.completers * 2 >= record.activeMembers;
}

/** Consecutive team workdays (team zone) on which at least half of the active members completed. */
export function teamStreak(input: TeamStreakInput): number {
  const { days, workdays, timezone, now } = input;
  return countBack(localDay(now, timezone), null, (day) => {
    if (!workdays.includes(isoWeekday(day))) return 'skip';
    return teamDayQualifies(days[day]) ? 'counts' : 'breaks';
  });
}

export interface StreakAliveInput extends ExcuseSource {
  /** A workday with at least one completion: the newest such day of the member. */
  lastCompletedDay: string;
}

/**
 * The instant from which a streak whose newest completed workday is `lastCompletedDay` reads as 0 (memberStreak's rules):
 * the end of the first later workday that is not excused, since today-so-far never breaks a streak.
 * A run of skipped days ends where memberStreak stops looking back (MAX_DAYS_BACK).
 */
export function streakAliveUntil(input: StreakAliveInput): number {
  const { lastCompletedDay, workdays, timezone } = input;
  const excused = excuseJudge(input);
  let day = lastCompletedDay;
  for (let ahead = 1; ahead < MAX_DAYS_BACK; ahead += 1) {
    day = nextDay(day);
    if (workdays.includes(isoWeekday(day)) && !excused(day)) {
      return dayStartMs(nextDay(day), timezone);
    }
  }
  return dayStartMs(nextDay(day), timezone);
}
