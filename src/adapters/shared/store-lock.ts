// One instance at a time: a short lock in the Store (a record written only if absent), released when the work ends,
// and gone on its own after its time-to-live if its holder dies mid-work.
import type { RecordStore } from '../../core/index.ts';

export interface StoreLock {
  kind: string;
  key: string;
  ttlMs: number;
}

/** Runs `work` holding the lock; null, without running it, when another holder has the lock. */
export async function underStoreLock<T>(store: RecordStore, lock: StoreLock, work: () => Promise<T>): Promise<{ value: T } | null> {
  if (!(await store.putRecordIfAbsent(lock.kind, lock.key, 'held', lock.ttlMs))) return null;
  try {
    return { value: await work() };
  } finally {
    await store.deleteRecord(lock.kind, lock.key);
  }
}
