// Tick cost with 10k, 100k and 1M enrolled members and the same 1,700 due: the cost must follow the number due,
// not the number enrolled (target: 1M / 10k < 1.5). Members are written with pipelined ioredis through the store's
// own key builder and member codec (the exact bytes RedisStore.putMember/setDue write; a sample is read back through
// the store to prove it), because the store's one-member-at-a-time calls would take minutes for 1M.
// Run: npx tsx bench/scaling.bench.ts   (REDIS_URL overrides redis://127.0.0.1:6379)
import { isDeepStrictEqual } from 'node:util';
import type { Redis } from 'ioredis';
import { RedisKeys } from '../src/adapters/redis/keys.ts';
import { encodeMember } from '../src/adapters/redis/member-codec.ts';
import type { Store } from '../src/core/index.ts';
import { createScheduler } from '../src/scheduler/scheduler.ts';
import type { HandleDueBatch } from '../src/scheduler/tick.ts';
import { eachJob } from '../tests/helpers/each-job.ts';
import { benchMember, enrolMany, freshRedisStore, machine, serviceOn, type BenchRedis } from './support.ts';

const SIZES = [10_000, 100_000, 1_000_000];
const DUE = 1_700;
const HOUR = 3600_000;
/** Ticks per size and kind of handler, the prompt ones inside the working day (10:00-14:00); the median is reported. */
const TICKS = 5;
/** Members per pipeline: large enough to keep Redis busy, small enough to keep the client's buffers modest. */
const PIPELINE_MEMBERS = 5_000;
const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
// Wednesday 10:00:30 Berlin: the 10:00 slot of the bench members (09-17, hourly) has just passed.
const NOW = Date.parse('2026-11-25T09:00:30Z');
const SLOT = Date.parse('2026-11-25T09:00:00Z');

/** Same ids as enrolMany. */
function memberIdOf(i: number): string {
  return `slack:T${i % 50}:U${i.toString(36).padStart(7, '0')}`;
}

/** DUE members due at the slot; the rest spread over the same hour tomorrow, after every measured tick. */
function dueAtOf(i: number, enrolled: number): number {
  return i < DUE ? SLOT : SLOT + 24 * HOUR + Math.floor((i * HOUR) / enrolled);
}

/** Writes what putMember + setDue write for fresh members: the member string and its due shard entry. */
async function enrolPipelined(redis: Redis, keys: RedisKeys, count: number): Promise<void> {
  for (let start = 0; start < count; start += PIPELINE_MEMBERS) {
    const pipeline = redis.pipeline();
    const dueByShard = new Map<string, Array<string | number>>();
    for (let i = start; i < Math.min(count, start + PIPELINE_MEMBERS); i += 1) {
      const member = benchMember(memberIdOf(i), NOW);
      pipeline.set(keys.member(member.id), encodeMember(member));
      const shard = keys.dueShardOf(member.id).due;
      const entries = dueByShard.get(shard) ?? [];
      entries.push(dueAtOf(i, count), member.id);
      dueByShard.set(shard, entries);
    }
    for (const [shard, entries] of dueByShard) pipeline.zadd(shard, ...entries);
    const replies = (await pipeline.exec()) ?? [];
    const failed = replies.find(([err]) => err !== null);
    if (failed) throw failed[0];
  }
}

/** Reads a sample back through RedisStore: the pipelined writes must be what the store itself would have written. */
async function checkFormat(store: Store, count: number): Promise<void> {
  for (const i of [0, DUE - 1, DUE, Math.floor(count / 2), count - 1]) {
    const id = memberIdOf(i);
    const member = await store.getMember(id);
    if (!isDeepStrictEqual(member, benchMember(id, NOW))) throw new Error(`member ${id} does not read back as written`);
    if ((await store.getDue(id)) !== dueAtOf(i, count)) throw new Error(`due entry of ${id} does not read back as written`);
  }
}

async function tickMs(store: Store, at: number, handleDueBatch: HandleDueBatch): Promise<number> {
  const scheduler = createScheduler(
    { store, clock: { now: () => at }, logger: silent, handleDueBatch },
    { tickSeconds: 5, batchSize: 200, leaseMs: 60_000, concurrency: 32 },
  );
  const started = performance.now();
  const result = await scheduler.tickOnce();
  if (result.committed !== DUE) throw new Error(`a tick committed ${result.committed}, expected ${DUE}`);
  return performance.now() - started;
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
}

interface SizeFigures {
  enrolled: number;
  enrolSeconds: number;
  prompt: number[];
  indexOnly: number[];
}

async function enrolSize(bench: BenchRedis, enrolled: number): Promise<SizeFigures> {
  const started = performance.now();
  await enrolPipelined(bench.redis, bench.store.keys, enrolled);
  const enrolSeconds = (performance.now() - started) / 1000;
  await checkFormat(bench.store, enrolled);
  return { enrolled, enrolSeconds, prompt: [], indexOnly: [] };
}

/** One tick on a small throwaway store, so JIT, zone caches and Redis' script cache are warm for the first size. */
async function warmUp(): Promise<void> {
  const bench = await freshRedisStore();
  try {
    await enrolMany(bench.store, DUE, NOW, () => SLOT);
    const service = serviceOn(bench.store, () => NOW);
    await tickMs(bench.store, NOW, (jobs, concurrency) => service.handleDueBatch(jobs, concurrency));
  } finally {
    await bench.cleanup();
  }
}

/**
 * All sizes stay enrolled side by side and take turns, hour by hour, so a burst of other work on the machine falls
 * on every size alike. Each tick finds the same DUE members: the one before committed them to their next slot.
 */
async function measureAll(): Promise<SizeFigures[]> {
  const benches: BenchRedis[] = [];
  try {
    const figures: SizeFigures[] = [];
    for (const size of SIZES) {
      const bench = await freshRedisStore();
      benches.push(bench);
      figures.push(await enrolSize(bench, size));
    }
    for (let hour = 0; hour < 2 * TICKS; hour += 1) {
      const at = NOW + hour * HOUR;
      for (const [s, bench] of benches.entries()) {
        const size = figures[s]!;
        if (hour < TICKS) {
          const service = serviceOn(bench.store, () => at);
          size.prompt.push(await tickMs(bench.store, at, (jobs, concurrency) => service.handleDueBatch(jobs, concurrency)));
        } else {
          size.indexOnly.push(await tickMs(bench.store, at, eachJob(async (_id, dueAt) => dueAt + HOUR)));
        }
      }
    }
    return figures;
  } finally {
    for (const bench of benches) await bench.cleanup();
  }
}

await warmUp();
const figures = await measureAll();

const ms = (values: number[]) => values.map((v) => v.toFixed(0)).join(', ');
console.log(`tick cost by members enrolled (${machine()}), ${DUE} due, batch 200, 32 at a time; median of ${TICKS}`);
for (const f of figures) {
  console.log(`  ${String(f.enrolled).padStart(9)} enrolled (written in ${f.enrolSeconds.toFixed(1)} s)`);
  console.log(`    core prompt path:  median ${median(f.prompt).toFixed(0)} ms  (${ms(f.prompt)})`);
  console.log(`    due index only:    median ${median(f.indexOnly).toFixed(0)} ms  (${ms(f.indexOnly)})`);
}
const smallest = figures[0]!;
const largest = figures[figures.length - 1]!;
console.log(`  ratio 1M/10k, core prompt path: ${(median(largest.prompt) / median(smallest.prompt)).toFixed(2)} (target < 1.5)`);
console.log(`  ratio 1M/10k, due index only:   ${(median(largest.indexOnly) / median(smallest.indexOnly)).toFixed(2)}`);
