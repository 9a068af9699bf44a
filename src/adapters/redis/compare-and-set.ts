// Read-modify-write of one Redis string with no lost update: read it, apply the caller's change, and write only if the
// key still holds what was read (lua/compareAndSet.lua); otherwise read again and reapply, a bounded number of times.
// The value itself is the version: no counter is stored, and a record rewritten with the same text changes nothing
// the change depends on.
import type { Cluster, Redis } from 'ioredis';
import { ConflictError, UPDATE_ATTEMPTS } from '../../core/index.ts';
import { guard } from './redis-errors.ts';
import type { Scripts } from './scripts.ts';

export interface CompareAndSet<V> {
  key: string;
  decode(text: string): V;
  encode(value: V): string;
  /** Called with each value about to be stored; throws to refuse it (nothing is written). */
  check?(value: V): void;
  /** A set to add `member` to in the same step as the write. */
  alsoAdd?: { set: string; member: string };
}

export async function updateString<V>(redis: Redis | Cluster, scripts: Scripts, spec: CompareAndSet<V>, change: (value: V | null) => V | null): Promise<V | null> {
  for (let attempt = 0; attempt < UPDATE_ATTEMPTS; attempt += 1) {
    const text = await guard(redis.get(spec.key));
    const current = text === null ? null : spec.decode(text);
    const next = change(current);
    if (next === null) return current;
    spec.check?.(next);
    const encoded = spec.encode(next);
    if (encoded === text) return spec.decode(encoded);
    const keys = spec.alsoAdd ? [spec.key, spec.alsoAdd.set] : [spec.key];
    const args = [text === null ? '0' : '1', text ?? '', encoded, ...(spec.alsoAdd ? [spec.alsoAdd.member] : [])];
    if ((await guard(scripts.run('compareAndSet', keys, args))) === 1) return spec.decode(encoded);
    // Lost the race: let the other writers through before reading again, with jitter so retries do not collide.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 2 * (attempt + 1)));
  }
  throw new ConflictError();
}
