// Tick cost against real Redis with 10k and 100k enrolled members and the same ~1,700 due:
// the cost must follow the number due, not the number enrolled.
import { createScheduler } from '../src/scheduler/scheduler.ts';
import { enrolMany, freshRedisStore, machine, serviceOn } from './support.ts';

const DUE = 1_700;
const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
// Wednesday 10:00:30 Berlin: the due members' 10:00 slot has just passed.
const NOW = Date.parse('2026-11-25T09:00:30Z');
const SLOT = Date.parse('2026-11-25T09:00:00Z');

async function tickCost(enrolled: number): Promise<{ ms: number; handled: number }> {
  const bench = await freshRedisStore();
  try {
    // Members i < DUE are due at the slot; the rest are due tomorrow.
    await enrolMany(bench.store, enrolled, NOW, (i) => (i < DUE ? SLOT : SLOT + 24 * 3600_000));
    const service = serviceOn(bench.store, () => NOW);
    const scheduler = createScheduler(
      { store: bench.store, clock: { now: () => NOW }, logger: silent, handleDueBatch: (jobs, concurrency) => service.handleDueBatch(jobs, concurrency) },
      { tickSeconds: 5, batchSize: 200, leaseMs: 60_000, concurrency: 32 },
    );
    const started = performance.now();
    const result = await scheduler.tickOnce();
    return { ms: performance.now() - started, handled: result.committed };
  } finally {
    await bench.cleanup();
  }
}

const small = await tickCost(10_000);
const large = await tickCost(100_000);
console.log(`tick cost (${machine()})`);
console.log(`  10k enrolled,  ${small.handled} due: ${small.ms.toFixed(0)} ms`);
console.log(`  100k enrolled, ${large.handled} due: ${large.ms.toFixed(0)} ms`);
console.log(`  ratio 100k/10k: ${(large.ms / small.ms).toFixed(2)}`);
