// Pure: personal and team streaks, counted over local workdays back from today.
//
// Rules (both streaks):
// - Only workdays count. A day off is skipped: it neither adds to nor breaks a streak, even with a completion on it.
// - Today never breaks a streak: it adds one if it already qualifies, otherwise counting starts from yesterday.
// - The walk stops at the first earlier workday that does not qualify, or after MAX_DAYS_BACK days.
// Personal streaks only:
// - A workday is "paused" when any inactive span (pause or stop) overlaps that local calendar day.
//   A paused day with a completion counts; a paused day without one is skipped.
// - The walk also stops before the local day the member was created (`since`).
import type { InactiveSpan, TeamDay } from '../model.ts';
import { dayStartMs, localDay, nextDay, previousDay, isoWeekday } from '../schedule/calendar.ts';

/** How far back a streak is ever counted, so an old record cannot make a read unbounded. */
export const MAX_DAYS_BACK = 400;

export interface MemberStreakInput {
  /** Completions per local day, YYYY-MM-DD -> count. */
  days: Record<string, number>;
  workdays: number[];
  timezone: string;
  inactiveSpans: InactiveSpan[];
  now: number;
  /** When the member was created; days before its local date are never visited. */
  since?: number;
}

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

function overlapsDay(span: InactiveSpan, day: string, timezone: string): boolean {
  const start = dayStartMs(day, timezone);
  const end = dayStartMs(nextDay(day), timezone);
  return span.from < end && (span.to === null || span.to > start);
}

/** Consecutive own workdays with at least one completion, in the member's zone; see the rules above. */
export function memberStreak(input: MemberStreakInput): number {
  const { days, workdays, timezone, inactiveSpans, now, since } = input;
  const today = localDay(now, timezone);
  const oldest = since === undefined ? null : localDay(since, timezone);
  return countBack(today, oldest, (day) => {
    if (!workdays.includes(isoWeekday(day))) return 'skip';
    if ((days[day] ?? 0) > 0) return 'counts';
    return inactiveSpans.some((span) => overlapsDay(span, day, timezone)) ? 'skip' : 'breaks';
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

export interface StreakAliveInput {
  /** A workday with at least one completion: the newest such day of the member. */
  lastCompletedDay: string;
  workdays: number[];
  timezone: string;
  inactiveSpans: InactiveSpan[];
}

/**
 * The instant from which a streak whose newest completed workday is `lastCompletedDay` reads as 0 (memberStreak's rules):
 * the end of the first later workday that no inactive span touches, since today-so-far never breaks a streak.
 * A run of skipped days ends where memberStreak stops looking back (MAX_DAYS_BACK).
 */
export function streakAliveUntil(input: StreakAliveInput): number {
  const { lastCompletedDay, workdays, timezone, inactiveSpans } = input;
  let day = lastCompletedDay;
  for (let ahead = 1; ahead < MAX_DAYS_BACK; ahead += 1) {
    day = nextDay(day);
    if (workdays.includes(isoWeekday(day)) && !inactiveSpans.some((span) => overlapsDay(span, day, timezone))) {
      return dayStartMs(nextDay(day), timezone);
    }
  }
  return dayStartMs(nextDay(day), timezone);
}
