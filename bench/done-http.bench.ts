// Done over HTTP against the whole bot on Redis, at a fixed arrival rate: signed Slack Done clicks, then Teams
// Action.Execute invokes with a valid Bot Framework token. Open model: each request leaves at its planned instant
// whether or not earlier ones have answered, so a slow answer shows as latency, not as a lower rate.
// Prints, per platform, the time from send to the HTTP answer (Slack: its ack, before the work; Teams: the invoke
// response, which carries the refreshed card, so the work is inside it), the completions per second behind it, and
// whether p99 < 50 ms (issue 5's target).
// The bot runs on the main thread; the load generator, the fake Slack Web API and the fake Bot Connector run in a
// worker thread, so their work does not sit in the bot's event loop.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { availableParallelism } from 'node:os';
import { Session } from 'node:inspector/promises';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { pino } from 'pino';
import type { Platform, Prompt, Store } from '../src/core/index.ts';
import { createRedisClient } from '../src/adapters/redis/index.ts';
import { createBot, type Bot } from '../src/bot.ts';
import { loadConfig } from '../src/config.ts';
import { startFakeConnector } from '../tests/helpers/fake-connector.ts';
import { BOT_TOKEN, FakeSlack, SIGNING_SECRET } from '../tests/helpers/fake-slack.ts';
import { blockActionBody, slackSignature } from '../tests/helpers/slack-sign.ts';
import { channelClaims, jwt, trustTestSigningKey } from '../tests/fuzz/bot-framework-tokens.ts';
import { REDIS_URL, deletePrefix, freshRedisStore, machine, percentile } from './support.ts';
import { startIoFloor, type IoFloor } from './io-floor.ts';

const RATE = Number(process.env['BENCH_RATE'] ?? 200);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 25);
/** Each platform first gets this many seconds at the same rate, reported apart: a cold process answers slower. */
const WARMUP_SECONDS = Number(process.env['BENCH_WARMUP_SECONDS'] ?? 3);
const TARGET_P99_MS = 50;
const TENANTS = 100;
/** BENCH_TEAM_SIZE=<n>: members are put in teams of n per workspace/tenant, so each Done also moves team days and boards. */
const TEAM_SIZE = Number(process.env['BENCH_TEAM_SIZE'] ?? 0);
const APP_ID = '00000000-0000-0000-0000-0000000000b5';
const TEAMS_BOT = { id: '28:bench-bot', name: 'Desk breaks' };
/** BENCH_PROFILE=<dir> writes a CPU profile of the bot's thread for each measured phase (not set-up, not warm-up). */
const PROFILE_DIR = process.env['BENCH_PROFILE'];

/** One request, built in full by the main thread; the worker only fires it. */
interface Shot {
  url: string;
  headers: Record<string, string>;
  body: string;
}

interface Fired {
  /** Send to full answer, ms, in send order. */
  answerMs: number[];
  /** How late each request left against its planned instant, ms. */
  lateMs: number[];
  statuses: Record<string, number>;
  /** CPU time of the worker's thread (load generator, fake Slack, fake Bot Connector) while firing, ms. */
  workerCpuMs: number;
}

type ToWorker = { kind: 'fire'; shots: Shot[] } | { kind: 'count' } | { kind: 'stop' };
type FromWorker =
  | { kind: 'ready'; slackApiUrl: string; serviceUrl: string }
  | ({ kind: 'fired' } & Fired)
  | { kind: 'counted'; slackUpdates: number; connectorCalls: number }
  | { kind: 'stopped' };

// Node's HTTP client over kept-alive connections, not fetch: fetch costs the generator about three times the CPU per
// request, and the generator shares the machine's cores with the bot it measures. Its default (global) agent, because
// it drops an idle connection a second before the server's Keep-Alive timeout: an agent without a timeout sometimes
// reused one the bot was closing, and that request got no answer.

