// Hostile input on POST /api/messages: thousands of generated activities (messages, card submissions, Action.Execute
// invokes, installs, junk) against the whole bot with a recording store; once in anonymous mode (every well-formed
// activity is let in), once with an app id and missing or forged tokens. No 5xx, no crash, no polluted prototype, and
// no store call from anything refused.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MemoryStore } from '../../src/adapters/memory/index.ts';
import { createBot, type Bot } from '../../src/bot.ts';
import { loadConfig } from '../../src/config.ts';
import { startFakeConnector, type FakeConnector } from '../helpers/fake-connector.ts';
import { channelClaims, forgedAuthorization, jwt, trustTestSigningKey } from './bot-framework-tokens.ts';
import { attributeRequestsToCases, CASE_HEADER } from './case-attribution.ts';
import { captureLogs, type CapturedLogs } from './captured-logs.ts';
import { serverFailures, tally, unexpectedStoreCalls } from './fuzz-report.ts';
import { watchProcess, type ProcessWatch } from './process-watch.ts';
import { untilQuiet } from './quiet.ts';
import { recordingStore, type RecordingStore } from './recording-store.ts';
import { seedPrompts } from './seed-prompts.ts';
import { sendCases, sendTruncated, type HttpCase } from './send-cases.ts';
import { anonymousCase, forgedCase, FUZZ_BOT, teamsCaseActs, type TeamsFuzzTargets } from './teams-cases.ts';

const SEED = 5_0002;
const ANONYMOUS_CASES = 8_000;
const FORGED_CASES = 4_000;
const CUT_ON_THE_WIRE = 100;
const CONCURRENCY = 32;
const APP_ID = '00000000-0000-0000-0000-00000000f022';
/** A Wednesday, 10:05 in Berlin: inside the default working window. */
const NOW = Date.parse('2026-11-25T09:05:00Z');

interface RunningBot {
  bot: Bot;
  recording: RecordingStore;
  url: string;
}

async function startBot(env: Record<string, string>, logs: CapturedLogs): Promise<RunningBot> {
  const recording = recordingStore(new MemoryStore({ now: () => NOW }));
  const config = { ...loadConfig({ SCHEDULER_ENABLED: 'false', PROMPT_SPREAD_SECONDS: '0', HOST: '127.0.0.1', ...env }), PORT: 0 };
  const bot = await createBot(config, logs.logger, { store: recording.store, clock: { now: () => NOW }, defaultMetrics: false });
  const { port } = await bot.listen();
  return { bot, recording, url: `http://127.0.0.1:${port}/api/messages` };
}

let connector: FakeConnector;
let anonymous: RunningBot;
let authenticated: RunningBot;
let targets: TeamsFuzzTargets;
let watch: ProcessWatch;
let logs: CapturedLogs;
let stopAttribution: () => void;
// Made before any request: generating blocks the event loop for seconds, long enough for the server to drop idle
// keep-alive sockets that the client would then reuse (ECONNRESET).
let forgedCases: HttpCase[];
let anonymousCases: HttpCase[];
let wireCases: HttpCase[];

beforeAll(async () => {
  logs = captureLogs();
  connector = await startFakeConnector();
  trustTestSigningKey();
  anonymous = await startBot({ TEAMS_ALLOW_ANONYMOUS: 'true' }, logs);
  authenticated = await startBot({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'not-a-real-secret' }, logs);
  const tenants = Array.from({ length: 8 }, (_, i) => `tenant-${i}`);
  const users = ['aad-ada', 'aad-bob', 'aad-cid', 'aad-dee'];
  const seed = (bot: Bot) =>
    seedPrompts(bot.service, {
      platform: 'teams',
      tenants,
      users,
      now: NOW,
      delivery: (_tenant, user) => ({ conversationId: `a:personal-${user}`, activityId: 'activity-1', serviceUrl: connector.serviceUrl }),
      teamAddress: () => ({ conversationId: '19:fuzz@thread.tacv2', activityId: 'activity-2', serviceUrl: connector.serviceUrl }),
    });
  const promptIds = await seed(anonymous.bot);
  await seed(authenticated.bot);
  targets = { tenants, users, promptIds, serviceUrls: [connector.serviceUrl, connector.serviceUrl, 'http://127.0.0.1:1/'] };
  forgedCases = numbered('f', fc.sample(forgedCase(targets, forgedAuthorization(APP_ID, connector.serviceUrl)), { seed: SEED, numRuns: FORGED_CASES }));
  anonymousCases = numbered('a', fc.sample(anonymousCase(targets), { seed: SEED + 1, numRuns: ANONYMOUS_CASES }));
  wireCases = numbered('w', fc.sample(anonymousCase(targets), { seed: SEED + 2, numRuns: CUT_ON_THE_WIRE }));
  stopAttribution = attributeRequestsToCases();
  watch = watchProcess();
}, 60_000);

