// A failed job is retried later at a new due instant, which is no slot of the member's schedule. The due instant of
// the slot it stands for is kept in a small record beside it, so the retry sends that slot (while it is fresh).
import type { RecordStore } from '../ports/index.ts';
import { STALE_SLOT_MS } from '../context.ts';

export const RETRY_SLOT_KIND = 'retry-slot';
/** A slot older than this is stale anyway, so its record can go. */
export const RETRY_SLOT_TTL_MS = STALE_SLOT_MS + 60_000;

/** The due instant of the slot a retried job stands for, or null when the job is not a retry (or its record is gone). */
export async function retrySlotDueAt(store: RecordStore, jobId: string, dueAt: number): Promise<number | null> {
  const kept = Number(await store.getRecord(RETRY_SLOT_KIND, jobId));
  return Number.isFinite(kept) && kept > 0 && kept <= dueAt ? kept : null;
}

/**
 * Keeps the slot a failed job stands for. `known` is false when the handler could not tell (the claim's own due
 * instant is given): a slot kept by an earlier failure of the same job then wins.
 */
export async function rememberRetrySlot(store: RecordStore, jobId: string, slotDueAt: number, known: boolean): Promise<void> {
  if (known) await store.putRecord(RETRY_SLOT_KIND, jobId, String(slotDueAt), RETRY_SLOT_TTL_MS);
  else await store.putRecordIfAbsent(RETRY_SLOT_KIND, jobId, String(slotDueAt), RETRY_SLOT_TTL_MS);
}

export function forgetRetrySlot(store: RecordStore, jobId: string): Promise<void> {
  return store.deleteRecord(RETRY_SLOT_KIND, jobId);
}
