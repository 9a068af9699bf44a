// Redis freezes for 15 s (SIGSTOP) under a running bot, then comes back (SIGCONT). The bot is the real one (createBot:
// web chat, cron-driven scheduler ticking every second, RedisStore from REDIS_URL) on a redis-server of the test's
// own; the shared Redis is never touched. Users get a clear "try again in a moment", nothing is half-recorded, and
// dispatch resumes.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pino } from 'pino';
import { createBot, type Bot } from '../../src/bot.ts';
import { loadConfig } from '../../src/config.ts';
import { StoreUnavailableError, type ClickResultView, type Messenger, type StatsView } from '../../src/core/index.ts';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.ts';

const FREEZE_MS = 15_000;
const MEMBERS = 32;
/** The shortest lease the config allows, so a claim lost in the freeze comes back within the test. */
const LEASE_SECONDS = 60;
/** The scheduler's reaper runs every 15 s (wall clock). */
/** The bot's clock runs in real time from this Wednesday morning; the test moves it to make members due. */
const START = Date.parse('2026-11-25T09:30:00Z');
const FIRST_SLOT = Date.parse('2026-11-25T10:00:00Z');
const TRY_AGAIN = new StoreUnavailableError().message;

let redis: RedisServer | null = null;
let bot: Bot | null = null;
let baseUrl = '';
let clockOffset = START - Date.now();
const unhandled: unknown[] = [];
const uncaught: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
const onUncaught = (err: unknown) => uncaught.push(err);
/** Prompts the web messenger was asked to deliver, by member: real time and prompt id. */
const delivered = new Map<string, Array<{ at: number; promptId: string }>>();
const warnings: string[] = [];

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtExceptionMonitor', onUncaught);
  redis = await startRedisServer();
  const config = {
    ...loadConfig({
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      REDIS_URL: redis.url,
      WEB_CHAT_ENABLED: 'true',
      PROMPT_SPREAD_SECONDS: '0',
      SCHEDULER_TICK_SECONDS: '1',
      SCHEDULER_LEASE_SECONDS: String(LEASE_SECONDS),
    }),
    PORT: 0,
  };
  const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) });
  bot = await createBot(config, logger, { clock: { now: () => Date.now() + clockOffset }, defaultMetrics: false });
  // Watch what the web chat is asked to deliver, then deliver it as usual.
  const web = bot.service.ctx.messengers.web as Messenger;
  const sendPrompt = web.sendPrompt.bind(web);
  web.sendPrompt = async (member, view) => {
    delivered.set(member.id, [...(delivered.get(member.id) ?? []), { at: Date.now(), promptId: view.promptId }]);
    return sendPrompt(member, view);
  };
  const { port } = await bot.listen();
  baseUrl = `http://127.0.0.1:${port}`;
}, 15_000);

