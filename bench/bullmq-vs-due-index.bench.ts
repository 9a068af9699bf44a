// What people would otherwise reach for: 100k members, each a BullMQ job scheduler (every 60 min), against this
// project's due index; same member ids, same interval, same local Redis, one run. Compares the time to enrol all,
// the Redis memory per member, and the time to dispatch one minute's due prompts (1,700 ~ 100k / 60 min).
// Dispatch is measured twice on each side: with a no-op handler (the scheduling machinery alone) and with the core's
// real prompt path behind a no-op messenger (what a bot does with each due member, whichever scheduler drives it).
// Run: npx tsx bench/bullmq-vs-due-index.bench.ts   (REDIS_URL overrides redis://127.0.0.1:6379)
import { randomBytes } from 'node:crypto';
import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { Store } from '../src/core/index.ts';
import { createScheduler } from '../src/scheduler/scheduler.ts';
import type { HandleDueBatch } from '../src/scheduler/tick.ts';
import { eachJob } from '../tests/helpers/each-job.ts';
import { ENROL_CHUNK, ENROL_CHUNKS_IN_FLIGHT, REDIS_URL, benchMemberId, deletePrefix, enrolMany, freshRedisStore, machine, serviceOn, usedMemory } from './support.ts';

const MEMBERS = 100_000;
const DUE = 1_700;
const HOUR = 3600_000;
/** BullMQ's requests in flight while enrolling (ours: ENROL_CHUNK members a call, ENROL_CHUNKS_IN_FLIGHT calls). */
const ENROL_IN_FLIGHT = 200;
/** Due members handled at once: BullMQ worker concurrency and our tick's concurrency. */
const CONCURRENCY = 32;
const BATCH = 200;
/** Time between BullMQ rounds: a round must finish before the next group comes due. */
const ROUND_SPACING_MS = 6_000;
const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
// Wednesday 10:00:30 Berlin: the 10:00 slot of the bench members (09-17, hourly) has just passed.
const NOW = Date.parse('2026-11-25T09:00:30Z');
const SLOT = Date.parse('2026-11-25T09:00:00Z');

type Work = 'no-op' | 'prompt';

/** BullMQ rounds in order, each a fresh group of DUE schedulers; the first of each kind only warms up. */
const BULL_ROUNDS: Array<{ work: Work; warmUp: boolean }> = [
  { work: 'no-op', warmUp: true },
  { work: 'no-op', warmUp: false },
  { work: 'no-op', warmUp: false },
  { work: 'no-op', warmUp: false },
  { work: 'prompt', warmUp: true },
  { work: 'prompt', warmUp: false },
  { work: 'prompt', warmUp: false },
  { work: 'prompt', warmUp: false },
];

interface MemoryFigures {
  /** INFO used_memory after enrolment minus before, per member. */
  infoPerMember: number;
  /** MEMORY USAGE (SAMPLES 0) of every key written, by kind of key, per member. */
  byKind: Map<string, number>;
}

interface Round {
  work: Work;
  ms: number;
  /** BullMQ only: from the instant the group came due to its last completion. */
  fromDueMs?: number;
}

interface Side {
  enrolMs: number;
  memory: MemoryFigures;
  rounds: Round[];
}

/** Waits until Redis has freed what an earlier UNLINK handed to its background thread, so deltas start clean. */
async function settle(admin: Redis): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    const info = await admin.info('memory');
    if (Number(/lazyfree_pending_objects:(\d+)/.exec(info)?.[1] ?? 0) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Sums MEMORY USAGE of every key under `prefix`, grouped by `kindOf(key)`, per member. */
async function memoryByKind(admin: Redis, prefix: string, kindOf: (key: string) => string): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  let cursor = '0';
  do {
    const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 2000);
    cursor = next;
    const pipeline = admin.pipeline();
    for (const key of keys) pipeline.memory('USAGE', key, 'SAMPLES', 0);
    const replies = (await pipeline.exec()) ?? [];
    keys.forEach((key, i) => totals.set(kindOf(key), (totals.get(kindOf(key)) ?? 0) + Number(replies[i]?.[1] ?? 0)));
  } while (cursor !== '0');
  return new Map([...totals].map(([kind, bytes]) => [kind, bytes / MEMBERS]));
}

