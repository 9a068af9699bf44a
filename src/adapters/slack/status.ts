// Pure: reads a Slack profile (users.profile.get) as the core's "cannot be reached": a huddle, a meeting or call status
// (calendar apps set one with an expiry), focus time, or away (vacation, holiday, out of office, OOO, sick).
import { z } from 'zod';
import type { Unreachable } from '../../core/index.ts';

/** The fields of users.profile.get's profile we use; Slack gives timestamps in seconds, 0 for "no expiry". */
export const profileSchema = z.looseObject({
  status_text: z.string().catch(''),
  status_emoji: z.string().catch(''),
  status_expiration: z.number().catch(0),
  huddle_state: z.string().optional().catch(undefined),
  huddle_state_expiration_ts: z.number().optional().catch(undefined),
});

export type SlackProfile = z.infer<typeof profileSchema>;

const AWAY_TEXT = /\b(vacation|vacationing|holiday|holidays|out of (the )?office|ooo|sick|off sick|on leave|annual leave|parental leave|pto|time off)\b/i;
const AWAY_EMOJI = new Set([':palm_tree:', ':desert_island:', ':beach_with_umbrella:', ':airplane:', ':face_with_thermometer:', ':thermometer:', ':sick:', ':nauseated_face:', ':baby_bottle:']);
const MEETING_TEXT = /\b(meeting|in a meet|on a call|in a call|call|calls|presenting|interview|webinar|zoom|webex|google meet|teams call)\b/i;
const MEETING_EMOJI = new Set([':spiral_calendar_pad:', ':calendar:', ':date:', ':telephone_receiver:', ':phone:', ':iphone:', ':video_camera:', ':movie_camera:', ':studio_microphone:']);
const FOCUS_TEXT = /\b(focus|focusing|focus time|heads down|deep work)\b/i;
const FOCUS_EMOJI = new Set([':headphones:', ':no_bell:', ':brain:']);

/** The status's end, or null when it has none (0) or a nonsense value. */
function expiryOf(seconds: number | undefined): number | null {
  return seconds !== undefined && Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : null;
}

/**
 * What the profile says about `atMs`: a status that has already expired says nothing. Away comes first (a vacation
 * status with a calendar emoji is still a vacation), then a huddle, then a meeting or call, then focus.
 */
export function unreachableFromProfile(profile: SlackProfile, atMs: number): Unreachable | null {
  const statusEnd = expiryOf(profile.status_expiration);
  const statusOn = (profile.status_text !== '' || profile.status_emoji !== '') && (statusEnd === null || statusEnd > atMs);
  const text = statusOn ? profile.status_text : '';
  const emoji = statusOn ? profile.status_emoji : '';
  if (AWAY_TEXT.test(text) || AWAY_EMOJI.has(emoji)) return { reason: 'out_of_office', until: statusEnd };
  if (profile.huddle_state === 'in_a_huddle') {
    const huddleEnd = expiryOf(profile.huddle_state_expiration_ts);
    return { reason: 'huddle', until: huddleEnd !== null && huddleEnd > atMs ? huddleEnd : null };
  }
  if (MEETING_TEXT.test(text) || MEETING_EMOJI.has(emoji)) return { reason: 'meeting', until: statusEnd };
  if (FOCUS_TEXT.test(text) || FOCUS_EMOJI.has(emoji)) return { reason: 'focus', until: statusEnd };
  return null;
}
