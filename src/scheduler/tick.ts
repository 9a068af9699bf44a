// One scheduler tick: claim due jobs in batches, let the core handle each batch, commit the next slots with the claim
// token in one store call per batch.
import { rememberRetrySlot, type Claim, type Clock, type DueOutcome, type Logger, type Store } from '../core/index.ts';

/** The core's handler for a claimed batch: one outcome per job, in order; `signal` aborts when the instance stops. */
export type HandleDueBatch = (jobs: Claim[], concurrency: number, signal?: AbortSignal) => Promise<DueOutcome[]>;

export interface TickDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  handleDueBatch: HandleDueBatch;
  /** Called with (now - dueAt) for each claimed job, for the delivery latency metric. */
  observeLatency?: (ms: number) => void;
}

export interface TickOptions {
  batchSize: number;
  leaseMs: number;
  /** Platform calls in flight at once, shared by the tick's lanes. */
  concurrency: number;
  /** Identifies this instance's claims; a commit with another token is refused. */
  token: string;
  /** Checked between batches so shutdown stops claiming promptly. */
  shouldContinue: () => boolean;
  /** A failed job comes back after this long (its send marker keeps it from being sent twice). */
  retryDelayMs: number;
  /** Aborts when the instance stops: sends still waiting for the rate limiter are handed back. */
  signal?: AbortSignal;
}

/** How often a batch's leases are extended while it is handled, as a share of the lease. */
const EXTEND_EVERY_SHARE = 1 / 3;

export interface TickResult {
  claimed: number;
  committed: number;
  fenced: number;
  failed: number;
}

/** Batches handled side by side: while Redis runs one batch's calls, this process prepares the other's. */
const LANES = 2;

export async function runTick(deps: TickDeps, options: TickOptions): Promise<TickResult> {
  const result: TickResult = { claimed: 0, committed: 0, fenced: 0, failed: 0 };
  let drained = false;
  const lane = async (): Promise<void> => {
    while (!drained && options.shouldContinue()) {
      const now = deps.clock.now();
      const claims = await deps.store.claimDue(now, options.batchSize, options.leaseMs, options.token);
      result.claimed += claims.length;
      if (claims.length < options.batchSize) drained = true;
      if (claims.length > 0) await handleBatch(deps, options, claims, result);
    }
  };
  await Promise.all(Array.from({ length: LANES }, lane));
  return result;
}

async function handleBatch(deps: TickDeps, options: TickOptions, claims: Claim[], result: TickResult): Promise<void> {
  for (const claim of claims) deps.observeLatency?.(deps.clock.now() - claim.dueAt);
  let outcomes: DueOutcome[];
  const stopExtending = keepLeases(deps, options, claims);
  try {
    outcomes = await deps.handleDueBatch(claims, Math.max(1, Math.ceil(options.concurrency / LANES)), options.signal);
  } catch (err) {
    outcomes = claims.map(() => ({ failed: err }));
  } finally {
    stopExtending();
  }
  const retryAt = deps.clock.now() + options.retryDelayMs;
  const retries: Array<Promise<void>> = [];
  const commits = claims.map((claim, i) => {
    const outcome = outcomes[i] ?? { failed: new Error('no outcome') };
    if (!('failed' in outcome)) return { jobId: claim.jobId, nextDueAt: outcome.nextDueAt };
    result.failed += 1;
    deps.logger.warn({ jobId: claim.jobId, err: describe(outcome.failed) }, 'due job failed; retrying later');
    // The retry is due at retryAt, which is no slot: the slot it stands for is kept beside it.
    const known = outcome.slotDueAt !== undefined;
    retries.push(rememberRetrySlot(deps.store, claim.jobId, outcome.slotDueAt ?? claim.dueAt, known).catch((err: unknown) => {
      deps.logger.warn({ jobId: claim.jobId, err: describe(err) }, "could not keep a retried job's slot");
    }));
    return { jobId: claim.jobId, nextDueAt: retryAt };
  });
  await Promise.all(retries);
  try {
    const committed = await deps.store.commitDueMany(options.token, commits);
    for (const ok of committed) ok ? (result.committed += 1) : (result.fenced += 1);
  } catch (err) {
    // The leases will expire and the reaper hands the jobs back; their send markers prevent a second send.
    result.failed += commits.length;
    deps.logger.warn({ jobs: commits.length, err: describe(err) }, 'commit failed; leases will expire');
  }
}

/**
 * While the batch is handled (its sends may wait their turn at a workspace's rate limiter for longer than the lease),
 * its leases are moved on, fenced by the claim token; a process that dies stops extending, so its claims are reaped
 * one lease after its last extension. Returns the function that stops extending.
 */
function keepLeases(deps: TickDeps, options: TickOptions, claims: Claim[]): () => void {
  const jobIds = claims.map((claim) => claim.jobId);
  const timer = setInterval(() => {
    deps.store.extendLeases(options.token, jobIds, deps.clock.now() + options.leaseMs).catch((err: unknown) => {
      deps.logger.warn({ jobs: jobIds.length, err: describe(err) }, 'could not extend leases; they may be reaped');
    });
  }, Math.max(1000, Math.floor(options.leaseMs * EXTEND_EVERY_SHARE)));
  timer.unref();
  return () => clearInterval(timer);
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : 'unknown';
}
