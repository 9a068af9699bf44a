// The settings form (views.open) and the reading of its submission: the same fields as the typed commands,
// validated by the core's schedule rules, with each error placed on its own field inside the modal.
import type { types } from '@slack/bolt';
import { CHALLENGE_TAGS, MAX_INTERVAL_MINUTES, MIN_INTERVAL_MINUTES, TAG_LABELS, knownTags, parseHolidayCalendar, scheduleSchema, type ChallengeTag, type Member, type SettingsPatch } from '../../../core/index.ts';
import { SETTINGS_CALLBACK_ID } from '../action-ids.ts';
import { option } from './kit.ts';
import { LIMITS, clip } from './limits.ts';

/** block_id of each field; the action_id inside every block is "value". */
export const FIELD = { timezone: 'tz', start: 'start', end: 'end', interval: 'interval', days: 'days', band: 'band', avoid: 'avoid', meetings: 'meetings', holidays: 'holidays' } as const;
const VALUE = 'value';

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
const INTERVALS = [15, 20, 30, 45, 60, 75, 90, 120, 180, 240] as const;

const dayOption = (day: number) => option(DAY_NAMES[day - 1] ?? String(day), String(day));
const intervalOption = (minutes: number) => option(`Every ${minutes} minutes`, String(minutes));
const BAND_OPTION = option('I have a resistance band', 'band');
const avoidOption = (tag: ChallengeTag) => option(TAG_LABELS[tag], tag);
const MEETING_OPTIONS = { hold: option('Wait until a meeting, call or huddle ends', 'hold'), ignore: option('Send breaks during meetings too', 'ignore') } as const;

/** Carried through the modal so the confirmation can go back to where the form was opened. */
export interface SettingsMetadata {
  channelId: string | null;
}

export function renderSettingsModal(member: Member, metadata: SettingsMetadata): types.ModalView {
  const s = member.schedule;
  const intervals = INTERVALS.includes(s.intervalMinutes as (typeof INTERVALS)[number]) ? [...INTERVALS] : [...INTERVALS, s.intervalMinutes].sort((a, b) => a - b);
  const band: types.Checkboxes = { type: 'checkboxes', action_id: VALUE, options: [BAND_OPTION] };
  if (member.hasBand) band.initial_options = [BAND_OPTION];
  const days: types.Checkboxes = { type: 'checkboxes', action_id: VALUE, options: [1, 2, 3, 4, 5, 6, 7].map(dayOption) };
  if (s.workdays.length > 0) days.initial_options = s.workdays.map(dayOption);
  const avoid: types.Checkboxes = { type: 'checkboxes', action_id: VALUE, options: CHALLENGE_TAGS.map(avoidOption) };
  if (member.avoidTags.length > 0) avoid.initial_options = member.avoidTags.map(avoidOption);
  return {
    type: 'modal',
    callback_id: SETTINGS_CALLBACK_ID,
    title: { type: 'plain_text', text: clip('Break settings', LIMITS.modalTitle) },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: clip(JSON.stringify(metadata), LIMITS.privateMetadata),
    blocks: [
      {
        type: 'input',
        block_id: FIELD.timezone,
        label: { type: 'plain_text', text: 'Time zone' },
        hint: { type: 'plain_text', text: 'An IANA name such as Europe/Berlin or America/New_York.' },
        element: { type: 'plain_text_input', action_id: VALUE, initial_value: s.timezone, max_length: 64 },
      },
      { type: 'input', block_id: FIELD.start, label: { type: 'plain_text', text: 'Working day starts' }, element: { type: 'timepicker', action_id: VALUE, initial_time: s.start } },
      { type: 'input', block_id: FIELD.end, label: { type: 'plain_text', text: 'Working day ends' }, element: { type: 'timepicker', action_id: VALUE, initial_time: s.end } },
      {
        type: 'input',
        block_id: FIELD.interval,
        label: { type: 'plain_text', text: 'Time between breaks' },
        element: { type: 'static_select', action_id: VALUE, options: intervals.map(intervalOption), initial_option: intervalOption(s.intervalMinutes) },
      },
      // Optional in Slack's eyes, so that an empty choice reaches us and gets our own explanation.
      { type: 'input', block_id: FIELD.days, optional: true, label: { type: 'plain_text', text: 'Workdays' }, element: days },
      { type: 'input', block_id: FIELD.band, optional: true, label: { type: 'plain_text', text: 'Equipment' }, element: band },
      {
        type: 'input',
        block_id: FIELD.avoid,
        optional: true,
        label: { type: 'plain_text', text: 'Leave out challenges that need' },
        hint: { type: 'plain_text', text: 'Tick Standing and Walking for seated challenges only.' },
        element: avoid,
      },
      {
        type: 'input',
        block_id: FIELD.meetings,
        label: { type: 'plain_text', text: 'In meetings' },
        element: { type: 'radio_buttons', action_id: VALUE, options: [MEETING_OPTIONS.hold, MEETING_OPTIONS.ignore], initial_option: MEETING_OPTIONS[member.meetings] },
      },
      {
        type: 'input',
        block_id: FIELD.holidays,
        optional: true,
        label: { type: 'plain_text', text: 'Public holidays' },
        hint: { type: 'plain_text', text: 'A country code such as US or GB, or with a region (AU-VIC): no breaks on its public holidays. Empty for none.' },
        element: { type: 'plain_text_input', action_id: VALUE, max_length: 12, ...(member.holidays !== null ? { initial_value: member.holidays } : {}) },
      },
    ],
  };
}