/** Sends one request and resolves with its status once the whole answer has been read. */
function post(shot: Shot): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(shot.url, { method: 'POST', headers: { ...shot.headers, 'content-length': String(Buffer.byteLength(shot.body)) } }, (res) => {
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
      res.resume();
    });
    req.on('error', reject);
    req.end(shot.body);
  });
}

/** Worker: plays Slack, the Bot Connector and the people clicking. */
async function playPlatforms(): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const slack = new FakeSlack();
  await slack.start();
  const connector = await startFakeConnector();
  const rate = (workerData as { rate: number }).rate;
  port.postMessage({ kind: 'ready', slackApiUrl: slack.apiUrl, serviceUrl: connector.serviceUrl } satisfies FromWorker);
  port.on('message', async (msg: ToWorker) => {
    if (msg.kind === 'count') {
      port.postMessage({ kind: 'counted', slackUpdates: slack.callsOf('chat.update').length + slack.replacements().length, connectorCalls: connector.calls.length } satisfies FromWorker);
      return;
    }
    if (msg.kind === 'stop') {
      port.postMessage({ kind: 'stopped' } satisfies FromWorker);
      await slack.close();
      await connector.close();
      port.close();
      return;
    }
    const fired: Fired = { answerMs: new Array<number>(msg.shots.length).fill(Number.NaN), lateMs: [], statuses: {}, workerCpuMs: 0 };
    const cpu = process.threadCpuUsage();
    const count = (status: string) => (fired.statuses[status] = (fired.statuses[status] ?? 0) + 1);
    const fire = async (shot: Shot, i: number, planned: number) => {
      const t0 = performance.now();
      fired.lateMs.push(t0 - planned);
      try {
        const status = await post(shot);
        fired.answerMs[i] = performance.now() - t0;
        count(String(status));
      } catch {
        // No answer at all (refused, reset): a failure, not a latency.
        count('no answer');
      }
    };
    // One pacing timer sends every request whose planned instant has come. A timer and a promise per request, made up
    // front, held the generator's heap large enough for full collections of up to 76 ms, inside its answer times.
    const inFlight: Array<Promise<void>> = [];
    const started = performance.now();
    const plannedAt = (i: number) => started + (i * 1000) / rate;
    await new Promise<void>((sentAll) => {
      let next = 0;
      const pace = () => {
        const now = performance.now();
        for (; next < msg.shots.length && plannedAt(next) <= now; next += 1) inFlight.push(fire(msg.shots[next] as Shot, next, plannedAt(next)));
        if (next < msg.shots.length) setTimeout(pace, Math.max(0, plannedAt(next) - performance.now()));
        else sentAll();
      };
      pace();
    });
    await Promise.all(inFlight);
    const cpuUsed = process.threadCpuUsage(cpu);
    fired.workerCpuMs = (cpuUsed.user + cpuUsed.system) / 1000;
    port.postMessage({ kind: 'fired', ...fired } satisfies FromWorker);
  });
}

function openPrompt(platform: Platform, tenant: string, memberId: string, now: number, delivery: Record<string, string>): Prompt {
  return {
    id: `${platform}:${tenant}:p${randomBytes(12).toString('base64url')}`,
    kind: 'personal', memberId, teamId: null, platform, tenantId: tenant, challengeId: 'glute-clench-test',
    slotAt: now, sentAt: now, localDay: '', expiresAt: now + 3600_000, status: 'open', delivery,
  };
}

