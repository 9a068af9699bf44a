// Pure: what a team board keeps of a member (streak and the instant it breaks) and the board's order.
import { isoWeekday, localDay } from '../schedule/calendar.ts';
import type { BoardRow } from '../ports/index.ts';
import { memberDays } from './member-days.ts';
import { memberStreak, streakAliveUntil, type MemberStreakInput } from './streaks.ts';

export interface MemberStanding {
  streak: number;
  /** From this instant the streak reads as 0 unless the member completes again; null when it is 0 already. */
  aliveUntil: number | null;
}

/** The newest workday (by the days' own schedule, when given as a test) on or before `today` with a completion, or null. */
export function lastCompletedWorkday(days: Record<string, number>, workdays: number[] | ((day: string) => boolean), today: string): string | null {
  const isWorkday = typeof workdays === 'function' ? workdays : (day: string) => workdays.includes(isoWeekday(day));
  let newest: string | null = null;
  for (const [day, count] of Object.entries(days)) {
    // ISO dates compare correctly as strings.
    if (count > 0 && day <= today && (newest === null || day > newest) && isWorkday(day)) newest = day;
  }
  return newest;
}

/** The member's streak now and when it will break: a stored streak stays right until then without being recounted. */
export function memberStanding(input: MemberStreakInput): MemberStanding {
  const streak = memberStreak(input);
  if (streak === 0) return { streak, aliveUntil: null };
  const lastDay = lastCompletedWorkday(input.days, memberDays(input).isWorkday, localDay(input.now, input.timezone));
  // A positive streak always has a completed workday behind it; the guard only satisfies the type.
  if (lastDay === null) return { streak: 0, aliveUntil: null };
  const aliveUntil = streakAliveUntil({ ...input, lastCompletedDay: lastDay });
  return { streak, aliveUntil };
}

export type BoardFigures = Omit<BoardRow, 'rank'>;

/** Board order: streak, then the week's points, then member id (as Redis orders equal scores); ties share a rank. */
export function rankBoard(rows: readonly BoardFigures[]): BoardRow[] {
  const sorted = [...rows].sort(
    (a, b) => b.streak - a.streak || b.weekPoints - a.weekPoints || (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0),
  );
  const ranked: BoardRow[] = [];
  sorted.forEach((row, index) => {
    const above = ranked[index - 1];
    const tied = above !== undefined && above.streak === row.streak && above.weekPoints === row.weekPoints;
    ranked.push({ ...row, rank: tied ? above.rank : index + 1 });
  });
  return ranked;
}