afterAll(async () => {
  redis?.thaw();
  await bot?.close();
  await redis?.stop();
  process.off('unhandledRejection', onUnhandled);
  process.off('uncaughtExceptionMonitor', onUncaught);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function post<T>(path: string, body: unknown): Promise<{ status: number; json: T; ms: number }> {
  const started = Date.now();
  const response = await fetch(`${baseUrl}/web/api/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as T, ms: Date.now() - started };
}

async function stats(name: string): Promise<StatsView> {
  const response = await fetch(`${baseUrl}/web/api/stats?name=${encodeURIComponent(name)}`);
  expect(response.status).toBe(200);
  return (await response.json()) as StatsView;
}

async function metric(line: RegExp): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  return Number(line.exec(text)?.[1] ?? 0);
}

interface ReadinessAnswer {
  status: number;
  sentAt: number;
  at: number;
}

/** Asks /readyz every 250 ms, not waiting for earlier answers, like a load balancer's probe. */
function probeReadiness() {
  const answers: ReadinessAnswer[] = [];
  let running = true;
  const ask = async () => {
    const sentAt = Date.now();
    const status = await fetch(`${baseUrl}/readyz`).then(
      async (response) => (await response.arrayBuffer(), response.status),
      () => 0,
    );
    answers.push({ status, sentAt, at: Date.now() });
  };
  const loop = (async () => {
    const inFlight: Array<Promise<void>> = [];
    while (running) {
      inFlight.push(ask());
      await sleep(250);
    }
    await Promise.all(inFlight);
  })();
  return {
    answers,
    async stop() {
      running = false;
      await loop;
    },
  };
}

function promptsSince(memberId: string, since: number) {
  return (delivered.get(memberId) ?? []).filter((d) => d.at >= since);
}

it('a 15 s Redis freeze: readyz reports it, clicks say "try again" and record nothing, and dispatch resumes after', async () => {
  if (!redis || !bot) throw new Error('set-up failed');
  const names = Array.from({ length: MEMBERS }, (_, i) => `member ${i}`);
  for (const name of names) {
    expect((await post('session', { name, timezone: 'UTC' })).status).toBe(200);
    expect((await post('command', { name, text: 'start', timezone: 'UTC' })).status).toBe(200);
  }
  const memberIds = names.map((name) => `web:local:${name}`);
  // Ada asks for a break now; she clicks Done on it during the outage.
  expect((await post('session', { name: 'Ada', timezone: 'UTC' })).status).toBe(200);
  expect((await post('command', { name: 'Ada', text: 'now', timezone: 'UTC' })).status).toBe(200);
  const adaPromptId = delivered.get('web:local:ada')?.[0]?.promptId;
  if (!adaPromptId) throw new Error('Ada got no prompt');
  const adaBefore = await stats('Ada');
  expect(await fetch(`${baseUrl}/readyz`).then((r) => r.status)).toBe(200);

  // Freeze Redis, and move the bot's clock just past everyone's first slot: they all fall due during the outage.
  const readiness = probeReadiness();
  redis.freeze();
  const frozenAt = Date.now();
  clockOffset = FIRST_SLOT + 1000 - Date.now();
  const clickDone = () => post<{ error?: string } & Partial<ClickResultView>>('click', { name: 'Ada', promptId: adaPromptId, action: 'done' });
  // The first click waits for the command timeout; once the silent connection has been dropped, clicks fail at once.
  const earlyClick = clickDone();
  await sleep(7000);
  const lateClick = await clickDone();
  await sleep(FREEZE_MS - (Date.now() - frozenAt));
  redis.thaw();
  const thawedAt = Date.now();

  for (const click of [await earlyClick, lateClick]) {
    expect(click.status).toBe(503);
    expect(click.json.error).toBe(TRY_AGAIN);
  }
  expect((await earlyClick).ms).toBeLessThan(6000);
  expect(lateClick.ms).toBeLessThan(1000);

  // Every member due during the outage is prompted once, all within 10 s of Redis returning: a claim that went
  // unanswered into the frozen Redis is put back before the next claim, so no shard waits for its lease to run out.
  const bound = thawedAt + 10_000;
  while (Date.now() < bound && !memberIds.every((id) => promptsSince(id, frozenAt).length > 0)) await sleep(100);
  await sleep(1500);
  await readiness.stop();
  for (const id of memberIds) expect(promptsSince(id, frozenAt), id).toHaveLength(1);
  const late = memberIds.filter((id) => (promptsSince(id, frozenAt)[0]?.at ?? Infinity) > thawedAt + 10_000);
  expect(late).toEqual([]);

  // /readyz: 503 within a few seconds of the freeze and for the rest of it, answered at once after the first
  // timeout, and 200 again within a few seconds of Redis returning.
  const answered = readiness.answers.filter((a) => a.sentAt >= frozenAt && a.at < thawedAt);
  const firstOutage = answered.find((a) => a.status === 503);
  expect(firstOutage?.at).toBeLessThan(frozenAt + 6000);
  expect(answered.every((a) => a.status === 503)).toBe(true);
  const afterDrop = answered.filter((a) => a.sentAt > frozenAt + 6000);
  expect(afterDrop.length).toBeGreaterThan(10);
  expect(afterDrop.every((a) => a.at - a.sentAt < 1000)).toBe(true);
  const firstReady = readiness.answers.find((a) => a.sentAt >= thawedAt && a.status === 200);
  expect(firstReady?.at).toBeLessThan(thawedAt + 3000);

  // Nothing of the failed clicks was recorded; the same Done now counts exactly once.
  const adaAfter = await stats('Ada');
  expect({ points: adaAfter.totalPoints, completions: adaAfter.totalCompletions }).toEqual({
    points: adaBefore.totalPoints,
    completions: adaBefore.totalCompletions,
  });
  const done = await clickDone();
  expect(done.status).toBe(200);
  expect(done.json.outcome).toBe('done');
  const again = await clickDone();
  expect(again.json.outcome).toBe('already-done');
  expect((await stats('Ada')).totalPoints).toBe(adaBefore.totalPoints + 1);
  expect(await metric(/^wellness_completions_total\{platform="web"\} (\d+)/m)).toBe(1);
  expect(await metric(/^wellness_deliveries_failed_total\{platform="web"\} (\d+)/m)).toBe(0);

  // The scheduler's failed ticks were logged and retried, never thrown.
  expect(warnings.some((line) => line.includes('scheduler task failed'))).toBe(true);
  expect(unhandled).toEqual([]);
  expect(uncaught).toEqual([]);
}, 60_000);
