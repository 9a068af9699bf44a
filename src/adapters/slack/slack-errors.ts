// What a failed Slack call means for a retry, and how to name it in a log without leaking tokens or message text.
import { webApi } from '@slack/bolt';
import type { FailureVerdict } from '../shared/limited-send.ts';

/** Platform errors Slack documents as temporary. */
const TRANSIENT_PLATFORM_ERRORS = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

interface CodedLike {
  code?: unknown;
  retryAfter?: unknown;
  statusCode?: unknown;
  data?: { error?: unknown } | undefined;
}

function coded(err: unknown): CodedLike {
  return typeof err === 'object' && err !== null ? (err as CodedLike) : {};
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

export function classifySlackError(err: unknown): FailureVerdict {
  const e = coded(err);
  if (err instanceof ResponseUrlError) {
    return { retry: err.statusCode === 429 || err.statusCode >= 500, retryAfterMs: err.retryAfterMs };
  }
  switch (e.code) {
    case webApi.ErrorCode.RateLimitedError:
      return { retry: true, retryAfterMs: typeof e.retryAfter === 'number' ? e.retryAfter * 1000 : undefined };
    case webApi.ErrorCode.HTTPError:
      return { retry: typeof e.statusCode === 'number' && (e.statusCode >= 500 || e.statusCode === 408) };
    case webApi.ErrorCode.RequestError:
      return { retry: true };
    case webApi.ErrorCode.PlatformError:
      return { retry: typeof e.data?.error === 'string' && TRANSIENT_PLATFORM_ERRORS.has(e.data.error) };
    default:
      // A fetch that never reached the response_url (connection refused, reset) is worth another try.
      return { retry: err instanceof TypeError };
  }
}

/** "slack_webapi_platform_error:channel_not_found": the code and Slack's error word, nothing from the request. */
export function describeSlackError(err: unknown): string {
  const e = coded(err);
  if (err instanceof ResponseUrlError) return `response_url:${err.statusCode}`;
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
