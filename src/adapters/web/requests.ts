// The shapes the web chat accepts. Every body and query is parsed here; a bad one names its field in a 400.
import { z } from 'zod';
import { CHALLENGE_TAGS, isValidTimezone, type ClickAction } from '../../core/index.ts';
import { nameSchema, teamNameSchema } from './identity.ts';
import { AWAY_STATUSES } from './away-status.ts';

/** Input the person can fix: the route answers 400 with this message. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

const timezoneSchema = z
  .string({ error: 'timezone must be a string' })
  .trim()
  .refine((zone) => isValidTimezone(zone), { error: 'not a known IANA time zone, e.g. Europe/Berlin' });

export const sessionBody = z.object({
  name: nameSchema,
  team: teamNameSchema.optional(),
  timezone: timezoneSchema.optional(),
});

export const commandBody = z.object({
  name: nameSchema,
  text: z.string({ error: 'text is required' }).max(500, { error: 'keep it under 500 characters' }),
  /** The browser's language ("en-AU"), only to suggest a holiday calendar. */
  locale: z.string({ error: 'locale must be a language tag such as en-AU' }).max(35, { error: 'locale is a short language tag such as en-AU' }).optional(),
  team: teamNameSchema.optional(),
  timezone: timezoneSchema.optional(),
});

// Only the shape is checked here; the core checks the schedule rules and explains them.
export const settingsBody = z.object({
  name: nameSchema,
  timezone: z.string({ error: 'timezone is required' }).trim().min(1, { error: 'timezone is required' }),
  start: z.string({ error: 'start is required, as HH:MM' }),
  end: z.string({ error: 'end is required, as HH:MM' }),
  intervalMinutes: z.number({ error: 'intervalMinutes must be a number of minutes' }).int({ error: 'intervalMinutes must be whole minutes' }),
  workdays: z.array(z.number({ error: 'workdays holds ISO weekday numbers, 1 = Monday' }).int(), { error: 'workdays must be a list of weekday numbers' }),
  hasBand: z.boolean({ error: 'hasBand must be true or false' }),
  // Left out: the member's avoid list stays as it is.
  avoidTags: z.array(z.enum(CHALLENGE_TAGS, { error: `avoidTags holds only ${CHALLENGE_TAGS.join(', ')}` }), { error: 'avoidTags must be a list of tags' }).max(CHALLENGE_TAGS.length).optional(),
  meetings: z.enum(['hold', 'ignore'], { error: 'meetings is "hold" or "ignore"' }).optional(),
  /** A holiday calendar ("US", "AU-VIC"); "" or null for none; the core checks the name. */
  holidays: z.string({ error: 'holidays must be a calendar name such as US' }).trim().max(12, { error: 'holidays is a short code such as US or AU-VIC' }).nullable().optional(),
});

export const awayBody = z.object({
  name: nameSchema,
  status: z.enum(AWAY_STATUSES, { error: 'status is "available", "busy" or "out_of_office"' }),
});

export const clickBody = z
  .object({
    name: nameSchema,
    promptId: z.string({ error: 'promptId is required' }).min(1, { error: 'promptId is required' }).max(200),
    action: z.enum(['done', 'skip', 'snooze', 'swap'], { error: 'action must be done, skip, snooze or swap' }),
    minutes: z.number({ error: 'minutes must be a number' }).int({ error: 'minutes must be whole minutes' }).optional(),
  })
  .refine((body) => body.action !== 'snooze' || body.minutes !== undefined, { error: 'minutes is required to snooze', path: ['minutes'] });

export const nameQuery = z.object({ name: nameSchema });
export const leaderboardQuery = z.object({ name: nameSchema, team: teamNameSchema.optional() });
export const forgetBody = z.object({ name: nameSchema });

export function clickAction(body: z.infer<typeof clickBody>): ClickAction {
  if (body.action === 'snooze') return { kind: 'snooze', minutes: body.minutes ?? 0 };
  return { kind: body.action };
}

/** "name: needs at least one letter or digit; text is required". */
function describe(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.map(String).join('.');
      if (field === '') return issue.message;
      return issue.message.startsWith(field) ? issue.message : `${field}: ${issue.message}`;
    })
    .join('; ');
}

export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  if (value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
    throw new InputError('the body must be a JSON object');
  }
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw new InputError(describe(parsed.error));
  return parsed.data;
}
