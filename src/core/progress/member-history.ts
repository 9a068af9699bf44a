// Pure: the compact history a member record keeps for the streak's look-back (MAX_DAYS_BACK), whatever its age:
// - unreachable spans that ended before today are settled into the excused days they made (a short list of dates),
//   so old excuses never fall off a count-limited list and turn into breaks after the fact;
// - each change of zone, workdays or window keeps the schedule it replaced, with the day the change took effect.
import type { InactiveSpan, Member, PastSchedule, Schedule } from '../model.ts';
import { dayStartMs, localDay, nextDay, previousDay } from '../schedule/calendar.ts';
import { memberDays, memberDaysSourceOf } from './member-days.ts';
import { MAX_DAYS_BACK } from './streaks.ts';

/** Unsettled spans a member keeps at most (all end today or later, or are open): a flood of pauses in one day drops the oldest. */
export const MAX_OPEN_SPANS = 30;

type History = Pick<Member, 'inactiveSpans' | 'excusedDays' | 'pastSchedules'>;

/** The oldest local day the look-back can reach from `today`; older history is dropped. */
function oldestKept(today: string): string {
  let day = today;
  for (let i = 0; i < MAX_DAYS_BACK; i += 1) day = previousDay(day);
  return day;
}


/**
 * Moves spans that ended before today's start (member's zone) into excusedDays: each workday they touch that is
 * excused (judged with all spans, settled or not) is kept as a date; the spans go. No span can be added to a past
 * day later, so a settled day's verdict can never change.
 */
export function settleSpans(member: Member, now: number): History {
  const zone = member.schedule.timezone;
  const today = localDay(now, zone);
  const todayStart = dayStartMs(today, zone);
  const oldest = oldestKept(today);
  const settled = member.inactiveSpans.filter((span) => span.to !== null && span.to <= todayStart);
  const kept = member.inactiveSpans.filter((span) => !settled.includes(span)).slice(-MAX_OPEN_SPANS);
  const excused = new Set((member.excusedDays ?? []).filter((day) => day >= oldest));
  const rules = memberDays(memberDaysSourceOf(member));
  for (const span of settled) {
    // One day either side: a past schedule's zone may place the span's ends on a neighbouring date.
    const first = previousDay(localDay(span.from, zone));
    const last = nextDay(localDay(span.to ?? span.from, zone));
    for (let day = first > oldest ? first : oldest; day <= last && day < today; day = nextDay(day)) {
      if (rules.isWorkday(day) && rules.isExcused(day)) excused.add(day);
    }
  }
  return { inactiveSpans: kept, excusedDays: [...excused].sort(), pastSchedules: (member.pastSchedules ?? []).filter((past) => past.until > oldest) };
}

/** The member's history with `span` added (as a pause, stop or skipped slot does) and everything settled. */
export function withSpan(member: Member, span: InactiveSpan, now: number): History {
  return settleSpans({ ...member, inactiveSpans: [...member.inactiveSpans, span] }, now);
}

/**
 * The past schedules after `next` replaces the member's schedule now: the old one decided every day before today (its
 * zone's today), the new one decides today on. A second change the same day replaces nothing more in the past.
 */
export function withScheduleChange(member: Member, next: Schedule, now: number): PastSchedule[] {
  const old = member.schedule;
  const past = member.pastSchedules ?? [];
  const same = old.timezone === next.timezone && old.start === next.start && old.end === next.end && old.workdays.join() === next.workdays.join();
  const today = localDay(now, old.timezone);
  const newest = past[past.length - 1];
  if (same || (newest !== undefined && newest.until >= today)) return past;
  const oldest = oldestKept(today);
  return [...past.filter((entry) => entry.until > oldest), { until: today, timezone: old.timezone, workdays: [...old.workdays], start: old.start, end: old.end }];
}