afterAll(async () => {
  stopAttribution();
  watch.stop();
  await anonymous.bot.close();
  await authenticated.bot.close();
  await connector.close();
  console.log(`teams fuzz: warnings and errors the bots logged:\n${logs.summary()}`);
});

const settle = (bot: RunningBot) => untilQuiet([() => bot.recording.calls.length, () => connector.calls.length]);

function expectProcessIntact(): void {
  expect(watch.uncaught).toEqual([]);
  expect(watch.prototypeChanges()).toEqual([]);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
}

function numbered(prefix: string, cases: Array<Omit<HttpCase, 'id'>>): HttpCase[] {
  return cases.map((c, i) => ({ ...c, id: `${prefix}${i}` }));
}

describe('POST /api/messages under hostile input', () => {
  it(`refuses ${FORGED_CASES} generated activities with a missing or forged token with a 4xx and touches nothing`, async () => {
    const cases = forgedCases;
    const before = authenticated.recording.calls.length;
    const connectorBefore = connector.calls.length;
    // The SDK prints every bad signature (with the public key it tried) to console.error; keep the test output readable.
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const started = performance.now();
    const results = await sendCases(authenticated.url, cases, CONCURRENCY);
    await settle(authenticated);
    consoleError.mockRestore();
    console.log(`teams fuzz, forged: ${cases.length} requests in ${((performance.now() - started) / 1000).toFixed(1)} s: ${tally(results)}`);

    expect(serverFailures(results)).toEqual([]);
    expect(results.filter((r) => r.status < 400).map((r) => `${r.status} ${r.fuzzCase.label}`)).toEqual([]);
    expect(authenticated.recording.calls.slice(before)).toEqual([]);
    expect(connector.calls.slice(connectorBefore)).toEqual([]);
    expectProcessIntact();
  }, 120_000);

  it('lets a correctly signed token through, so the refusals above are the forgeries', async () => {
    const activity = { type: 'typing', id: 't1', channelId: 'msteams', serviceUrl: connector.serviceUrl, from: { id: '29:aad-ada', aadObjectId: 'aad-ada' }, recipient: FUZZ_BOT, conversation: { id: 'a:personal-aad-ada', conversationType: 'personal' } };
    const res = await fetch(authenticated.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${jwt(channelClaims(APP_ID, connector.serviceUrl))}`, [CASE_HEADER]: 'valid-token' },
      body: JSON.stringify(activity),
    });
    expect(res.status).toBe(200);
  });

  it(`answers ${ANONYMOUS_CASES} generated activities in anonymous mode without a 5xx, and only acted-on activities write`, async () => {
    const cases = anonymousCases;
    const before = anonymous.recording.calls.length;
    const started = performance.now();
    const results = await sendCases(anonymous.url, cases, CONCURRENCY);
    const answered = performance.now();
    await settle(anonymous);
    const wrote = new Set(anonymous.recording.calls.slice(before).filter((c) => c.mutating).map((c) => c.caseId)).size;
    console.log(
      `teams fuzz, anonymous: ${cases.length} requests answered in ${((answered - started) / 1000).toFixed(1)} s, settled in ${((performance.now() - answered) / 1000).toFixed(1)} s: ${tally(results)}; ` +
        `${anonymous.recording.calls.length - before} store calls, ${wrote} cases wrote`,
    );

    expect(serverFailures(results)).toEqual([]);
    expect(unexpectedStoreCalls(results, anonymous.recording, (r) => (r.status >= 400 ? 'none' : teamsCaseActs(r.fuzzCase) ? 'any' : 'reads'))).toEqual([]);
    expect(results.filter((r) => r.status === 200).length).toBeGreaterThan(ANONYMOUS_CASES * 0.3);
    expect(wrote).toBeGreaterThan(1000);
    expectProcessIntact();
  }, 180_000);

  it(`survives ${CUT_ON_THE_WIRE} activities cut off on the wire`, async () => {
    const cases = wireCases;
    const statuses = await Promise.all(cases.map((c, i) => sendTruncated(anonymous.url, c, Math.floor((c.body.length * (i % 10)) / 10))));
    await settle(anonymous);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(anonymous.recording.calls.filter((c) => c.caseId.startsWith('w'))).toEqual([]);
    expect((await fetch(anonymous.url.replace('/api/messages', '/healthz'))).status).toBe(200);
    expectProcessIntact();
  }, 60_000);
});
