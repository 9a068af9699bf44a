// Shared by the benchmarks: a fresh Redis prefix, realistic members, timing and percentiles.
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { Redis } from 'ioredis';
import { BreakService, type Delivery, type Member, type Messenger, type Store } from '../src/core/index.ts';
import { RedisStore, createRedisClient } from '../src/adapters/redis/index.ts';
import { buildMember } from '../tests/helpers/members.ts';

export const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

export interface BenchRedis {
  redis: Redis;
  store: RedisStore;
  prefix: string;
  cleanup(): Promise<void>;
}

export async function freshRedisStore(): Promise<BenchRedis> {
  const redis = createRedisClient(REDIS_URL);
  const prefix = `bench-${randomBytes(4).toString('hex')}:`;
  const store = new RedisStore(redis, { prefix });
  return {
    redis,
    store,
    prefix,
    async cleanup() {
      await deletePrefix(redis, prefix);
      redis.disconnect();
    },
  };
}

export async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 5000);
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== '0');
}

/** A Slack member as the benches enrol them (ids `slack:<tenant>:<user>`). */
export function benchMember(id: string, now: number): Member {
  return buildMember(id, now, { displayName: `Person ${id.slice(-6)}` });
}

/** Members per enrolMembers call, and calls in flight, when the benches enrol. */
export const ENROL_CHUNK = 1000;
export const ENROL_CHUNKS_IN_FLIGHT = 2;

/** The id of bench member `i` (ids `slack:<tenant>:<user>`). */
export function benchMemberId(i: number, tenants = 50): string {
  return `slack:T${i % tenants}:U${i.toString(36).padStart(7, '0')}`;
}

/** Enrols members in bulk (enrolMembers, ENROL_CHUNK a call); `dueAt(i)` gives each one's due instant. */
export async function enrolMany(store: Store, count: number, now: number, dueAt: (i: number) => number, tenants = 50): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => benchMemberId(i, tenants));
  const step = ENROL_CHUNK * ENROL_CHUNKS_IN_FLIGHT;
  for (let start = 0; start < count; start += step) {
    const calls = [];
    for (let from = start; from < Math.min(count, start + step); from += ENROL_CHUNK) {
      const entries = [];
      for (let i = from; i < Math.min(count, from + ENROL_CHUNK); i += 1) entries.push({ member: benchMember(ids[i]!, now), dueAt: dueAt(i) });
      calls.push(store.enrolMembers(entries));
    }
    await Promise.all(calls);
  }
  return ids;
}

/** A messenger that does nothing, so a benchmark measures the bot, not a platform. */
export const noopMessenger: Messenger = {
  platform: 'slack',
  sendPrompt: async (): Promise<Delivery> => ({}),
  sendTeamPrompt: async (): Promise<Delivery> => ({}),
  sendDigest: async () => undefined,
};

export function serviceOn(store: Store, now: () => number): BreakService {
  return new BreakService({ store, clock: { now }, messengers: { slack: noopMessenger }, spreadSeconds: 0 });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

export function machine(): string {
  return `${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${availableParallelism()} cores`;
}
