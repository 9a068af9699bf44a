// How Teams sends are paced and retried: the tenant's shared limiter; retries on 429, 412, 502 and 504 (Microsoft's
// list), and also on 500, 503 and a lost connection or timeout, where Teams may or may not have the message.
import type { FailureVerdict, SendPolicy } from '../shared/limited-send.ts';

/** Teams allows about 30 requests/s per app per tenant; stay a little under it. */
export const TEAMS_SEND_POLICY: SendPolicy = { perSecond: 25, maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8_000 };

/**
 * Microsoft asks for retries on 429, 412, 502 and 504. 500 and 503 are retried too: a prompt lost is worse than a
 * prompt shown twice, and the copy is the same prompt (one id), so a click on either counts once.
 */
const RETRIED_STATUSES = new Set([429, 412, 500, 502, 503, 504]);
/** Errors of our own code, not of the network: never retried. */
const BUG_ERRORS = [TypeError, RangeError, SyntaxError, ReferenceError];
/** A longer Retry-After would hold a scheduler worker too long: the send fails, is counted and logged instead. */
const MAX_RETRY_AFTER_MS = 60_000;

export function teamsLimiterKey(tenantId: string): string {
  return `teams:${tenantId}`;
}

interface HttpFailure {
  statusCode?: unknown;
  response?: { headers?: { get?: (name: string) => string | undefined } };
}

/** Retry-After is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function classifyTeamsFailure(err: unknown, now: number = Date.now()): FailureVerdict {
  const failure = (typeof err === 'object' && err !== null ? err : {}) as HttpFailure;
  // No HTTP answer at all (a timeout, a reset connection): the message may or may not have arrived; send it again.
  if (typeof failure.statusCode !== 'number') return { retry: err instanceof Error && !BUG_ERRORS.some((kind) => err instanceof kind) };
  if (!RETRIED_STATUSES.has(failure.statusCode)) return { retry: false };
  const retryAfterMs = parseRetryAfter(failure.response?.headers?.get?.('retry-after'), now);
  if (retryAfterMs !== undefined && retryAfterMs > MAX_RETRY_AFTER_MS) return { retry: false };
  return { retry: true, retryAfterMs };
}
