// When a failed Slack call is tried again: always when Slack cannot have acted on it (429, 503, 408, its own
// "ratelimited", "service_unavailable", "request_timeout", no connection); after a timeout, a cut connection or an
// error where Slack may have acted, only when the call is safe to repeat. Errors never keep the bot token.
import { inspect } from 'node:util';
import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/adapters/memory/index.ts';
import { SendFailedError } from '../../src/adapters/shared/limited-send.ts';
import { SlackApi } from '../../src/adapters/slack/slack-api.ts';
import { ResponseUrlNetworkError } from '../../src/adapters/slack/response-url.ts';
import { classifySlackError, ResponseUrlError } from '../../src/adapters/slack/slack-errors.ts';
import type { Logger } from '../../src/core/index.ts';
import { freeLoopbackPort } from '../helpers/bot-process.ts';

const TOKEN = 'xoxb-secret-token-never-in-errors';
const silent: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

// The WebClient's own error classes (web-api 8), built the way it builds them around fetch's failures.
const fetchFailed = (networkCode: string) => new TypeError('fetch failed', { cause: Object.assign(new Error(networkCode), { code: networkCode }) });
const requestError = (networkCode: string) => new webApi.WebAPIRequestError(fetchFailed(networkCode));
const timedOut = () => new webApi.WebAPIRequestError(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
const platformError = (word: string) => new webApi.WebAPIPlatformError({ ok: false, error: word });
const httpError = (status: number) => new webApi.WebAPIHTTPError(status, 'status', {});

/** [what happened, the error, retried for a post, retried for a repeatable call] */
const CASES: Array<[string, unknown, boolean, boolean]> = [
  ['a timeout', timedOut(), false, true],
  ['a connection reset', requestError('ECONNRESET'), false, true],
  ['a refused connection', requestError('ECONNREFUSED'), true, true],
  ['a failed DNS look-up', requestError('EAI_AGAIN'), true, true],
  ['HTTP 503', httpError(503), true, true],
  ['HTTP 408', httpError(408), true, true],
  ['HTTP 500', httpError(500), false, true],
  ['HTTP 504', httpError(504), false, true],
  ['HTTP 400', httpError(400), false, false],
  ['ratelimited', platformError('ratelimited'), true, true],
  ['service_unavailable', platformError('service_unavailable'), true, true],
  ['request_timeout', platformError('request_timeout'), true, true],
  ['internal_error', platformError('internal_error'), false, true],
  ['fatal_error', platformError('fatal_error'), false, true],
  ['channel_not_found', platformError('channel_not_found'), false, false],
  ['response_url 503', new ResponseUrlError(503, undefined), true, true],
  ['response_url 500', new ResponseUrlError(500, undefined), false, true],
  ['response_url 404', new ResponseUrlError(404, undefined), false, false],
  ['a response_url post refused', new ResponseUrlNetworkError('ECONNREFUSED', false), true, true],
  ['a response_url post cut off', new ResponseUrlNetworkError('ECONNRESET', false), false, true],
  ['a response_url post timed out', new ResponseUrlNetworkError('ETIMEDOUT', true), false, true],
  ['a programming error', new RangeError('bug'), false, false],
];

describe('classifySlackError', () => {
  it.each(CASES)('%s: retried for a post %s, for a repeatable call %s', (_, err, post, repeatable) => {
    expect(classifySlackError(err, false).retry).toBe(post);
    expect(classifySlackError(err, true).retry).toBe(repeatable);
  });

  it("a 429 is retried after Slack's Retry-After, for posts too", () => {
    const limited = new webApi.WebAPIRateLimitedError(3);
    expect(classifySlackError(limited, false)).toEqual({ retry: true, retryAfterMs: 3000 });
    expect(classifySlackError(new ResponseUrlError(429, 2000), false)).toEqual({ retry: true, retryAfterMs: 2000 });
  });
});

describe('SlackApi against a port nobody listens on', () => {
  it('retries a post that never connected, and the error it gives up with does not hold the token', async () => {
    const port = await freeLoopbackPort();
    const api = new SlackApi({
      store: new MemoryStore(),
      apiUrl: `http://127.0.0.1:${port}/api/`,
      tokenFor: async () => TOKEN,
      logger: silent,
      timing: { sleep: async () => undefined },
    });
    const failure = await api.call('T0TEST', 'chat.postMessage', { channel: 'DUADA', text: 'hi' }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(SendFailedError);
    expect((failure as SendFailedError).attempts).toBe(4);
    expect(inspect(failure, { depth: 20, showHidden: true })).not.toContain(TOKEN);
  });
});
