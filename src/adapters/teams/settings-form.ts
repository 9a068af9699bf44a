// Turns a submitted settings card into a settings patch, or into every problem found, each safe to show.
import { z } from 'zod';
import { isCoreError, knownTags, parseEvery, parseHolidayCalendar, parseHours, parseTimezone, type SettingsPatch } from '../../core/index.ts';
import type { SettingsFormValues } from './cards/settings-card.ts';

const submittedSchema = z.looseObject({
  start: z.string().trim().catch(''),
  end: z.string().trim().catch(''),
  interval: z.union([z.string(), z.number()]).transform(String).catch(''),
  days: z.string().catch(''),
  timezone: z.string().trim().catch(''),
  band: z.union([z.string(), z.boolean()]).transform((v) => v === true || v === 'true').catch(false),
  // A multi-select ChoiceSet posts "a,b"; no box ticked posts nothing.
  avoid: z.string().catch(''),
  meetings: z.enum(['hold', 'ignore']).catch('hold'),
  holidays: z.string().trim().catch(''),
});

export type SettingsForm = { values: SettingsFormValues } & ({ ok: true; patch: SettingsPatch } | { ok: false; errors: string[] });

function attempt<T>(errors: string[], parse: () => T): T | undefined {
  try {
    return parse();
  } catch (err) {
    if (!isCoreError(err)) throw err;
    errors.push(err.message);
    return undefined;
  }
}

export function parseSettingsForm(value: unknown): SettingsForm {
  const input = submittedSchema.parse(typeof value === 'object' && value !== null ? value : {});
  const days = input.days.split(',').map((d) => d.trim()).filter((d) => d !== '');
  const avoid = input.avoid.split(',').map((t) => t.trim()).filter((t) => t !== '');
  const values: SettingsFormValues = { start: input.start, end: input.end, interval: input.interval, days, timezone: input.timezone, band: input.band, avoid, meetings: input.meetings, holidays: input.holidays };
  const errors: string[] = [];
  const hours = attempt(errors, () => parseHours(`${input.start}-${input.end}`));
  const intervalMinutes = attempt(errors, () => parseEvery(input.interval));
  const timezone = attempt(errors, () => parseTimezone(input.timezone));
  const holidays = input.holidays === '' || /^(off|none)$/i.test(input.holidays) ? null : attempt(errors, () => parseHolidayCalendar(input.holidays));
  const workdays = days.map(Number);
  if (workdays.length === 0) errors.push('Pick at least one workday (or say "stop" to turn breaks off).');
  else if (workdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) errors.push('Workdays are Monday to Sunday.');
  if (avoid.some((tag) => knownTags([tag]).length === 0)) errors.push('Only the listed things can be avoided.');
  if (errors.length > 0 || !hours || intervalMinutes === undefined || timezone === undefined || holidays === undefined) return { ok: false, values, errors };
  const patch: SettingsPatch = { ...hours, intervalMinutes, timezone, workdays: [...new Set(workdays)].sort((a, b) => a - b), hasBand: input.band, avoidTags: knownTags(avoid), meetings: input.meetings, holidays };
  return { ok: true, values, patch };
}
