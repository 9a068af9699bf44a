// A Map whose entries can expire, judged against an injected clock, like Redis keys with PX.
interface Entry<V> {
  value: V;
  /** Epoch ms at which the entry is gone, or null for never. */
  expiresAt: number | null;
}

/** Writes between sweeps of expired entries nobody reads again (prompts, markers). */
const SWEEP_EVERY = 1000;

export class ExpiringMap<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private writes = 0;

  constructor(private readonly now: () => number) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.expired(entry)) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** ttlMs undefined: kept until deleted. */
  set(key: string, value: V, ttlMs?: number): void {
    this.entries.set(key, { value, expiresAt: ttlMs === undefined ? null : this.now() + ttlMs });
    this.writes += 1;
    if (this.writes % SWEEP_EVERY === 0) this.sweep();
  }

  /** Replaces the value and keeps the expiry (SET KEEPTTL); false when there is no live entry. */
  replace(key: string, value: V): boolean {
    const entry = this.entries.get(key);
    if (!entry || this.expired(entry)) return false;
    entry.value = value;
    return true;
  }

  /** Sets only when absent (SET NX); true when it was set. */
  setIfAbsent(key: string, value: V, ttlMs?: number): boolean {
    if (this.has(key)) return false;
    this.set(key, value, ttlMs);
    return true;
  }

  /** Gives a live entry a new lifetime (PEXPIRE). */
  expireIn(key: string, ttlMs: number): void {
    const entry = this.entries.get(key);
    if (entry && !this.expired(entry)) entry.expiresAt = this.now() + ttlMs;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Live keys starting with `prefix`. */
  keysStartingWith(prefix: string): string[] {
    return [...this.entries.keys()].filter((key) => key.startsWith(prefix) && this.has(key));
  }

  private expired(entry: Entry<V>): boolean {
    return entry.expiresAt !== null && entry.expiresAt <= this.now();
  }

  private sweep(): void {
    for (const [key, entry] of this.entries) if (this.expired(entry)) this.entries.delete(key);
  }
}
