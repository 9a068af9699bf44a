// What a failed Slack call means for a retry, and how to name it in a log without leaking tokens or message text.
import { webApi } from '@slack/bolt';
import type { FailureVerdict } from '../shared/limited-send.ts';
import { ResponseUrlNetworkError } from './response-url.ts';

/**
 * Platform errors after which Slack did not act (Slack's own words: rate limited, temporarily unavailable, POST data
 * missing or truncated), so even a post is safe to send again.
 */
const NOT_DONE_PLATFORM_ERRORS = new Set(['ratelimited', 'service_unavailable', 'request_timeout']);

/** Temporary errors where, in Slack's words, "some aspect of the operation succeeded" may have happened first. */
const MAYBE_DONE_PLATFORM_ERRORS = new Set(['internal_error', 'fatal_error']);

/** HTTP answers that say the request was not processed: the server timed out reading it, or is unavailable. */
const NOT_DONE_STATUSES = new Set([408, 503]);

/** Network errors raised before a connection existed, so the request cannot have reached Slack. */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

interface CodedLike {
  code?: unknown;
  data?: { error?: unknown } | undefined;
  statusCode?: unknown;
  cause?: unknown;
}

function coded(err: unknown): CodedLike {
  return typeof err === 'object' && err !== null ? (err as CodedLike) : {};
}

/** The WebClient's fetch fails with a TypeError whose cause carries the network error's code (ECONNREFUSED, ...). */
function neverConnected(fetchError: unknown): boolean {
  const { code } = coded(coded(fetchError).cause);
  return typeof code === 'string' && NEVER_CONNECTED.has(code);
}

/** Fails an HTTP call to a response_url; the status and Retry-After decide the retry. */
export class ResponseUrlError extends Error {
  constructor(
    readonly statusCode: number,
    readonly retryAfterMs: number | undefined,
  ) {
    super(`response_url answered ${statusCode}`);
    this.name = 'ResponseUrlError';
  }
}

/**
 * Whether to try a failed call again. A call that is not `repeatable` (a post: a second one is a second message) is
 * retried only when Slack cannot have acted on it: a 429, an answer that says it was not processed, or no connection.
 * After a timeout, a dropped connection or an error where Slack may have acted, only repeatable calls are retried.
 */
export function classifySlackError(err: unknown, repeatable: boolean): FailureVerdict {
  if (err instanceof ResponseUrlError) {
    if (err.statusCode === 429) return { retry: true, retryAfterMs: err.retryAfterMs };
    return { retry: NOT_DONE_STATUSES.has(err.statusCode) || (repeatable && err.statusCode >= 500) };
  }
  // A response_url post without an answer: like the Web API's request errors below.
  if (err instanceof ResponseUrlNetworkError) return { retry: repeatable || NEVER_CONNECTED.has(err.code) };
  if (err instanceof webApi.WebAPIRateLimitedError) return { retry: true, retryAfterMs: err.retryAfter * 1000 };
  if (err instanceof webApi.WebAPIHTTPError) return { retry: NOT_DONE_STATUSES.has(err.statusCode) || (repeatable && err.statusCode >= 500) };
  // A timeout or a dropped connection: Slack may have the request and acted on it.
  if (err instanceof webApi.WebAPIRequestError) return { retry: repeatable || neverConnected(err.original) };
  if (err instanceof webApi.WebAPIPlatformError) {
    const word = err.data.error;
    return { retry: NOT_DONE_PLATFORM_ERRORS.has(word) || (repeatable && MAYBE_DONE_PLATFORM_ERRORS.has(word)) };
  }
  return { retry: false };
}

/** "slack_webapi_platform_error:channel_not_found": the code and Slack's error word, nothing from the request. */
export function describeSlackError(err: unknown): string {
  const e = coded(err);
  if (err instanceof ResponseUrlError) return `response_url:${err.statusCode}`;
  if (err instanceof ResponseUrlNetworkError) return `response_url:${err.code}`;
  const detail = typeof e.data?.error === 'string' ? `:${e.data.error}` : typeof e.statusCode === 'number' ? `:${e.statusCode}` : '';
  if (typeof e.code === 'string') return `${e.code}${detail}`;
  if (err instanceof Error && 'lastError' in err) return `${err.name}(${describeSlackError((err as { lastError: unknown }).lastError)})`;
  return err instanceof Error ? err.name : 'unknown error';
}

/** Slack's error word of a failed call (e.g. "channel_not_found"), also through a SendFailedError; null when there is none. */
export function slackErrorWord(err: unknown): string | null {
  const e = coded(err);
  if (typeof e.data?.error === 'string') return e.data.error;
  if (err instanceof Error && 'lastError' in err) return slackErrorWord((err as { lastError: unknown }).lastError);
  return null;
}