/** Offsets of the members not due in a measured round: spread evenly over one hour (100k / 60 min ~ 1,700 a minute). */
function spreadOverHour(i: number): number {
  return Math.floor((i * HOUR) / MEMBERS);
}

/** The ids enrolMany writes, so both sides hold the same strings. */
const memberIdOf = (i: number): string => benchMemberId(i);

// ---- this project: enrolMany, then scheduler ticks at a fixed clock

async function timeTick(store: Store, at: number, handleDueBatch: HandleDueBatch): Promise<{ ms: number; committed: number }> {
  const scheduler = createScheduler(
    { store, clock: { now: () => at }, logger: silent, handleDueBatch },
    { tickSeconds: 5, batchSize: BATCH, leaseMs: 60_000, concurrency: CONCURRENCY },
  );
  const started = performance.now();
  const result = await scheduler.tickOnce();
  return { ms: performance.now() - started, committed: result.committed };
}

/**
 * The core's real handler at a fixed clock: reads the member, marks the slot, stores and "sends" a prompt. Our tick
 * hands it a claimed batch, so the batch's members share their store calls; a BullMQ worker gets one job at a time.
 */
function promptPath(store: Store, at: number): { batch: HandleDueBatch; one: (id: string, dueAt: number) => Promise<number | null> } {
  const service = serviceOn(store, () => at);
  return { batch: (jobs, concurrency) => service.handleDueBatch(jobs, concurrency), one: async (id, dueAt) => {
      const [outcome] = await service.handleDueBatch([{ jobId: id, dueAt }], 1);
      if (!outcome || 'failed' in outcome) throw new Error(`due job ${id} failed`);
      return outcome.nextDueAt;
    } };
}

/** A tick on a small throwaway store first, so JIT, time zone caches and Redis' script cache are warm. */
async function warmUp(): Promise<void> {
  const bench = await freshRedisStore();
  try {
    await enrolMany(bench.store, DUE, NOW, () => SLOT);
    await timeTick(bench.store, NOW, promptPath(bench.store, NOW).batch);
  } finally {
    await bench.cleanup();
  }
}

/** Our side enrolled and measured for memory; its ticks run between BullMQ's rounds (see runBullmq). */
interface OursEnrolled extends Side {
  /** Runs the next tick at the next hour of the fake clock; a warm-up tick is not recorded. */
  tick(work: Work, warmUp: boolean): Promise<void>;
  cleanup(): Promise<void>;
}

async function enrolOurs(admin: Redis): Promise<OursEnrolled> {
  await warmUp();
  const bench = await freshRedisStore();
  await settle(admin);
  const before = await usedMemory(admin);
  const started = performance.now();
  // The rest are spread over an hour that starts after the seven ticks (10:00 to 16:00).
  await enrolMany(bench.store, MEMBERS, NOW, (i) => (i < DUE ? SLOT : SLOT + 7 * HOUR + spreadOverHour(i)));
  const enrolMs = performance.now() - started;
  const after = await usedMemory(admin);
  const byKind = await memoryByKind(admin, bench.prefix, (key) => (key.endsWith(':due') ? 'due entry (zset)' : key.includes(':m:') ? 'member record (string)' : 'other'));
  const rounds: Round[] = [];
  let hour = 0;
  return {
    enrolMs,
    memory: { infoPerMember: (after - before) / MEMBERS, byKind },
    rounds,
    // Every tick finds the same DUE members due: the tick before committed them to their next hourly slot.
    async tick(work, warm) {
      const at = NOW + hour * HOUR;
      hour += 1;
      const tick = await timeTick(bench.store, at, work === 'prompt' ? promptPath(bench.store, at).batch : eachJob(async (_id, dueAt) => dueAt + HOUR));
      if (tick.committed !== DUE) throw new Error(`tick at +${hour - 1} h committed ${tick.committed}, expected ${DUE}`);
      if (!warm) rounds.push({ work, ms: tick.ms });
    },
    cleanup: () => bench.cleanup(),
  };
}

