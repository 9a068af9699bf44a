// How Teams sends are paced and retried: the tenant's shared limiter, and retries on 429, 412, 502 and 504 only.
import type { FailureVerdict, SendPolicy } from '../shared/limited-send.ts';

/** Teams allows about 30 requests/s per app per tenant; stay a little under it. */
export const TEAMS_SEND_POLICY: SendPolicy = { perSecond: 25, maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8_000 };

const RETRIED_STATUSES = new Set([429, 412, 502, 504]);
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
  if (typeof failure.statusCode !== 'number' || !RETRIED_STATUSES.has(failure.statusCode)) return { retry: false };
  const retryAfterMs = parseRetryAfter(failure.response?.headers?.get?.('retry-after'), now);
  if (retryAfterMs !== undefined && retryAfterMs > MAX_RETRY_AFTER_MS) return { retry: false };
  return { retry: true, retryAfterMs };
}
