// The shapes of what Slack posts to /slack/events. A signed body that is not one of these gets 400 before Bolt sees it.
import { z } from 'zod';

/**
 * Bolt keeps its API clients in a plain object keyed by team id: an id such as "constructor" would find a function of
 * Object.prototype there and fail the request with a 500, so no id may be one of its names.
 */
const id = z
  .string()
  .min(1)
  .max(255)
  .refine((value) => !(value in Object.prototype), 'not an id');
/**
 * A JSON object, not null or an array. Bolt reads some fields as objects before any listener runs and before the ack
 * (`'id' in event.channel`, `event.user.id`, `authorizations[0].team_id`, `response_urls[0].response_url`): a null
 * there throws inside Bolt and the request gets a 500, so such a body is refused here with a 400 instead.
 */
const anObject = z.looseObject({});

export const commandPayload = z.object({
  team_id: id,
  user_id: id,
  channel_id: id,
  channel_name: z.string().optional(),
  user_name: z.string().optional(),
  command: z.string().startsWith('/'),
  text: z.string().max(4000),
  response_url: z.url(),
  trigger_id: id,
});
export type CommandPayload = z.infer<typeof commandPayload>;

const actionPayload = z.object({
  action_id: id,
  value: z.string().max(2000).optional(),
  selected_option: z.object({ value: z.string().max(2000) }).optional(),
});

export const blockActionsPayload = z.object({
  type: z.literal('block_actions'),
  team: z.object({ id }),
  user: z.object({ id }),
  trigger_id: id,
  actions: z.array(actionPayload).min(1),
  container: z.object({ type: z.string(), channel_id: id.optional(), message_ts: id.optional() }).optional(),
  channel: z.object({ id }).optional(),
  message: z.object({ ts: id }).optional(),
  response_url: z.url().optional(),
  response_urls: z.array(anObject).optional(),
});
export type BlockActionsPayload = z.infer<typeof blockActionsPayload>;

export const viewSubmissionPayload = z.object({
  type: z.literal('view_submission'),
  team: z.object({ id }),
  user: z.object({ id }),
  view: z.object({
    callback_id: z.string(),
    private_metadata: z.string().optional(),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), z.unknown())) }),
  }),
  response_urls: z.array(anObject).optional(),
});
export type ViewSubmissionPayload = z.infer<typeof viewSubmissionPayload>;

const interactionPayload = z.discriminatedUnion('type', [blockActionsPayload, viewSubmissionPayload]);
type Interaction = z.infer<typeof interactionPayload>;

/** Each interaction body the guard let through, as it checked it: a listener takes this instead of checking again. */
const checkedInteractions = new WeakMap<object, Interaction>();

/** An interaction as the request guard checked it over HTTP, or checked here (Socket Mode has no guard). */
function checkedOr<T extends Interaction['type']>(body: unknown, type: T, schema: z.ZodType<Extract<Interaction, { type: T }>>): Extract<Interaction, { type: T }> {
  const checked = typeof body === 'object' && body !== null ? checkedInteractions.get(body) : undefined;
  return checked?.type === type ? (checked as Extract<Interaction, { type: T }>) : schema.parse(body);
}

/** A click's payload (block_actions). */
export const blockActionsOf = (body: unknown): BlockActionsPayload => checkedOr(body, 'block_actions', blockActionsPayload);
/** A modal's submission (view_submission). */
export const viewSubmissionOf = (body: unknown): ViewSubmissionPayload => checkedOr(body, 'view_submission', viewSubmissionPayload);

export const eventEnvelope = z.object({
  type: z.literal('event_callback'),
  team_id: id,
  event_id: id,
  authorizations: z.array(anObject).optional(),
  event: z.object({
    type: z.string().min(1),
    user: z.union([z.string(), anObject]).optional(),
    channel: z.union([z.string(), anObject]).optional(),
    item: anObject.optional(),
    subteam: anObject.optional(),
  }),
});

const tokensRevoked = z.object({ tokens: z.object({ bot: z.array(z.string()).optional() }) });

/** True when a tokens_revoked event names at least one bot token (user tokens alone do not end an installation). */
export function botTokenRevoked(event: unknown): boolean {
  const parsed = tokensRevoked.safeParse(event);
  return parsed.success && (parsed.data.tokens.bot?.length ?? 0) > 0;
}

const jsonBody = z.discriminatedUnion('type', [
  z.object({ type: z.literal('url_verification'), challenge: z.string().min(1).max(1000) }),
  eventEnvelope,
  z.object({ type: z.literal('app_rate_limited'), team_id: id }),
]);

const sslCheck = z.object({ ssl_check: z.literal('1') });

/** What Slack sent, parsed: every field, not only the ones checked here, since Bolt reads the body as it is. */
export type SlackBody = Record<string, unknown>;

export type CheckedBody =
  | { kind: 'command' | 'interaction' | 'event' | 'url_verification' | 'ssl_check'; body: SlackBody }
  | { kind: 'app_rate_limited'; teamId: string };

/** Parses a raw body by its content type; null when it is not a payload we accept. */
export function checkBody(raw: string, contentType: string): CheckedBody | null {
  try {
    if (contentType === 'application/x-www-form-urlencoded') {
      const params = new URLSearchParams(raw);
      const form: SlackBody = Object.fromEntries(params);
      // Slack names each field once; a repeated one would mean two different values to two readers.
      if (Object.keys(form).length !== params.size) return null;
      if (typeof form['payload'] === 'string') {
        const interaction: unknown = JSON.parse(form['payload']);
        const parsed = interactionPayload.safeParse(interaction);
        if (!parsed.success) return null;
        checkedInteractions.set(interaction as SlackBody, parsed.data);
        return { kind: 'interaction', body: interaction as SlackBody };
      }
      if (sslCheck.safeParse(form).success) return { kind: 'ssl_check', body: form };
      return commandPayload.safeParse(form).success ? { kind: 'command', body: form } : null;
    }
    if (contentType === 'application/json') {
      const json: unknown = JSON.parse(raw);
      const parsed = jsonBody.safeParse(json);
      if (!parsed.success) return null;
      if (parsed.data.type === 'event_callback') return { kind: 'event', body: json as SlackBody };
      if (parsed.data.type === 'app_rate_limited') return { kind: 'app_rate_limited', teamId: parsed.data.team_id };
      return { kind: 'url_verification', body: json as SlackBody };
    }
  } catch {
    // JSON.parse on a body that is not JSON: the same answer as any other malformed body.
  }
  return null;
}