/**
 * The product's own path for the same 100k: the core's enrolAll builds each member from what the platform gives,
 * starts it and plans its first due instant from its schedule, then stores them through enrolMembers.
 */
async function timeEnrolAll(): Promise<number> {
  const bench = await freshRedisStore();
  try {
    const service = serviceOn(bench.store, () => NOW);
    const inputs = Array.from({ length: MEMBERS }, (_, i) => ({ memberId: memberIdOf(i), displayName: `Person ${i}`, timezone: 'Europe/Berlin' }));
    const started = performance.now();
    const result = await service.enrolAll(inputs, { start: true });
    const ms = performance.now() - started;
    if (result.created !== MEMBERS) throw new Error(`enrolAll created ${result.created} of ${MEMBERS}`);
    return ms;
  } finally {
    await bench.cleanup();
  }
}

// ---- BullMQ: one job scheduler per member, a Worker with a no-op or the same prompt work

function bullConnection(): ConnectionOptions {
  const url = new URL(REDIS_URL);
  // BullMQ requires maxRetriesPerRequest: null for the worker's blocking connection.
  return { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null };
}

/** Enrols members [from, to) with the same batch shape as enrolMany. */
async function upsertAll(queue: Queue, from: number, to: number, startDate: (i: number) => number): Promise<void> {
  for (let start = from; start < to; start += ENROL_IN_FLIGHT) {
    const batch = [];
    for (let i = start; i < Math.min(to, start + ENROL_IN_FLIGHT); i += 1) {
      const memberId = memberIdOf(i);
      batch.push(
        queue.upsertJobScheduler(
          memberId,
          { every: HOUR, startDate: startDate(i) },
          // A small template: the member to prompt; finished jobs are removed, as anyone running this for long would.
          { name: 'prompt', data: { memberId }, opts: { removeOnComplete: true, removeOnFail: 1000 } },
        ),
      );
    }
    await Promise.all(batch);
  }
}

/** Resolves when `count` more jobs have completed; times from `dueAt` and from the first pickup. */
function drain(worker: Worker, count: number, dueAt: number): Promise<{ fromDueMs: number; fromFirstMs: number }> {
  return new Promise((resolve, reject) => {
    let completed = 0;
    let firstActive = 0;
    const done = (outcome: () => void) => {
      clearTimeout(timeout);
      worker.off('active', onActive).off('completed', onCompleted).off('failed', onFailed);
      outcome();
    };
    const timeout = setTimeout(() => done(() => reject(new Error(`only ${completed} of ${count} BullMQ jobs completed in 60 s`))), 60_000);
    const onActive = () => {
      if (firstActive === 0) firstActive = Date.now();
    };
    const onCompleted = () => {
      completed += 1;
      if (completed === count) done(() => resolve({ fromDueMs: Date.now() - dueAt, fromFirstMs: Date.now() - firstActive }));
    };
    const onFailed = (_job: unknown, err: Error) => done(() => reject(err));
    worker.on('active', onActive).on('completed', onCompleted).on('failed', onFailed);
  });
}

/**
 * BullMQ's rounds, with one of our ticks of the same kind right after each (but the first), so both sides meet the
 * machine in the same state: measured turn about, not one side's minutes after the other's.
 */
