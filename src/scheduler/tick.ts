// One scheduler tick: claim due jobs in batches, let the core handle each, commit the next slot with the claim token.
import type { Clock, DueCommit, Logger, Store } from '../core/index.ts';

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
  const commits = new CommitGroups(deps.store, options.token);
  while (options.shouldContinue()) {
    const now = deps.clock.now();
    const claims = await deps.store.claimDue(now, options.batchSize, options.leaseMs, options.token);
    result.claimed += claims.length;
    const committing: Array<Promise<void>> = [];
    // A pool rather than slices: a slow job holds up only its own worker, not the rest of its slice.
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let claim = claims[next++]; claim !== undefined; claim = claims[next++]) {
        const nextDueAt = await handleOne(deps, options, claim.memberId, claim.dueAt, result);
        committing.push(commitOne(deps, commits, claim.memberId, nextDueAt, result));
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, claims.length)) }, worker));
    await Promise.all(committing);
    if (claims.length < options.batchSize) break;
  }
  return result;
}

/** Lets the core handle one job; returns its next due instant (a failed job comes back after the retry delay). */
async function handleOne(deps: TickDeps, options: TickOptions, jobId: string, dueAt: number, result: TickResult): Promise<number | null> {
  try {
    deps.observeLatency?.(deps.clock.now() - dueAt);
    return await deps.handleDue(jobId, dueAt);
  } catch (err) {
    result.failed += 1;
    deps.logger.warn({ jobId, err: err instanceof Error ? err.message : 'unknown' }, 'due job failed; retrying later');
    return deps.clock.now() + options.retryDelayMs;
  }
}

async function commitOne(deps: TickDeps, commits: CommitGroups, jobId: string, nextDueAt: number | null, result: TickResult): Promise<void> {
  try {
    if (await commits.commit({ memberId: jobId, nextDueAt })) result.committed += 1;
    else result.fenced += 1;
  } catch (err) {
    // The lease will expire and the reaper hands the job back; its send marker prevents a second send.
    result.failed += 1;
    deps.logger.warn({ jobId, err: err instanceof Error ? err.message : 'unknown' }, 'commit failed; lease will expire');
  }
}

/**
 * Group commit: a commit waits only for the current round of I/O to be handled, and every commit that comes in while
 * a group is with the store joins the next group. So a busy tick makes one store call (a script per due shard) for
 * many jobs instead of one per job, and a quiet one commits each job at once.
 */
class CommitGroups {
  private waiting: Array<{ commit: DueCommit; resolve: (committed: boolean) => void; reject: (err: unknown) => void }> = [];
  private sending: Promise<void> | null = null;

  constructor(
    private readonly store: Store,
    private readonly token: string,
  ) {}

  commit(commit: DueCommit): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ commit, resolve, reject });
      this.sending ??= this.send();
    });
  }

  private async send(): Promise<void> {
    // Jobs whose replies came in the same round of I/O finish before setImmediate fires, and join this group.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.waiting.length > 0) {
      const group = this.waiting.splice(0);
      try {
        const results = await this.store.commitDueMany(this.token, group.map((entry) => entry.commit));
        group.forEach((entry, i) => entry.resolve(results[i] === true));
      } catch (err) {
        for (const entry of group) entry.reject(err);
      }
    }
    this.sending = null;
  }
}
