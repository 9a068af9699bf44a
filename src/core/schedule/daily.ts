// Once-a-day instants (team challenge time, weekly digest) in a zone, via luxon so DST gaps shift forward.
import { DateTime } from 'luxon';

/** The first instant strictly after `after` at local `hhmm` on one of `isoWeekdays`, or null if none are given. */
export function nextDailyAt(timezone: string, isoWeekdays: readonly number[], hhmm: string, after: number): number | null {
  if (isoWeekdays.length === 0) return null;
  const [hour, minute] = hhmm.split(':').map(Number);
  let day = DateTime.fromMillis(after, { zone: timezone }).startOf('day');
  // Eight days always reaches every weekday once more.
  for (let i = 0; i < 9; i += 1, day = day.plus({ days: 1 })) {
    if (!isoWeekdays.includes(day.weekday)) continue;
    const at = day.set({ hour: hour ?? 0, minute: minute ?? 0, second: 0, millisecond: 0 }).toMillis();
    if (at > after) return at;
  }
  return null;
}
