// The least an inbound activity must carry before the SDK sees it; anything else is a 400, never a crash.
import { z } from 'zod';

const optionalText = z.string().nullish();
const account = z.looseObject({ id: z.string().min(1), name: optionalText, aadObjectId: optionalText, role: optionalText });
const conversation = z.looseObject({ id: z.string().min(1), name: optionalText, conversationType: optionalText, tenantId: optionalText, isGroup: z.boolean().nullish() });
const mention = z.looseObject({ mentioned: account, text: z.string() });
// The SDK lowercases every entity's type and reads a mention's mentioned.id while removing the bot's @mention.
const entity = z.looseObject({ type: z.string() }).refine((e) => e.type.toLowerCase() !== 'mention' || mention.safeParse(e).success, 'a mention needs mentioned.id and text');

export const inboundActivitySchema = z.looseObject({
  type: z.string().min(1),
  channelId: z.string().min(1),
  // Replies go to this URL; only http(s) makes sense (the Emulator uses plain http on localhost).
  serviceUrl: z.url({ protocol: /^https?$/ }),
  conversation,
  from: account.nullish(),
  recipient: account.nullish(),
  // Read by the bot or copied into replies by the SDK as these types: any other type would throw in the middle of a turn.
  id: optionalText,
  name: optionalText,
  text: optionalText,
  action: optionalText,
  replyToId: optionalText,
  locale: optionalText,
  localTimezone: optionalText,
  entities: z.array(entity).nullish(),
  membersAdded: z.array(account).nullish(),
  membersRemoved: z.array(account).nullish(),
  attachments: z.array(z.looseObject({})).nullish(),
});

export type InboundActivity = z.infer<typeof inboundActivitySchema>;

/** Where the request went wrong, by field path, without echoing any values. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
}

/**
 * The activity as the SDK expects it: a field that is null is left out (the SDK reads `entities.length` whenever
 * entities is not undefined), and the times are Dates, as the SDK's own request parsing leaves them.
 */
export function withDates(activity: InboundActivity): InboundActivity {
  const fixed: Record<string, unknown> = Object.fromEntries(Object.entries(activity).filter(([, value]) => value !== null));
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['localTimestamp', 'rawLocalTimestamp'], ['expiration', 'rawExpiration']] as const) {
    const value = fixed[field];
    if (typeof value !== 'string') continue;
    const date = new Date(value);
    fixed[raw] = value;
    if (Number.isNaN(date.getTime())) delete fixed[field];
    else fixed[field] = date;
  }
  return fixed as InboundActivity;
}