async function runBullmq(admin: Redis, ours: OursEnrolled): Promise<Side> {
  // "bXXXXXX:qXXXXXX:" starts BullMQ's keys: 16 characters, like our "bench-XXXXXXXX:" (15), so neither side's
  // memory carries a longer prefix.
  const prefix = `b${randomBytes(3).toString('hex')}`;
  const connection = bullConnection();
  const queue = new Queue(`q${randomBytes(3).toString('hex')}`, { connection, prefix });
  // The prompt rounds need member records, as our side has: kept under their own prefix, outside BullMQ's figures.
  const records = await freshRedisStore();
  let worker: Worker | null = null;
  try {
    const dueGroups = BULL_ROUNDS.length * DUE;
    await enrolMany(records.store, dueGroups, NOW, () => SLOT + 30 * 24 * HOUR);
    await queue.waitUntilReady();
    await settle(admin);
    const before = await usedMemory(admin);
    // The rest first, spread over an hour that starts after the rounds; then one group of DUE per round, due a few
    // seconds ahead and ROUND_SPACING_MS apart, so the idle worker is waiting when each comes due.
    const started = performance.now();
    const restFrom = Date.now() + 5 * 60_000;
    await upsertAll(queue, dueGroups, MEMBERS, (i) => restFrom + spreadOverHour(i));
    const firstDue = Date.now() + 8_000;
    const dueTimes = BULL_ROUNDS.map((_, r) => firstDue + r * ROUND_SPACING_MS);
    for (const [r, dueAt] of dueTimes.entries()) await upsertAll(queue, r * DUE, (r + 1) * DUE, () => dueAt);
    const enrolMs = performance.now() - started;
    if (Date.now() >= firstDue) throw new Error('enrolling the due groups took longer than the 8 s head start');
    const after = await usedMemory(admin);
    const byKind = await memoryByKind(admin, `${prefix}:`, bullKind);

    let work: Work = 'no-op';
    const promptWork = promptPath(records.store, NOW).one;
    worker = new Worker(queue.name, async (job) => (work === 'prompt' ? promptWork(job.data.memberId as string, SLOT) : undefined), {
      connection,
      prefix,
      concurrency: CONCURRENCY,
      autorun: false,
    });
    // A worker that stops running shows up as a round that never drains (drain's timeout), not as a crash.
    worker.run().catch(() => undefined);
    await worker.waitUntilReady();
    const rounds: Round[] = [];
    for (const [r, round] of BULL_ROUNDS.entries()) {
      work = round.work;
      const dueAt = dueTimes[r]!;
      const drained = await drain(worker, DUE, dueAt);
      if (!round.warmUp) rounds.push({ work: round.work, ms: drained.fromFirstMs, fromDueMs: drained.fromDueMs });
      // Ours takes the same turn; its one warm-up is the first prompt tick (its scheduler code is warm from warmUp).
      if (r > 0) await ours.tick(round.work, round.warmUp);
      if (Date.now() >= dueAt + ROUND_SPACING_MS) throw new Error(`BullMQ round ${r + 1} and our tick ran into the next group's due time`);
    }
    return { enrolMs, memory: { infoPerMember: (after - before) / MEMBERS, byKind }, rounds };
  } finally {
    await worker?.close();
    await queue.close();
    await deletePrefix(admin, `${prefix}:`);
    await records.cleanup();
  }
}

/** Names a BullMQ key by its role; scheduler ids here are member ids, which hold two colons. */
function bullKind(key: string): string {
  const rest = key.split(':').slice(2).join(':');
  if (rest === 'repeat') return 'scheduler index (zset)';
  if (/^repeat:[^:]+:[^:]+:[^:]+$/.test(rest)) return 'scheduler (hash)';
  if (/^repeat:.+:\d+$/.test(rest)) return 'next job (hash)';
  if (rest === 'delayed') return 'delayed index (zset)';
  if (rest === 'events') return 'events stream';
  return 'other';
}

// ---- report