/** One field's state in a view_submission (only the keys we read). */
export interface SubmittedValue {
  value?: string | null | undefined;
  selected_time?: string | null | undefined;
  selected_option?: { value?: string | undefined } | null | undefined;
  selected_options?: Array<{ value?: string | undefined }> | null | undefined;
}

export type SubmittedState = Record<string, Record<string, SubmittedValue | undefined> | undefined>;

export type SettingsSubmission = { ok: true; patch: Required<SettingsPatch> } | { ok: false; errors: Record<string, string> };

const PATH_TO_FIELD: Record<string, string> = {
  timezone: FIELD.timezone,
  workdays: FIELD.days,
  start: FIELD.start,
  end: FIELD.end,
  intervalMinutes: FIELD.interval,
};

function sentence(text: string): string {
  const trimmed = text.trim();
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1) + (/[.!?]$/.test(trimmed) ? '' : '.');
}

/** Pure: reads and validates a submission; errors are keyed by block_id, as `response_action: "errors"` wants. */
export function parseSettingsSubmission(state: SubmittedState): SettingsSubmission {
  const field = (block: string): SubmittedValue => state[block]?.[VALUE] ?? {};
  const workdays = (field(FIELD.days).selected_options ?? []).map((o) => Number(o.value)).sort((a, b) => a - b);
  const candidate = {
    timezone: (field(FIELD.timezone).value ?? '').trim(),
    start: field(FIELD.start).selected_time ?? '',
    end: field(FIELD.end).selected_time ?? '',
    intervalMinutes: Number(field(FIELD.interval).selected_option?.value ?? Number.NaN),
    workdays,
  };
  const errors: Record<string, string> = {};
  if (workdays.length === 0) errors[FIELD.days] = 'Pick at least one workday. To turn breaks off, use Stop instead.';
  if (!Number.isInteger(candidate.intervalMinutes)) errors[FIELD.interval] = `Pick how often, from ${MIN_INTERVAL_MINUTES} to ${MAX_INTERVAL_MINUTES} minutes.`;
  const parsed = scheduleSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const block = PATH_TO_FIELD[String(issue.path[0] ?? '')];
      if (block !== undefined && errors[block] === undefined) errors[block] = sentence(issue.message);
    }
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  const hasBand = (field(FIELD.band).selected_options ?? []).some((o) => o.value === 'band');
  const avoidTags = knownTags((field(FIELD.avoid).selected_options ?? []).map((o) => o.value));
  const meetings = field(FIELD.meetings).selected_option?.value === 'ignore' ? 'ignore' : 'hold';
  const holidaysText = (field(FIELD.holidays).value ?? '').trim();
  let holidays: string | null = null;
  try {
    holidays = holidaysText === '' || /^(off|none)$/i.test(holidaysText) ? null : parseHolidayCalendar(holidaysText);
  } catch (err) {
    return { ok: false, errors: { [FIELD.holidays]: err instanceof Error ? err.message : 'Not a holiday calendar.' } };
  }
  return { ok: true, patch: { ...parsed.data, hasBand, avoidTags, meetings, holidays } };
}

export function parseSettingsMetadata(raw: string | undefined): SettingsMetadata {
  try {
    const value: unknown = JSON.parse(raw ?? '');
    if (typeof value === 'object' && value !== null && 'channelId' in value && typeof value.channelId === 'string') return { channelId: value.channelId };
  } catch {
    // An empty or foreign private_metadata just means there is no channel to answer in.
  }
  return { channelId: null };
}
