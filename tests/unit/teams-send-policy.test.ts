// Which Teams failures are retried, and after how long.
import { describe, expect, it } from 'vitest';
import { classifyTeamsFailure, parseRetryAfter, teamsLimiterKey } from '../../src/adapters/teams/send-policy.ts';

function failure(statusCode: number, retryAfter?: string) {
  return { statusCode, response: { headers: { get: (name: string) => (name === 'retry-after' ? retryAfter : undefined) } } };
}

describe('Teams send policy', () => {
  it('retries 429, 412, 502 and 504, and 500 and 503 too (a prompt lost is worse than one shown twice)', () => {
    for (const status of [429, 412, 500, 502, 503, 504]) expect(classifyTeamsFailure(failure(status)).retry).toBe(true);
  });

  it('retries a send that got no answer (timeout, reset), but not other answers or our own bugs', () => {
    for (const status of [400, 401, 403, 404, 501]) expect(classifyTeamsFailure(failure(status)).retry).toBe(false);
    expect(classifyTeamsFailure(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })).retry).toBe(true);
    expect(classifyTeamsFailure(Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' })).retry).toBe(true);
    expect(classifyTeamsFailure(new TypeError('cannot read properties of undefined')).retry).toBe(false);
    expect(classifyTeamsFailure(null).retry).toBe(false);
  });

  it('honours Retry-After given in seconds or as an HTTP date', () => {
    const now = Date.parse('2026-03-02T09:00:00Z');
    expect(classifyTeamsFailure(failure(429, '3'), now)).toEqual({ retry: true, retryAfterMs: 3_000 });
    expect(classifyTeamsFailure(failure(429, 'Mon, 02 Mar 2026 09:00:05 GMT'), now)).toEqual({ retry: true, retryAfterMs: 5_000 });
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });

  it('gives up rather than hold a worker when Retry-After is more than a minute', () => {
    expect(classifyTeamsFailure(failure(429, '600')).retry).toBe(false);
  });

  it('limits per tenant', () => {
    expect(teamsLimiterKey('tenant-1')).toBe('teams:tenant-1');
  });
});
