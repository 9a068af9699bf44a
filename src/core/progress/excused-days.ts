// Pure: whether a workday is excused, i.e. the member could not be reached for most of that day's working window.
//
// Every kind of unreachable time feeds in the same way: pauses and stops (members.ts), slots skipped for Do Not
// Disturb (prompts/hold.ts), and, from other sources, meetings, out-of-office and holidays. Time a span spends outside
// the day's window (evenings, nights, the next morning before work) never counts, so a span that merely touches a
// day excuses nothing. Whole days (a public holiday, a day marked out of office) can be given as excused outright.
import { localWallTimeMs } from '../schedule/calendar.ts';
import type { UnreachableReason as SlotUnreachableReason } from '../model.ts';

/** Why the member could not be reached; every reason counts the same for a streak, it is kept to explain and audit. */
export type UnreachableReason = SlotUnreachableReason | 'stopped';

/** A stretch of time during which the member could not be reached or asked not to be. */
export interface UnreachableSpan {
  /** Epoch ms. */
  from: number;
  /** Epoch ms; null while it is still going on. */
  to: number | null;
  reason: UnreachableReason;
}

/** A day's working window: local wall times "HH:MM" in the zone (end after start, as the schedule rules require). */
export interface WorkWindow {
  timezone: string;
  start: string;
  end: string;
}

/** Everything known about a member's unreachable time. */
export interface Excuses {
  spans: readonly UnreachableSpan[];
  /** Local days (YYYY-MM-DD) excused outright: a public holiday, out of office, or a day settled earlier (see excusedDaysOf). */
  days?: ReadonlySet<string> | undefined;
}

/** A day is excused when unreachable time covers more than this share of its working window. */
export const EXCUSED_SHARE = 0.5;

function minutesOf(hhmm: string): number {
  const [hours = 0, minutes = 0] = hhmm.split(':').map(Number);
  return hours * 60 + minutes;
}

/** The window of local date `day` as instants [start, end). */
export function windowOf(day: string, window: WorkWindow): { start: number; end: number } {
  return { start: localWallTimeMs(day, minutesOf(window.start), window.timezone), end: localWallTimeMs(day, minutesOf(window.end), window.timezone) };
}

/** How many ms of `day`'s window the spans cover together (overlaps counted once); an open span runs on for ever. */
export function unreachableMsInWindow(day: string, window: WorkWindow, spans: readonly UnreachableSpan[]): number {
  const { start, end } = windowOf(day, window);
  const cut = spans
    .map((span) => ({ from: Math.max(span.from, start), to: Math.min(span.to ?? end, end) }))
    .filter((span) => span.to > span.from)
    .sort((a, b) => a.from - b.from);
  let covered = 0;
  let reached = start;
  for (const span of cut) {
    const from = Math.max(span.from, reached);
    if (span.to > from) covered += span.to - from;
    reached = Math.max(reached, span.to);
  }
  return covered;
}

/** True when `day` is excused outright or the member was unreachable for most (> EXCUSED_SHARE) of its window. */
export function isExcusedDay(day: string, window: WorkWindow, excuses: Excuses): boolean {
  if (excuses.days?.has(day)) return true;
  if (excuses.spans.length === 0) return false;
  const { start, end } = windowOf(day, window);
  if (end <= start) return false;
  return unreachableMsInWindow(day, window, excuses.spans) > (end - start) * EXCUSED_SHARE;
}
