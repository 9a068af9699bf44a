// The settings form: inputs for hours, interval, days, time zone and band, posted back with verb settings_save.
import { CHALLENGE_TAGS, TAG_LABELS, type Member } from '../../../core/index.ts';
import { card, heading, text, type AdaptiveCard, type CardElement } from './card-kit.ts';

export const SETTINGS_SAVE_VERB = 'settings_save';

/** What the form shows: the member's settings, or what they typed when it did not validate. */
export interface SettingsFormValues {
  start: string;
  end: string;
  interval: string;
  /** ISO weekdays as strings, "1".."7". */
  days: string[];
  timezone: string;
  band: boolean;
  /** Tags to avoid, as submitted. */
  avoid: string[];
  /** "hold" or "ignore". */
  meetings: string;
  /** A holiday calendar ("US", "AU-VIC") or "" for none. */
  holidays: string;
}

const DAY_CHOICES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'].map((title, i) => ({ title, value: String(i + 1) }));

export function settingsValuesOf(member: Member): SettingsFormValues {
  const s = member.schedule;
  return {
    start: s.start,
    end: s.end,
    interval: String(s.intervalMinutes),
    days: s.workdays.map(String),
    timezone: s.timezone,
    band: member.hasBand,
    avoid: [...member.avoidTags],
    meetings: member.meetings,
    holidays: member.holidays ?? '',
  };
}

function inputs(values: SettingsFormValues): CardElement[] {
  return [
    { type: 'Input.Time', id: 'start', label: 'Working day starts', value: values.start, isRequired: true, errorMessage: 'Give a start time.' },
    { type: 'Input.Time', id: 'end', label: 'Working day ends', value: values.end, isRequired: true, errorMessage: 'Give an end time.' },
    {
      type: 'Input.Number',
      id: 'interval',
      label: 'Minutes between breaks (15-240)',
      value: Number(values.interval) || 60,
      min: 15,
      max: 240,
      isRequired: true,
      errorMessage: 'Give a number of minutes from 15 to 240.',
    },
    { type: 'Input.ChoiceSet', id: 'days', label: 'Workdays', isMultiSelect: true, style: 'expanded', value: values.days.join(','), choices: DAY_CHOICES },
    { type: 'Input.Text', id: 'timezone', label: 'Time zone (e.g. Europe/Berlin)', value: values.timezone, isRequired: true, errorMessage: 'Give a time zone.' },
    { type: 'Input.Toggle', id: 'band', title: 'I have a resistance band', valueOn: 'true', valueOff: 'false', value: values.band ? 'true' : 'false' },
    {
      type: 'Input.ChoiceSet',
      id: 'avoid',
      label: 'Leave out challenges that need (Standing + Walking = seated only)',
      isMultiSelect: true,
      style: 'expanded',
      value: values.avoid.join(','),
      choices: CHALLENGE_TAGS.map((tag) => ({ title: TAG_LABELS[tag], value: tag })),
    },
    {
      type: 'Input.ChoiceSet',
      id: 'meetings',
      label: 'In meetings, calls and focus time',
      style: 'expanded',
      value: values.meetings === 'ignore' ? 'ignore' : 'hold',
      choices: [
        { title: 'Wait until I am free', value: 'hold' },
        { title: 'Send breaks anyway', value: 'ignore' },
      ],
    },
    { type: 'Input.Text', id: 'holidays', label: 'Public holidays (e.g. US, GB, AU-VIC; empty for none)', value: values.holidays, maxLength: 12 },
  ];
}

export function settingsCard(values: SettingsFormValues, errors: readonly string[] = []): AdaptiveCard {
  return card(
    [
      heading('Your break settings'),
      ...errors.map((error) => text(error, { color: 'attention' })),
      ...inputs(values),
    ],
    [{ type: 'Action.Submit', title: 'Save', data: { verb: SETTINGS_SAVE_VERB } }],
  );
}

export function settingsSavedCard(summary: string): AdaptiveCard {
  return card([heading('Settings saved'), text(summary)]);
}
