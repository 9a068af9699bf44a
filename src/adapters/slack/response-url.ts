// POSTs JSON to a Slack response_url with Node's own HTTP client over its kept-alive global agents. fetch spent about
// three times its CPU per request (WHATWG streams, Headers and Request objects each time), and every Done click makes
// one of these posts. A response_url can post into the conversation, so no error here carries it.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface ResponseUrlAnswer {
  status: number;
  /** Retry-After of a 429, in ms, when Slack sent one. */
  retryAfterMs: number | undefined;
}

/** The post got no HTTP answer: never connected (`code`), cut off, or no answer within the time allowed. */
export class ResponseUrlNetworkError extends Error {
  constructor(
    readonly code: string,
    readonly timedOut: boolean,
  ) {
    super(timedOut ? 'response_url post timed out' : `response_url post failed: ${code}`);
    this.name = 'ResponseUrlNetworkError';
  }
}

function retryAfterMs(res: IncomingMessage): number | undefined {
  const seconds = Number(res.headers['retry-after']);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

function networkError(err: unknown): ResponseUrlNetworkError {
  const code = typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string' ? (err as { code: string }).code : 'ERR_NETWORK';
  return new ResponseUrlNetworkError(code, false);
}

/** Resolves with the answer's status once its body has been read; rejects only when there was no answer. */
export function postJson(url: string, body: string, timeoutMs: number): Promise<ResponseUrlAnswer> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.reject(new ResponseUrlNetworkError('ERR_INVALID_URL', false));
  }
  if (target.protocol !== 'https:' && target.protocol !== 'http:') return Promise.reject(new ResponseUrlNetworkError('ERR_INVALID_PROTOCOL', false));
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<ResponseUrlAnswer>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      outcome();
    };
    const req = send(target, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.on('error', (err) => settle(() => reject(networkError(err))));
      res.on('end', () => settle(() => resolve({ status: res.statusCode ?? 0, retryAfterMs: retryAfterMs(res) })));
      res.resume();
    });
    const deadline = setTimeout(() => {
      settle(() => reject(new ResponseUrlNetworkError('ETIMEDOUT', true)));
      req.destroy();
    }, timeoutMs);
    req.on('error', (err) => settle(() => reject(networkError(err))));
    req.end(body);
  });
}
