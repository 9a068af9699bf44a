// Slack over HTTP: events, commands and clicks are POSTed to /slack/events. Each request is read once, the request
// guard checks its signature and shape, and Bolt gets the body the guard parsed. (Bolt's ExpressReceiver would read
// and parse it again behind an express route of its own: about 5% of a click's CPU.) The acknowledgement, the retry
// headers and the error answers are Bolt's own (HTTPResponseAck, HTTPModuleFunctions), as in its receivers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import express from 'express';
import { HTTPModuleFunctions as httpFunc, HTTPResponseAck, type App, type Logger as BoltLogger, type Receiver, type ReceiverEvent } from '@slack/bolt';
import type { Logger } from '../../../core/index.ts';
import type { SlackBody } from '../payloads.ts';
import { slackRequestGuard } from '../request-guard.ts';

export const EVENTS_PATH = '/slack/events';

/** Slack's payloads are a few kB; a modal's state is the biggest. */
const MAX_BODY = '1mb';
/**
 * body-parser's reader, called directly (it needs no express): after an error (too big, cut off) it reads the rest
 * of the body before answering, so a kept-alive connection stays usable for the next request.
 */
const readRaw = express.raw({ type: () => true, limit: MAX_BODY });

/** The raw body, or the HTTP status of why it could not be read. */
function readBody(req: IncomingMessage, res: ServerResponse): Promise<Buffer | number> {
  return new Promise((resolve) => {
    readRaw(req as express.Request, res as express.Response, (err?: unknown) => {
      if (err === undefined) resolve(Buffer.isBuffer((req as express.Request).body) ? (req as express.Request).body : Buffer.alloc(0));
      else resolve(typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number' ? err.status : 400);
    });
  });
}

function answerJson(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export class SlackHttpReceiver implements Receiver {
  private bolt: App | null = null;
  private readonly guard: ReturnType<typeof slackRequestGuard>;

  constructor(private readonly options: { signingSecret: string; logger: Logger; boltLogger: BoltLogger }) {
    this.guard = slackRequestGuard({ signingSecret: options.signingSecret, logger: options.logger });
  }

  init(bolt: App): void {
    this.bolt = bolt;
  }

  // The bot's one HTTP server brings the requests: the receiver has no server of its own to open or close.
  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  /** Serves one POST to EVENTS_PATH; never rejects (a failure is logged and answered 500). */
  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    this.serve(req, res).catch((err: unknown) => {
      this.options.logger.error({ err: err instanceof Error ? err.message : 'unknown' }, 'slack request failed');
      if (!res.headersSent) httpFunc.buildNoBodyResponse(res, 500);
    });
  };

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req, res);
    if (typeof raw === 'number') {
      // Too big (413), cut off or a length that does not match (400), an unknown encoding (415).
      answerJson(res, raw, { error: 'unreadable body' });
      return;
    }
    const verdict = this.guard(raw, req.headers);
    if (verdict.status !== 200) {
      answerJson(res, verdict.status, { error: verdict.error });
      return;
    }
    const { checked } = verdict;
    if (checked.kind === 'app_rate_limited') httpFunc.buildNoBodyResponse(res, 200);
    else if (checked.kind === 'ssl_check') httpFunc.buildSSLCheckResponse(res);
    else if (checked.kind === 'url_verification') httpFunc.buildUrlVerificationResponse(res, checked.body);
    else await this.dispatch(req, res, checked.body);
  }

  /** Hands the body to Bolt the way its own receivers do: the listener's ack() answers the request. */
  private async dispatch(req: IncomingMessage, res: ServerResponse, body: SlackBody): Promise<void> {
    if (this.bolt === null) throw new Error('the Slack receiver was not given its app');
    const logger = this.options.boltLogger;
    const ack = new HTTPResponseAck({ logger, processBeforeResponse: false, httpRequest: req, httpRequestBody: body, httpResponse: res });
    const retryNum = httpFunc.extractRetryNumFromHTTPRequest(req);
    const retryReason = httpFunc.extractRetryReasonFromHTTPRequest(req);
    const event: ReceiverEvent = {
      body,
      ack: ack.bind(),
      ...(retryNum === undefined ? {} : { retryNum }),
      ...(retryReason === undefined ? {} : { retryReason }),
      customProperties: {},
    };
    try {
      await this.bolt.processEvent(event);
    } catch (error) {
      const answered = await httpFunc.defaultProcessEventErrorHandler({ error: error instanceof Error ? error : new Error(String(error)), logger, request: req, response: res, storedResponse: ack.storedResponse });
      // Marks the request acknowledged, so the 3-second unhandled-request timer does not answer it a second time.
      if (answered) ack.ack();
    }
  }
}
