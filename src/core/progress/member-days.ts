// Pure: how a member's past and coming days are judged: each by the schedule in force that day (settings changes apply
// from the day they are made, never to earlier days) and, for excuses, by that day's working window.
import type { InactiveSpan, Member, PastSchedule } from '../model.ts';
import { isoWeekday, localDay } from '../schedule/calendar.ts';
import { isExcusedDay, type Excuses, type UnreachableSpan, type WorkWindow } from './excused-days.ts';

/** The product's default working hours (schedule-schema.ts DEFAULT_SCHEDULE_FIELDS), for callers that give none. */
const DEFAULT_WINDOW = { start: '09:00', end: '17:00' } as const;

/** What judging a member's days needs: the schedule now, the ones before it, and every kind of unreachable time. */
export interface MemberDaysSource {
  workdays: number[];
  timezone: string;
  /** The working window's local start and end "HH:MM"; the product's default hours when left out. */
  window?: { start: string; end: string } | undefined;
  /** Schedules in force before the current one, oldest first (see PastSchedule). */
  pastSchedules?: readonly PastSchedule[] | undefined;
  /** Pauses, stops and slots skipped as unreachable, as the member record keeps them. */
  inactiveSpans: readonly InactiveSpan[];
  /** More unreachable time from other sources (meetings, out of office, holidays). */
  unreachable?: readonly UnreachableSpan[] | undefined;
  /** Local days excused outright (holidays, or days settled earlier from spans no longer kept). */
  excusedDays?: readonly string[] | undefined;
}

/** The parts of a schedule that decide a day: its zone, whether it is a workday, its window. */
export interface DaySchedule extends WorkWindow {
  workdays: readonly number[];
}

export interface MemberDays {
  scheduleOn(day: string): DaySchedule;
  isWorkday(day: string): boolean;
  /** Excused outright, or unreachable for most of that day's window (excused-days.ts). */
  isExcused(day: string): boolean;
}

export function memberDays(source: MemberDaysSource): MemberDays {
  const { start, end } = source.window ?? DEFAULT_WINDOW;
  const current: DaySchedule = { timezone: source.timezone, workdays: source.workdays, start, end };
  const past = source.pastSchedules ?? [];
  const excuses: Excuses = {
    spans: [...source.inactiveSpans.map((span): UnreachableSpan => ({ from: span.from, to: span.to, reason: span.reason ?? 'paused' })), ...(source.unreachable ?? [])],
    days: new Set(source.excusedDays ?? []),
  };
  // ISO dates compare correctly as strings; the first schedule whose end lies after the day was in force on it.
  const scheduleOn = (day: string): DaySchedule => past.find((schedule) => day < schedule.until) ?? current;
  return {
    scheduleOn,
    isWorkday: (day) => scheduleOn(day).workdays.includes(isoWeekday(day)),
    isExcused: (day) => isExcusedDay(day, scheduleOn(day), excuses),
  };
}

/** What a member record holds for judging its days. */
export function memberDaysSourceOf(member: Member): MemberDaysSource {
  return {
    workdays: member.schedule.workdays,
    timezone: member.schedule.timezone,
    window: { start: member.schedule.start, end: member.schedule.end },
    pastSchedules: member.pastSchedules,
    inactiveSpans: member.inactiveSpans,
    excusedDays: member.excusedDays,
  };
}

/** True when today (member's zone) is excused for the member as far as known now: paused, on holiday, away for most of it. */
export function awayToday(member: Member, now: number): boolean {
  return memberDays(memberDaysSourceOf(member)).isExcused(localDay(now, member.schedule.timezone));
}
