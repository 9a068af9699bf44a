// Outgoing platform calls: wait for the tenant's shared rate limiter, then retry transient failures with backoff and
// jitter, honouring the platform's Retry-After. Hand-written because the retry delay must come from the response.
import { SendWithheldError, type Store, type WireGate } from '../../core/index.ts';

export interface SendPolicy {
  /** Sends per second allowed for one limiter key, across all instances; null: no shared limiter (retries only). */
  perSecond: number | null;
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** What a failed attempt means: retry (after the platform's delay, if it gave one) or give up. */
export interface FailureVerdict {
  retry: boolean;
  retryAfterMs?: number | undefined;
}

export interface LimitedSendDeps {
  store: Store;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export class SendFailedError extends Error {
  constructor(
    readonly attempts: number,
    readonly lastError: unknown,
  ) {
    super(`send failed after ${attempts} attempt(s): ${lastError instanceof Error ? lastError.message : 'unknown error'}`);
    this.name = 'SendFailedError';
  }
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits `ms`, or until `signal` aborts (then answers false). */
function sleepUnlessAborted(sleep: (ms: number) => Promise<void>, ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (!signal) return sleep(ms).then(() => true);
  if (signal.aborted) return Promise.resolve(false);
  return new Promise<boolean>((resolve) => {
    const onAbort = () => resolve(false);
    signal.addEventListener('abort', onAbort, { once: true });
    void sleep(ms).then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    });
  });
}

export async function limitedSend<T>(
  deps: LimitedSendDeps,
  limiterKey: string,
  policy: SendPolicy,
  send: () => Promise<T>,
  classify: (err: unknown) => FailureVerdict,
  gate?: WireGate,
): Promise<T> {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? defaultSleep;
  const random = deps.random ?? Math.random;
  let lastError: unknown;
  let attempt = 0;
  let onWire = gate === undefined;
  while (attempt < policy.maxAttempts) {
    attempt += 1;
    const wait = policy.perSecond === null ? 0 : await deps.store.reserveSend(limiterKey, policy.perSecond, now());
    if (!onWire) {
      // Not on the wire yet: a stopping instance hands the send back instead of waiting its turn.
      if (gate?.signal?.aborted || (wait > 0 && !(await sleepUnlessAborted(sleep, wait, gate?.signal)))) throw new SendWithheldError('handed-back');
      if (!(await (gate as WireGate).beforeWire())) throw new SendWithheldError('held-elsewhere');
      onWire = true;
    } else if (wait > 0) await sleep(wait);
    try {
      return await send();
    } catch (err) {
      lastError = err;
      const verdict = classify(err);
      if (!verdict.retry || attempt === policy.maxAttempts) break;
      if (verdict.retryAfterMs !== undefined) {
        // Without a shared limiter only this call waits out the Retry-After.
        if (policy.perSecond === null) {
          await sleep(verdict.retryAfterMs);
          continue;
        }
        // Retry-After holds the whole shared limiter, so no instance sends to this tenant before it ends; the next
        // reservation (ours included) waits for it.
        const at = now();
        await deps.store.holdSends(limiterKey, policy.perSecond, at, at + verdict.retryAfterMs);
        continue;
      }
      // Full jitter spreads retries from many instances.
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      await sleep(Math.round(random() * backoff));
    }
  }
  throw new SendFailedError(attempt, lastError);
}
