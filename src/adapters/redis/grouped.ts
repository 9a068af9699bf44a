// Many items in as few commands as the deployment allows: all together on a single Redis; on a Cluster one command per
// hash tag (a script or multi-key command must stay within one slot), sent side by side.
import type { Cluster, Redis } from 'ioredis';

/** `run` answers one result per item of its group, in order; the results come back in the items' order. */
export async function runGrouped<T, R>(
  redis: Redis | Cluster,
  items: readonly T[],
  tagOf: (item: T) => string,
  run: (group: T[]) => Promise<R[]>,
): Promise<R[]> {
  if (items.length === 0) return [];
  if (!redis.isCluster) return run([...items]);
  const groups = new Map<string, number[]>();
  items.forEach((item, i) => {
    const tag = tagOf(item);
    const positions = groups.get(tag);
    if (positions) positions.push(i);
    else groups.set(tag, [i]);
  });
  const results: R[] = new Array(items.length);
  await Promise.all(
    [...groups.values()].map(async (positions) => {
      const replies = await run(positions.map((i) => items[i] as T));
      positions.forEach((itemIndex, j) => (results[itemIndex] = replies[j] as R));
    }),
  );
  return results;
}
