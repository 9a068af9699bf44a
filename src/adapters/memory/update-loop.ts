// Read-modify-write on the memory store with the same contract as Redis: a write that lands while `change` runs (it
// may call the store itself) is never overwritten; the change runs again on the newer value instead.
import { ConflictError, UPDATE_ATTEMPTS } from '../../core/index.ts';

/** `read` gives the stored value itself (compared by identity), `copy` what `change` may see, `write` stores. */
export function updateInPlace<V>(read: () => V | undefined, copy: (value: V) => V, change: (value: V | null) => V | null, write: (value: V) => void): V | null {
  for (let attempt = 0; attempt < UPDATE_ATTEMPTS; attempt += 1) {
    const before = read();
    const next = change(before === undefined ? null : copy(before));
    if (read() !== before) continue;
    if (next === null) return before === undefined ? null : copy(before);
    write(copy(next));
    return copy(next);
  }
  throw new ConflictError();
}
