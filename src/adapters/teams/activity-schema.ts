// The least an inbound activity must carry before the SDK sees it; anything else is a 400, never a crash.
import { z } from 'zod';

const account = z.looseObject({ id: z.string().min(1) });

export const inboundActivitySchema = z.looseObject({
  type: z.string().min(1),
  channelId: z.string().min(1),
  // Replies go to this URL; only http(s) makes sense (the Emulator uses plain http on localhost).
  serviceUrl: z.url({ protocol: /^https?$/ }),
  conversation: account,
  from: account.optional(),
  recipient: account.optional(),
});

export type InboundActivity = z.infer<typeof inboundActivitySchema>;

/** Where the request went wrong, by field path, without echoing any values. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
}

/** The SDK expects these as Dates, as its own request parsing leaves them. */
export function withDates(activity: InboundActivity): InboundActivity {
  const fixed: Record<string, unknown> = { ...activity };
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