/** Enrols `count` members of one platform and gives each an open prompt, 100 at a time; returns one shot per prompt. */
async function prepare(bot: Bot, store: Store, count: number, shotFor: (i: number, tenant: string, user: string, prompt: Prompt) => Shot, platform: Platform, deliveryFor: (user: string) => Record<string, string>): Promise<Shot[]> {
  const shots: Shot[] = new Array<Shot>(count);
  const now = Date.now();
  for (let start = 0; start < count; start += 100) {
    await Promise.all(
      Array.from({ length: Math.min(100, count - start) }, async (_, k) => {
        const i = start + k;
        const tenant = `${platform === 'slack' ? 'T' : 'tenant-'}${String(i % TENANTS).padStart(4, '0')}`;
        const user = `${platform === 'slack' ? 'U' : 'aad-'}${i.toString(36).padStart(6, '0')}`;
        const memberId = `${platform}:${tenant}:${user}`;
        await bot.service.enrol({ memberId, displayName: user, timezone: 'Europe/Berlin' });
        // Breaks on, as for anyone who gets prompts: active members are on the rosters and boards a Done moves.
        await bot.service.start(memberId);
        if (TEAM_SIZE > 0) {
          // Members i, i + TENANTS, ... of one tenant fill its teams in turn.
          const teamId = `${platform}:${tenant}:${platform === 'slack' ? 'C' : '19:team-'}${Math.floor(i / (TENANTS * TEAM_SIZE))}`;
          await bot.service.ensureTeam({ teamId, name: `team ${teamId}`, timezone: 'Europe/Berlin' });
          await bot.service.joinTeam(memberId, teamId);
        }
        const prompt = openPrompt(platform, tenant, memberId, now, deliveryFor(user));
        await store.putPrompt(prompt, 3600_000);
        shots[i] = shotFor(i, tenant, user, prompt);
      }),
    );
  }
  return shots;
}

function slackShot(url: string, slackApiUrl: string, tenant: string, user: string, prompt: Prompt): Shot {
  // Every click carries its own response_url, as Slack gives one; the in-place update goes there.
  const responseUrl = new URL(`/response/click-${prompt.id.slice(-12)}`, slackApiUrl).toString();
  const body = blockActionBody({ teamId: tenant, userId: user, actionId: 'break_done', value: prompt.id, channelId: `D${user}`, messageTs: prompt.delivery['ts'] ?? '1.1', responseUrl });
  const text = 'form' in body ? new URLSearchParams(body.form).toString() : '';
  const stamp = Math.floor(Date.now() / 1000);
  return { url, body: text, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(stamp), 'x-slack-signature': slackSignature(SIGNING_SECRET, stamp, text) } };
}

function teamsShot(url: string, serviceUrl: string, token: string, tenant: string, user: string, prompt: Prompt): Shot {
  const activity = {
    type: 'invoke', name: 'adaptiveCard/action', id: randomBytes(8).toString('hex'), channelId: 'msteams', serviceUrl,
    from: { id: `29:${user}`, aadObjectId: user, name: user }, recipient: TEAMS_BOT,
    conversation: { id: `a:personal-${user}`, conversationType: 'personal', tenantId: tenant }, channelData: { tenant: { id: tenant } },
    localTimezone: 'Europe/Berlin', replyToId: 'activity-1',
    value: { action: { type: 'Action.Execute', verb: 'break_done', data: { promptId: prompt.id } }, trigger: 'manual' },
  };
  return { url, body: JSON.stringify(activity), headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } };
}

/** The store with a stopwatch on every call: how many a request makes and how long each takes, seen from the bot. */
function timed(store: Store): { store: Store; calls: number[]; names: Map<string, number> } {
  const calls: number[] = [];
  const names = new Map<string, number>();
  const wrapped = new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        names.set(String(property), (names.get(String(property)) ?? 0) + 1);
        const t0 = performance.now();
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } finally {
          calls.push(performance.now() - t0);
        }
      };
    },
  });
  return { store: wrapped, calls, names };
}

interface PhaseResult {
  fired: Fired;
  completions: number;
  seconds: number;
  /** Store call durations during the phase, ms. */
  storeCalls: number[];
  /** Store calls during the phase by method name. */
  storeCallNames: Map<string, number>;
  loopDelayP99Ms: number;
  eventLoopUtilisation: number;
  /** CPU time of the bot's thread (user + system) during the phase, ms: unlike busy time, not inflated by a busy machine. */
  botCpuMs: number;
  /** Of that, the kernel's share (system time: syscalls, wake-ups), ms. */
  botSystemMs: number;
  /** CPU time of the Redis server during the phase, ms (INFO cpu; the bench is its only busy client). */
  redisCpuMs: number;
  /** Times the bot's thread went to sleep and was woken again during the phase (its voluntary context switches). */
  botWakeUps: number;
}

