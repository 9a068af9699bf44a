// In front of Bolt on POST /slack/events: a forged or stale signature gets 401 and a signed but malformed body 400,
// before anything is parsed further or written. Bolt verifies the signature again; this layer decides the status codes.
import express, { type NextFunction, type Request, type Response, type RequestHandler } from 'express';
import { verifySlackRequest } from '@slack/bolt';
import type { Logger } from '../../core/index.ts';
import { checkBody } from './payloads.ts';

export interface RequestGuardOptions {
  signingSecret: string;
  logger: Logger;
  /** Wall-clock ms for the 5-minute freshness rule (not the domain clock). */
  now?: () => number;
}

/** Bolt reads the raw body from here instead of the (already consumed) stream. */
interface WithRawBody {
  rawBody?: Buffer;
}

const MAX_BODY = '1mb';

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Verifies Slack's v0 signature; false for a missing, forged or stale one. */
export function isSignedBySlack(signingSecret: string, rawBody: string, signature: string | undefined, timestamp: string | undefined, nowMs: number): boolean {
  if (signature === undefined || timestamp === undefined || !/^\d{1,12}$/.test(timestamp)) return false;
  try {
    verifySlackRequest({
      signingSecret,
      body: rawBody,
      headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': Number(timestamp) },
      nowMilliseconds: nowMs,
    });
    return true;
  } catch {
    return false;
  }
}

export function slackRequestGuard(options: RequestGuardOptions): RequestHandler[] {
  const now = options.now ?? Date.now;
  const readRaw = express.raw({ type: () => true, limit: MAX_BODY });
  const guard = (req: Request, res: Response, next: NextFunction): void => {
    const raw: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const text = raw.toString('utf8');
    if (!isSignedBySlack(options.signingSecret, text, header(req, 'x-slack-signature'), header(req, 'x-slack-request-timestamp'), now())) {
      options.logger.warn({ path: req.path }, 'slack request refused: bad or stale signature');
      res.status(401).json({ error: 'invalid signature' });
      return;
    }
    // Bolt compares the content type exactly, so a "; charset=..." suffix is dropped here.
    const contentType = (header(req, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const checked = checkBody(text, contentType);
    if (checked === null) {
      options.logger.warn({ path: req.path }, 'slack request refused: malformed payload');
      res.status(400).json({ error: 'malformed Slack payload' });
      return;
    }
    if (checked.kind === 'app_rate_limited') {
      options.logger.warn({ workspace: checked.teamId }, 'Slack is dropping events for this workspace: app_rate_limited');
      res.status(200).end();
      return;
    }
    req.headers['content-type'] = contentType;
    (req as Request & WithRawBody).rawBody = raw;
    next();
  };
  return [readRaw, guard];
}
