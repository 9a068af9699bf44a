// Slack over HTTP: events, commands and clicks are POSTed to /slack/events, checked by the request guard first.
import type { Router } from 'express';
import { ExpressReceiver, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../../core/index.ts';
import { slackRequestGuard } from '../request-guard.ts';

export const EVENTS_PATH = '/slack/events';

export function createHttpReceiver(options: { signingSecret: string; router: Router; logger: Logger; boltLogger: BoltLogger }): ExpressReceiver {
  options.router.post(EVENTS_PATH, ...slackRequestGuard({ signingSecret: options.signingSecret, logger: options.logger }));
  return new ExpressReceiver({
    signingSecret: options.signingSecret,
    logger: options.boltLogger,
    router: options.router,
    endpoints: EVENTS_PATH,
    processBeforeResponse: false,
    // The request guard in front has verified the signature already (and answered 401 otherwise): once is enough.
    signatureVerification: false,
  });
}