/** The calling thread's voluntary context switches so far: each is a sleep in the event loop's poll and a wake-up. */
function threadSleeps(): number {
  return Number(/voluntary_ctxt_switches:\s+(\d+)/.exec(readFileSync('/proc/thread-self/status', 'utf8'))?.[1] ?? Number.NaN);
}

/** The Redis server's own CPU time so far (user + system, main thread and the rest), ms. */
async function redisCpuMs(redis: ReturnType<typeof createRedisClient>): Promise<number> {
  const info = await redis.info('cpu');
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
  return (field('used_cpu_user') + field('used_cpu_sys')) * 1000;
}

/**
 * The bot's own event-loop lag p99 since the last read (prom-client's default metrics, on as in production; each read
 * resets the histogram). The bench adds no monitor of its own: a second timer would wake the bot's loop 100 more
 * times a second, and those wake-ups would count in the bot's CPU.
 */
async function loopLagP99Ms(bot: Bot): Promise<number> {
  await bot.metrics.registry.getSingleMetric('nodejs_eventloop_lag_seconds')?.get();
  const p99 = await bot.metrics.registry.getSingleMetric('nodejs_eventloop_lag_p99_seconds')?.get();
  return (p99?.values[0]?.value ?? Number.NaN) * 1000;
}

async function runBench(): Promise<void> {
  // Node 20 does not carry tsx's loader into worker threads, so the worker registers it before loading this file.
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: { rate: RATE } });
  const next = <K extends FromWorker['kind']>(kind: K) =>
    new Promise<Extract<FromWorker, { kind: K }>>((resolve) => {
      const listen = (msg: FromWorker) => {
        if (msg.kind !== kind) return;
        worker.off('message', listen);
        resolve(msg as Extract<FromWorker, { kind: K }>);
      };
      worker.on('message', listen);
    });
  const { slackApiUrl, serviceUrl } = await next('ready');
  trustTestSigningKey();
  const bench = await freshRedisStore();
  const env = {
    SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: slackApiUrl,
    MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'bench-not-a-secret',
    HOST: '127.0.0.1', SCHEDULER_ENABLED: 'false', LOG_LEVEL: 'silent',
  };
  const stopwatch = timed(bench.store);
  const bot = await createBot({ ...loadConfig(env), PORT: 0 }, pino({ level: 'silent' }), { store: stopwatch.store });
  // The counter alone, not the whole exposition text: the bench polls it every 20 ms on the bot's thread.
  let floor: IoFloor | null = null;
  const completions = async (platform: Platform | 'floor') => {
    if (platform === 'floor') return floor?.done() ?? 0;
    const counter = bot.metrics.registry.getSingleMetric('wellness_completions_total');
    const values = counter ? (await counter.get()).values : [];
    return values.find((v) => v.labels['platform'] === platform)?.value ?? 0;
  };
  const clicks = RATE * SECONDS;
  // Its own connection, for INFO only.
  const probe = createRedisClient(REDIS_URL);

  async function phase(platform: Platform | 'floor', shots: Shot[], profile = false): Promise<PhaseResult> {
    const profiler = profile && PROFILE_DIR ? new Session() : null;
    if (profiler) {
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
    }
    const before = await completions(platform);
    stopwatch.calls.length = 0;
    stopwatch.names.clear();
    const elu = performance.eventLoopUtilization();
    const cpu = process.threadCpuUsage();
    const sleepsBefore = threadSleeps();
    const redisCpuBefore = await redisCpuMs(probe);
    await loopLagP99Ms(bot);
    const started = performance.now();
    worker.postMessage({ kind: 'fire', shots } satisfies ToWorker);
    const fired = await next('fired');
    while ((await completions(platform)) - before < shots.length && performance.now() - started < (shots.length / RATE) * 1000 + 30_000) await new Promise((resolve) => setTimeout(resolve, 20));
    const seconds = (performance.now() - started) / 1000;
    const cpuUsed = process.threadCpuUsage(cpu);
    const botWakeUps = threadSleeps() - sleepsBefore;
    const redisCpuUsed = (await redisCpuMs(probe)) - redisCpuBefore;
    const loopDelayP99Ms = await loopLagP99Ms(bot);
    if (profiler && PROFILE_DIR) {
      const { profile: cpu } = await profiler.post('Profiler.stop');
      writeFileSync(`${PROFILE_DIR}/done-http-${platform}.cpuprofile`, JSON.stringify(cpu));
      profiler.disconnect();
    }
    return { fired, completions: (await completions(platform)) - before, seconds, storeCalls: [...stopwatch.calls].sort((a, b) => a - b), storeCallNames: new Map(stopwatch.names), loopDelayP99Ms, eventLoopUtilisation: performance.eventLoopUtilization(elu).utilization, botCpuMs: (cpuUsed.user + cpuUsed.system) / 1000, botSystemMs: cpuUsed.system / 1000, redisCpuMs: redisCpuUsed, botWakeUps };
  }

  function report(title: string, warm: PhaseResult, r: PhaseResult): void {
    const sorted = (fired: Fired) => fired.answerMs.filter((ms) => !Number.isNaN(ms)).sort((a, b) => a - b);
    const answers = sorted(r.fired);
    const late = [...r.fired.lateMs].sort((a, b) => a - b);
    const p99 = percentile(answers, 99);
    console.log(`  ${title}`);
    console.log(`    warm-up (${WARMUP_SECONDS} s, not counted below): p50 ${percentile(sorted(warm.fired), 50).toFixed(1)} ms  p99 ${percentile(sorted(warm.fired), 99).toFixed(1)} ms  statuses: ${JSON.stringify(warm.fired.statuses)}`);
    console.log(`    answer p50: ${percentile(answers, 50).toFixed(1)} ms  p90: ${percentile(answers, 90).toFixed(1)} ms  p99: ${p99.toFixed(1)} ms  max: ${(answers.at(-1) ?? 0).toFixed(1)} ms  statuses: ${JSON.stringify(r.fired.statuses)}`);
    console.log(`    completions: ${r.completions}/${r.fired.answerMs.length} in ${r.seconds.toFixed(1)} s = ${(r.completions / r.seconds).toFixed(0)}/s`);
    const msPerRequest = (ms: number) => (ms / r.fired.answerMs.length).toFixed(2);
    console.log(`    bot CPU: ${msPerRequest(r.botCpuMs)} ms per request, ${msPerRequest(r.botSystemMs)} of it in the kernel (the bot's thread, user + system, until every completion was counted); ${msPerRequest(r.botWakeUps)} wake-ups per request`);
    console.log(`    machine share: load generator and fake platforms ${msPerRequest(r.fired.workerCpuMs)} ms, Redis ${msPerRequest(r.redisCpuMs)} ms per request (the other users of the ${availableParallelism()} cores)`);
    console.log(`    store calls: ${(r.storeCalls.length / r.fired.answerMs.length).toFixed(1)} per request, each p50 ${percentile(r.storeCalls, 50).toFixed(2)} ms  p99 ${percentile(r.storeCalls, 99).toFixed(1)} ms (Redis round trip as the bot sees it)`);
    const perRequest = [...r.storeCallNames].sort((a, b) => b[1] - a[1]).map(([name, n]) => `${name} ${(n / r.fired.answerMs.length).toFixed(1)}`);
    console.log(`      by method, per request: ${perRequest.join(', ')}`);
    console.log(`    p99 < ${TARGET_P99_MS} ms: ${p99 < TARGET_P99_MS ? 'yes' : 'NO'}  (sends left p99 ${percentile(late, 99).toFixed(1)} ms late; bot event loop: ${(r.eventLoopUtilisation * 100).toFixed(0)}% busy, delay p99 ${r.loopDelayP99Ms.toFixed(1)} ms, the 10 ms sampling interval included)`);
  }

  try {
    const { port } = await bot.listen();
    const base = `http://127.0.0.1:${port}`;
    const token = jwt(channelClaims(APP_ID, serviceUrl));
    const warmups = RATE * WARMUP_SECONDS;
    // Set-up is not measured: members and open prompts written through the service and the store.
    const only = process.env['BENCH_ONLY'];
    // Only what the run fires is prepared: a bigger heap makes each of the bot's garbage collections longer.
    const wantsSlack = only === undefined || only === 'floor' || only === 'slack';
    const wantsTeams = only === undefined || only === 'teams';
    const slackShots = !wantsSlack ? [] : await prepare(bot, bench.store, warmups + clicks, (_i, tenant, user, prompt) => slackShot(`${base}/slack/events`, slackApiUrl, tenant, user, prompt), 'slack', (user) => ({ channel: `D${user}`, ts: '1700000000.000100' }));
    const teamsShots = !wantsTeams ? [] : await prepare(bot, bench.store, warmups + clicks, (_i, tenant, user, prompt) => teamsShot(`${base}/api/messages`, serviceUrl, token, tenant, user, prompt), 'teams', (user) => ({ conversationId: `a:personal-${user}`, activityId: 'activity-1', serviceUrl }));
    const counts = async () => {
      worker.postMessage({ kind: 'count' } satisfies ToWorker);
      return next('counted');
    };

    console.log(`Done over HTTP on Redis (${machine()}): ${RATE} requests/s for ${SECONDS} s per platform after ${WARMUP_SECONDS} s of warm-up, ${TENANTS} workspaces/tenants, ${TEAM_SIZE > 0 ? `teams of ${TEAM_SIZE}` : 'no teams'}, one open prompt per request`);
    if (wantsSlack) {
      floor = await startIoFloor(REDIS_URL, bench.prefix, slackApiUrl);
      const url = floor.url;
      const floorShots = slackShots.map((shot) => ({ ...shot, url }));
      report('I/O floor of a Slack Done, no bot logic (request read and acked, 4 Redis round trips, one JSON POST): what this machine costs per click', await phase('floor', floorShots.slice(0, warmups)), await phase('floor', floorShots.slice(warmups)));
      await floor.close();
    }
    if (only === undefined || only === 'slack') {
      report('Slack Done click, signed (the answer is the ack; the work follows it)', await phase('slack', slackShots.slice(0, warmups)), await phase('slack', slackShots.slice(warmups), true));
      // The in-place updates run after the acks; let them finish so they do not land in the Teams figures.
      const deadline = performance.now() + 60_000;
      while ((await counts()).slackUpdates < warmups + clicks && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      console.log(`    in-place Slack updates received by the fake Slack: ${(await counts()).slackUpdates} of ${warmups + clicks}`);
    }
    if (wantsTeams) {
      report('Teams Action.Execute invoke with a Bot Framework token (the answer carries the refreshed card: the work is inside it)', await phase('teams', teamsShots.slice(0, warmups)), await phase('teams', teamsShots.slice(warmups), true));
      console.log(`    Bot Connector calls: ${(await counts()).connectorCalls} (the card goes back in the invoke response)`);
    }
    worker.postMessage({ kind: 'stop' } satisfies ToWorker);
    await next('stopped');
  } finally {
    await bot.close();
    probe.disconnect();
    // bot.close() closes the store's connection, so the keys go through a fresh one.
    const cleaner = createRedisClient(REDIS_URL);
    await deletePrefix(cleaner, bench.prefix);
    cleaner.disconnect();
    await worker.terminate();
  }
}

if (isMainThread) await runBench();
else await playPlatforms();
