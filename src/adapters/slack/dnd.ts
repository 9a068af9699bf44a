// Pure: reads Slack's dnd.info answer as "this person can be reached from <instant>" (null: right away).
import { z } from 'zod';

/** The fields of dnd.info we use; Slack gives timestamps in seconds. */
export const dndInfoSchema = z.object({
  dnd_enabled: z.boolean().optional(),
  next_dnd_start_ts: z.number().optional(),
  next_dnd_end_ts: z.number().optional(),
  snooze_enabled: z.boolean().optional(),
  snooze_endtime: z.number().optional(),
});

export type DndInfo = z.infer<typeof dndInfoSchema>;

/**
 * The first instant at or after `atMs` when neither the scheduled Do Not Disturb window nor a manual snooze is on,
 * or null when neither is on at `atMs`. A snooze that runs into the scheduled window waits for that window too.
 */
export function quietUntil(info: DndInfo, atMs: number): number | null {
  const windowStart = info.dnd_enabled && info.next_dnd_start_ts !== undefined ? info.next_dnd_start_ts * 1000 : null;
  const windowEnd = info.dnd_enabled && info.next_dnd_end_ts !== undefined ? info.next_dnd_end_ts * 1000 : null;
  const inWindow = (t: number) => windowStart !== null && windowEnd !== null && windowStart <= t && t < windowEnd;
  let until: number | null = null;
  if (info.snooze_enabled && info.snooze_endtime !== undefined && info.snooze_endtime * 1000 > atMs) until = info.snooze_endtime * 1000;
  if (inWindow(atMs)) until = Math.max(until ?? 0, windowEnd ?? 0);
  if (until !== null && inWindow(until)) until = windowEnd;
  return until;
}
