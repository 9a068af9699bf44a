// What a POST to /slack/events may go on with: a forged or stale signature gets 401 and a signed but malformed body
// 400, before anything is parsed further or written. Bolt's own check is not used: this is the one.
import type { IncomingHttpHeaders } from 'node:http';
import type { Logger } from '../../core/index.ts';
import { checkBody, type CheckedBody } from './payloads.ts';
import { slackSignatureCheck } from './signature.ts';

export interface RequestGuardOptions {
  signingSecret: string;
  logger: Logger;
  /** Wall-clock ms for the 5-minute freshness rule (not the domain clock). */
  now?: () => number;
}

export type GuardVerdict = { status: 401 | 400; error: string } | { status: 200; checked: CheckedBody };

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Checks a request's raw body against its headers: the signature first, then the payload's shape. */
export function slackRequestGuard(options: RequestGuardOptions): (raw: Buffer, headers: IncomingHttpHeaders) => GuardVerdict {
  const now = options.now ?? Date.now;
  const isSignedBySlack = slackSignatureCheck(options.signingSecret);
  return (raw, headers) => {
    if (!isSignedBySlack(raw, header(headers, 'x-slack-signature'), header(headers, 'x-slack-request-timestamp'), now())) {
      options.logger.warn({}, 'slack request refused: bad or stale signature');
      return { status: 401, error: 'invalid signature' };
    }
    // Slack sends no charset, but a "; charset=..." suffix is allowed for.
    const contentType = (header(headers, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const checked = checkBody(raw.toString('utf8'), contentType);
    if (checked === null) {
      options.logger.warn({}, 'slack request refused: malformed payload');
      return { status: 400, error: 'malformed Slack payload' };
    }
    if (checked.kind === 'app_rate_limited') options.logger.warn({ workspace: checked.teamId }, 'Slack is dropping events for this workspace: app_rate_limited');
    return { status: 200, checked };
  };
}
