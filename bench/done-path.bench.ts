// The Done path through the core on Redis: completions per second and latency percentiles.
import { enrolMany, freshRedisStore, machine, percentile, serviceOn } from './support.ts';

const MEMBERS = 2_000;
const CONCURRENCY = 32;
const NOW = Date.parse('2026-11-25T09:00:30Z');

const bench = await freshRedisStore();
try {
  const ids = await enrolMany(bench.store, MEMBERS, NOW, () => NOW + 3600_000, 20);
  const service = serviceOn(bench.store, () => NOW);
  const prompts: Array<{ member: string; prompt: string }> = [];
  for (const id of ids) prompts.push({ member: id, prompt: (await service.promptNow(id)).prompt.id });

  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < prompts.length) {
        const job = prompts[next++];
        if (!job) break;
        const t0 = performance.now();
        const result = await service.click(job.prompt, job.member, { kind: 'done' });
        latencies.push(performance.now() - t0);
        if (result.outcome !== 'done') throw new Error(`unexpected outcome ${result.outcome}`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  console.log(`done path on Redis (${machine()}), ${MEMBERS} completions, ${CONCURRENCY} at a time`);
  console.log(`  completions/s: ${(MEMBERS / seconds).toFixed(0)}`);
  console.log(`  p50: ${percentile(latencies, 50).toFixed(2)} ms  p99: ${percentile(latencies, 99).toFixed(2)} ms`);
} finally {
  await bench.cleanup();
}
