// A named, bounded memo for answers that never change (zone facts, slot searches). The functions that use one stay
// pure in what they return; the memo only remembers. Cleared whole when full: bounded memory, no per-entry bookkeeping.
export class BoundedMemo<K, V> {
  private readonly answers = new Map<K, V>();

  constructor(private readonly limit: number) {}

  /** The remembered answer for `key`, or `compute(key)` remembered now. */
  get(key: K, compute: (key: K) => V): V {
    const known = this.answers.get(key);
    if (known !== undefined || this.answers.has(key)) return known as V;
    const value = compute(key);
    if (this.answers.size >= this.limit) this.answers.clear();
    this.answers.set(key, value);
    return value;
  }
}