const bytes = (n: number) => `${n.toFixed(0)} B`;
const sum = (values: Iterable<number>) => [...values].reduce((total, n) => total + n, 0);
function median(rounds: Round[], work: Work): number {
  const sorted = rounds.filter((r) => r.work === work).map((r) => r.ms).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
const list = (rounds: Round[], work: Work) =>
  rounds.filter((r) => r.work === work).map((r) => `${r.ms.toFixed(0)}${r.fromDueMs === undefined ? '' : ` (${r.fromDueMs.toFixed(0)} from due)`}`).join(', ');

const admin = new Redis(REDIS_URL);
try {
  const ours = await enrolOurs(admin);
  const enrolAllMs = await timeEnrolAll();
  let bull: Side;
  try {
    bull = await runBullmq(admin, ours);
  } finally {
    await ours.cleanup();
  }
  const oursDue = ours.memory.byKind.get('due entry (zset)') ?? 0;
  const oursTotal = sum(ours.memory.byKind.values());
  const bullTotal = sum(bull.memory.byKind.values());

  console.log(`BullMQ job schedulers vs due index (${machine()}), ${MEMBERS} members, every 60 min, ${DUE} due at once`);
  console.log(`  enrol all (BullMQ: ${ENROL_IN_FLIGHT} in flight; ours: ${ENROL_CHUNK} members a call, ${ENROL_CHUNKS_IN_FLIGHT} calls in flight)`);
  console.log(`    BullMQ upsertJobScheduler:         ${(bull.enrolMs / 1000).toFixed(1)} s`);
  console.log(`    ours store enrolMembers:           ${(ours.enrolMs / 1000).toFixed(1)} s   BullMQ/ours ${(bull.enrolMs / ours.enrolMs).toFixed(2)} (target >= 2)`);
  console.log(`    ours core enrolAll, started:       ${(enrolAllMs / 1000).toFixed(1)} s   BullMQ/ours ${(bull.enrolMs / enrolAllMs).toFixed(2)} (first due planned from each schedule)`);
  console.log('  Redis memory per member, INFO used_memory after enrolment minus before');
  console.log(`    BullMQ scheduler + its next job:   ${bytes(bull.memory.infoPerMember)}`);
  console.log(`    ours member record + due entry:    ${bytes(ours.memory.infoPerMember)}   BullMQ/ours ${(bull.memory.infoPerMember / ours.memory.infoPerMember).toFixed(2)} (target >= 5)`);
  console.log('  Redis memory per member by kind of key, MEMORY USAGE SAMPLES 0');
  for (const [kind, n] of bull.memory.byKind) console.log(`    BullMQ ${kind.padEnd(28)} ${bytes(n)}`);
  for (const [kind, n] of ours.memory.byKind) console.log(`    ours ${kind.padEnd(30)} ${bytes(n)}`);
  console.log(`    scheduling state alone, BullMQ / our due entry:           ${bytes(bullTotal)} / ${bytes(oursDue)} = ${(bullTotal / oursDue).toFixed(2)}`);
  console.log(`    BullMQ + the same member record / ours:                   ${bytes(bullTotal + oursTotal - oursDue)} / ${bytes(oursTotal)} = ${((bullTotal + oursTotal - oursDue) / oursTotal).toFixed(2)}`);
  console.log(`  dispatch ${DUE} due, ${CONCURRENCY} at a time, ms (BullMQ: first pickup to last completion; ours: tickOnce)`);
  console.log(`    BullMQ worker, no-op processor:          ${list(bull.rounds, 'no-op')}`);
  console.log(`    ours tick, no-op handler:                ${list(ours.rounds, 'no-op')}`);
  console.log(`    BullMQ worker, core prompt path:         ${list(bull.rounds, 'prompt')}`);
  console.log(`    ours tick, core prompt path:             ${list(ours.rounds, 'prompt')}`);
  console.log(`    BullMQ/ours, medians, no-op vs no-op:     ${(median(bull.rounds, 'no-op') / median(ours.rounds, 'no-op')).toFixed(2)} (target >= 3)`);
  console.log(`    BullMQ/ours, medians, prompt vs prompt:   ${(median(bull.rounds, 'prompt') / median(ours.rounds, 'prompt')).toFixed(2)}`);
  console.log(`    BullMQ no-op / ours prompt path, medians: ${(median(bull.rounds, 'no-op') / median(ours.rounds, 'prompt')).toFixed(2)}`);
} finally {
  admin.disconnect();
}
