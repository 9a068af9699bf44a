// Commits one claim through the store's grouped commit: what a scheduler tick does for a batch of one.
import type { DueIndex } from '../../src/core/index.ts';

export async function commitOne(store: DueIndex, jobId: string, token: string, nextDueAt: number | null): Promise<boolean> {
  const [committed] = await store.commitDueMany(token, [{ jobId, nextDueAt }]);
  return committed === true;
}
