// One due job through the scheduler's batch entry, as a batch of one: its next due instant, or its failure thrown.
import type { BreakService } from '../../src/core/index.ts';

export async function handleOne(service: BreakService, jobId: string, dueAt: number): Promise<number | null> {
  const [outcome] = await service.handleDueBatch([{ jobId, dueAt }], 1);
  if (!outcome) throw new Error(`no outcome for due job ${jobId}`);
  if ('failed' in outcome) throw outcome.failed;
  return outcome.nextDueAt;
}
