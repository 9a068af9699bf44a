// Signed Slack Done clicks over HTTP, at a fixed arrival rate, against the whole bot on Redis and a loopback Slack.
// Prints the time to Slack's ack (p50/p99; Slack's limit is 3 s) and the completions per second behind it.
// The bot runs on the main thread; the load generator and the fake Slack Web API run in a worker thread, so their
// work does not sit in the bot's event loop. A plain fetch loop with an open-model schedule (each click leaves at its
// planned instant whether or not earlier ones have answered) shows a slow ack as latency instead of a lower rate;
// no extra dependency is needed for that.
import { randomBytes } from 'node:crypto';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { pino } from 'pino';
import type { Prompt } from '../src/core/index.ts';
import { createRedisClient } from '../src/adapters/redis/index.ts';
import { createBot } from '../src/bot.ts';
import { loadConfig } from '../src/config.ts';
import { BOT_TOKEN, FakeSlack, SIGNING_SECRET } from '../tests/helpers/fake-slack.ts';
import { blockActionBody, postSigned } from '../tests/helpers/slack-sign.ts';
import { REDIS_URL, deletePrefix, freshRedisStore, machine, percentile } from './support.ts';

const RATE_PER_SECOND = Number(process.env['BENCH_RATE'] ?? 200);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const WORKSPACES = 100;
const CLICKS = RATE_PER_SECOND * SECONDS;

interface Click {
  workspace: string;
  user: string;
  promptId: string;
  ts: string;
}

type ToWorker = { kind: 'load'; url: string; clicks: Click[] } | { kind: 'stop' };
type FromWorker = { kind: 'slack'; apiUrl: string } | { kind: 'acks'; acks: number[]; failures: number } | { kind: 'updates'; count: number };

/** Worker: plays Slack (the Web API the bot calls, and the people clicking). */
async function playSlack(): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const slack = new FakeSlack();
  await slack.start();
  port.postMessage({ kind: 'slack', apiUrl: slack.apiUrl } satisfies FromWorker);
  port.on('message', async (msg: ToWorker) => {
    if (msg.kind === 'stop') {
      port.postMessage({ kind: 'updates', count: slack.callsOf('chat.update').length } satisfies FromWorker);
      await slack.close();
      port.close();
      return;
    }
    const acks: number[] = [];
    let failures = 0;
    const started = performance.now();
    await Promise.all(
      msg.clicks.map(async (click, i) => {
        const wait = started + (i * 1000) / (workerData as { rate: number }).rate - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const body = blockActionBody({ teamId: click.workspace, userId: click.user, actionId: 'break_done', value: click.promptId, channelId: `D${click.user}`, messageTs: click.ts });
        const t0 = performance.now();
        try {
          const res = await postSigned(msg.url, SIGNING_SECRET, body);
          await res.arrayBuffer();
          acks.push(performance.now() - t0);
          if (res.status !== 200) failures += 1;
        } catch {
          // A click that never got an answer (connection refused or timed out) is a failure, not a latency.
          failures += 1;
        }
      }),
    );
    port.postMessage({ kind: 'acks', acks, failures } satisfies FromWorker);
  });
}

async function runBench(): Promise<void> {
  // Node 20 does not carry tsx's loader into worker threads, so the worker registers it before loading this file.
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: { rate: RATE_PER_SECOND } });
  const next = <K extends FromWorker['kind']>(kind: K) =>
    new Promise<Extract<FromWorker, { kind: K }>>((resolve) => {
      const listen = (msg: FromWorker) => {
        if (msg.kind !== kind) return;
        worker.off('message', listen);
        resolve(msg as Extract<FromWorker, { kind: K }>);
      };
      worker.on('message', listen);
    });
  const { apiUrl } = await next('slack');
  const bench = await freshRedisStore();
  const env = { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: apiUrl, HOST: '127.0.0.1', SCHEDULER_ENABLED: 'false', LOG_LEVEL: 'silent' };
  const bot = await createBot({ ...loadConfig(env), PORT: 0 }, pino({ level: 'silent' }), { store: bench.store, defaultMetrics: false });
  const completions = async () => {
    const line = (await bot.metrics.registry.metrics()).split('\n').find((l) => l.startsWith('wellness_completions_total{') && l.includes('platform="slack"'));
    return line ? Number(line.split(' ').pop()) : 0;
  };
  try {
    const { port } = await bot.listen();
    // One open prompt per click, spread over the workspaces, written straight to the store (setup is not measured).
    const now = Date.now();
    const clicks: Click[] = [];
    for (let i = 0; i < CLICKS; i += 1) {
      const workspace = `T${String(i % WORKSPACES).padStart(4, '0')}`;
      const user = `U${i.toString(36).padStart(6, '0')}`;
      const memberId = `slack:${workspace}:${user}`;
      await bot.service.enrol({ memberId, displayName: user, timezone: 'Europe/Berlin' });
      const ts = `${Math.floor(now / 1000)}.${String(i).padStart(6, '0')}`;
      const prompt: Prompt = {
        id: `slack:${workspace}:p${randomBytes(12).toString('base64url')}`,
        kind: 'personal', memberId, teamId: null, platform: 'slack', tenantId: workspace, challengeId: 'glute-clench-test',
        slotAt: now, sentAt: now, localDay: '', expiresAt: now + 3600_000, status: 'open', delivery: { channel: `D${user}`, ts },
      };
      await bench.store.putPrompt(prompt, 3600_000);
      clicks.push({ workspace, user, promptId: prompt.id, ts });
    }

    const started = performance.now();
    worker.postMessage({ kind: 'load', url: `http://127.0.0.1:${port}/slack/events`, clicks } satisfies ToWorker);
    const { acks, failures } = await next('acks');
    while ((await completions()) < CLICKS && performance.now() - started < SECONDS * 1000 + 30_000) await new Promise((resolve) => setTimeout(resolve, 20));
    const elapsed = (performance.now() - started) / 1000;
    const counted = await completions();
    worker.postMessage({ kind: 'stop' } satisfies ToWorker);
    const { count: updates } = await next('updates');
    acks.sort((a, b) => a - b);

    console.log(`slack Done clicks over HTTP on Redis (${machine()}): ${CLICKS} clicks at ${RATE_PER_SECOND}/s over ${WORKSPACES} workspaces`);
    console.log(`  ack p50: ${percentile(acks, 50).toFixed(1)} ms  p99: ${percentile(acks, 99).toFixed(1)} ms  max: ${(acks.at(-1) ?? 0).toFixed(1)} ms  failed or non-200: ${failures}`);
    console.log(`  completions: ${counted}/${CLICKS} in ${elapsed.toFixed(2)} s = ${(counted / elapsed).toFixed(0)}/s`);
    console.log(`  in-place updates Slack had received by then: ${updates} (paced by the per-workspace limiter)`);
  } finally {
    // bot.close() closes the store's connection, so the keys go through a fresh one.
    await bot.close();
    const cleaner = createRedisClient(REDIS_URL);
    await deletePrefix(cleaner, bench.prefix);
    cleaner.disconnect();
    await worker.terminate();
  }
}

if (isMainThread) await runBench();
else await playSlack();
