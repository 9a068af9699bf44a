// Outgoing sends: the shared limiter spaces them, Retry-After holds every sender to that tenant, and failures are retried
// with backoff only when the platform says they are transient.
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/adapters/memory/index.ts';
import { limitedSend, SendFailedError, type FailureVerdict } from '../../src/adapters/shared/limited-send.ts';

class RateLimited extends Error {
  constructor(readonly retryAfterMs: number) {
    super('rate limited');
  }
}

function harness() {
  let t = Date.parse('2026-11-25T10:00:00Z');
  const store = new MemoryStore({ now: () => t });
  const sleeps: number[] = [];
  const deps = {
    store,
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
    random: () => 0.5,
  };
  return { deps, sleeps, now: () => t };
}

const classify = (err: unknown): FailureVerdict =>
  err instanceof RateLimited ? { retry: true, retryAfterMs: err.retryAfterMs } : { retry: err instanceof Error && err.message === 'busy' };
const policy = { perSecond: 5, maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 2000 };

describe('limited send', () => {
  it('after a 429 the retry waits for Retry-After, and so does every other sender to that tenant', async () => {
    const h = harness();
    const start = h.now();
    let calls = 0;
    const sentAt: number[] = [];
    await limitedSend(h.deps, 'slack:T1', policy, async () => {
      calls += 1;
      if (calls === 1) throw new RateLimited(2000);
      sentAt.push(h.now());
    }, classify);
    expect(sentAt[0]).toBeGreaterThanOrEqual(start + 2000);
    // A different sender (another instance would share the same store) is held too.
    await limitedSend(h.deps, 'slack:T1', policy, async () => void sentAt.push(h.now()), classify);
    expect(sentAt[1]).toBeGreaterThanOrEqual(start + 2000);
    // Another tenant is not held.
    const other = harness();
    await other.deps.store.holdSends('slack:T1', 5, other.now(), other.now() + 2000);
    await limitedSend(other.deps, 'slack:T2', policy, async () => undefined, classify);
    expect(other.sleeps).toEqual([]);
  });

  it('retries a transient failure with backoff and gives up after the last attempt', async () => {
    const h = harness();
    let calls = 0;
    const failing = limitedSend(h.deps, 'teams:X', policy, async () => {
      calls += 1;
      throw new Error('busy');
    }, classify);
    await expect(failing).rejects.toBeInstanceOf(SendFailedError);
    expect(calls).toBe(4);
    expect(h.sleeps).toEqual([50, 100, 200]);
  });

  it('does not retry a failure the platform calls permanent', async () => {
    const h = harness();
    let calls = 0;
    const failing = limitedSend(h.deps, 'teams:X', policy, async () => {
      calls += 1;
      throw new Error('forbidden');
    }, classify);
    await expect(failing).rejects.toMatchObject({ attempts: 1 });
    expect(calls).toBe(1);
  });
});
