// Runs a task for each item with at most `concurrency` in flight: a pool rather than slices, so one slow item holds up
// only its own worker, not the rest of its slice.
export async function forEachPooled<T>(items: readonly T[], concurrency: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < items.length; i = next++) await task(items[i] as T, i);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}
