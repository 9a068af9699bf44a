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
// - Each past day is judged by the schedule in force that day (workdays and window): a settings change applies from
//   the day it is made, so a missed Wednesday stays missed after Wednesday stops being a workday.
// - The walk also stops before the local day the member was created (`since`).
import type { TeamDay } from '../model.ts';
import { dayStartMs, localDay, nextDay, previousDay, isoWeekday } from '../schedule/calendar.ts';
import { memberDays, type MemberDaysSource } from './member-days.ts';

/** How far back a streak is ever counted, so an old record cannot make a read unbounded. */
export const MAX_DAYS_BACK = 400;

export interface MemberStreakInput extends MemberDaysSource {
  /** Completions per local day, YYYY-MM-DD -> count. */
  days: Record<string, number>;
  now: number;
  /** When the member was created; days before its local date are never visited. */
  since?: number | undefined;
}

export interface TeamStreakInput {
  days: Record<string, TeamDay>;
  workdays: number[];
  timezone: string;
  now: number;
  /** Public holidays of the team's calendar: left out like a day off. */
  isHoliday?: ((day: string) => boolean) | undefined;
  /** Workdays before each change (Team.pastWorkdays): a change applies from the day it was made, never to earlier days. */
  pastWorkdays?: ReadonlyArray<{ workdays: readonly number[]; until: string }> | undefined;
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

/** Consecutive own workdays with at least one completion, in the member's zone; see the rules above. */
export function memberStreak(input: MemberStreakInput): number {
  const { days, timezone, now, since } = input;
  const today = localDay(now, timezone);
  const oldest = since === undefined ? null : localDay(since, timezone);
  const rules = memberDays(input);
  return countBack(today, oldest, (day) => {
    if (!rules.isWorkday(day)) return 'skip';
    if ((days[day] ?? 0) > 0) return 'counts';
    return rules.isExcused(day) ? 'skip' : 'breaks';
  });
}

/** True when at least half of the team's active members completed that day. */
export function teamDayQualifies(record: TeamDay | undefined): boolean {
  return record !== undefined && record.activeMembers > 0 && record.completers * 2 >= record.activeMembers;
}

/** Consecutive team workdays (team zone) on which at least half of the active members completed. */
export function teamStreak(input: TeamStreakInput): number {
  const { days, workdays, timezone, now, isHoliday } = input;
  const past = input.pastWorkdays ?? [];
  // ISO dates compare as strings; the first change made after the day tells which workdays were in force on it.
  const workdaysOn = (day: string): readonly number[] => past.find((entry) => day < entry.until)?.workdays ?? workdays;
  return countBack(localDay(now, timezone), null, (day) => {
    if (!workdaysOn(day).includes(isoWeekday(day)) || isHoliday?.(day) === true) return 'skip';
    return teamDayQualifies(days[day]) ? 'counts' : 'breaks';
  });
}

export interface StreakAliveInput extends MemberDaysSource {
  /** A workday with at least one completion: the newest such day of the member. */
  lastCompletedDay: string;
}

/**
 * The instant from which a streak whose newest completed workday is `lastCompletedDay` reads as 0 (memberStreak's rules):
 * the end of the first later workday that is not excused, since today-so-far never breaks a streak.
 * A run of skipped days ends where memberStreak stops looking back (MAX_DAYS_BACK).
 */
export function streakAliveUntil(input: StreakAliveInput): number {
  const { lastCompletedDay, timezone } = input;
  const rules = memberDays(input);
  let day = lastCompletedDay;
  for (let ahead = 1; ahead < MAX_DAYS_BACK; ahead += 1) {
    day = nextDay(day);
    if (rules.isWorkday(day) && !rules.isExcused(day)) {
      return dayStartMs(nextDay(day), timezone);
    }
  }
  return dayStartMs(nextDay(day), timezone);
}
