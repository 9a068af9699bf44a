// One scheduler tick: claim due jobs in batches, let the core handle each, commit the next slot with the claim token.
import type { Clock, Logger, Store } from '../core/index.ts';

export interface TickDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** The core's handler: returns the job's next due instant, or null to drop it. */
  handleDue: (jobId: string, dueAt: number) => Promise<number | null>;
  /** Called with (now - dueAt) for each handled job, for the delivery latency metric. */
  observeLatency?: (ms: number) => void;
}

export interface TickOptions {
  batchSize: number;
  leaseMs: number;
  /** Jobs handled at once within a batch. */
  concurrency: number;
  /** Identifies this instance's claims; a commit with another token is refused. */
  token: string;
  /** Checked between batches so shutdown stops claiming promptly. */
  shouldContinue: () => boolean;
  /** A failed job comes back after this long (its send marker keeps it from being sent twice). */
  retryDelayMs: number;
}

export interface TickResult {
  claimed: number;
  committed: number;
  fenced: number;
  failed: number;
}

export async function runTick(deps: TickDeps, options: TickOptions): Promise<TickResult> {
  const result: TickResult = { claimed: 0, committed: 0, fenced: 0, failed: 0 };
  while (options.shouldContinue()) {
    const now = deps.clock.now();
    const claims = await deps.store.claimDue(now, options.batchSize, options.leaseMs, options.token);
    result.claimed += claims.length;
    for (let i = 0; i < claims.length; i += options.concurrency) {
      const slice = claims.slice(i, i + options.concurrency);
      await Promise.all(slice.map((claim) => handleOne(deps, options, claim.memberId, claim.dueAt, result)));
    }
    if (claims.length < options.batchSize) break;
  }
  return result;
}

async function handleOne(deps: TickDeps, options: TickOptions, jobId: string, dueAt: number, result: TickResult): Promise<void> {
  let next: number | null;
  try {
    deps.observeLatency?.(deps.clock.now() - dueAt);
    next = await deps.handleDue(jobId, dueAt);
  } catch (err) {
    result.failed += 1;
    deps.logger.warn({ jobId, err: err instanceof Error ? err.message : 'unknown' }, 'due job failed; retrying later');
    next = deps.clock.now() + options.retryDelayMs;
  }
  try {
    const committed = await deps.store.commitDue(jobId, options.token, next);
    if (committed) result.committed += 1;
    else result.fenced += 1;
  } catch (err) {
    // The lease will expire and the reaper hands the job back; its send marker prevents a second send.
    result.failed += 1;
    deps.logger.warn({ jobId, err: err instanceof Error ? err.message : 'unknown' }, 'commit failed; lease will expire');
  }
}
