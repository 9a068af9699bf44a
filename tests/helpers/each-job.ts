// A scheduler batch handler made of a per-job function, for tests and benchmarks that stand in for the core.
import type { Claim, DueOutcome } from '../../src/core/index.ts';
import type { HandleDueBatch } from '../../src/scheduler/tick.ts';

export function eachJob(handleOne: (jobId: string, dueAt: number) => Promise<number | null>): HandleDueBatch {
  return (jobs: Claim[]) =>
    Promise.all(
      jobs.map((job): Promise<DueOutcome> =>
        handleOne(job.jobId, job.dueAt).then(
          (nextDueAt) => ({ nextDueAt }),
          (failed: unknown) => ({ failed }),
        ),
      ),
    );
}
