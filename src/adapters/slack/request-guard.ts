// In front of Bolt on POST /slack/events: a forged or stale signature gets 401 and a signed but malformed body 400,
// before anything is parsed further or written. Bolt's own check is off (signatureVerification: false): this is the one.
import express, { type NextFunction, type Request, type Response, type RequestHandler } from 'express';
import type { Logger } from '../../core/index.ts';
import { checkBody } from './payloads.ts';
import { slackSignatureCheck } from './signature.ts';

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

export function slackRequestGuard(options: RequestGuardOptions): RequestHandler[] {
  const now = options.now ?? Date.now;
  const isSignedBySlack = slackSignatureCheck(options.signingSecret);
  const readRaw = express.raw({ type: () => true, limit: MAX_BODY });
  const guard = (req: Request, res: Response, next: NextFunction): void => {
    const raw: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!isSignedBySlack(raw, header(req, 'x-slack-signature'), header(req, 'x-slack-request-timestamp'), now())) {
      options.logger.warn({ path: req.path }, 'slack request refused: bad or stale signature');
      res.status(401).json({ error: 'invalid signature' });
      return;
    }
    // Bolt compares the content type exactly, so a "; charset=..." suffix is dropped here.
    const contentType = (header(req, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const checked = checkBody(raw.toString('utf8'), contentType);
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
