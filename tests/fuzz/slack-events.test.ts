// Hostile input on POST /slack/events: thousands of generated commands, clicks, events and junk, signed over the exact
// bytes or unsigned/forged, against the whole bot (createBot) with a recording store. No 5xx, no crash, no polluted
// prototype, and no store call from anything forged or malformed.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/adapters/memory/index.ts';
import { SIGNING_SECRET, startSlackWorld, type SlackWorld } from '../helpers/fake-slack.ts';
import { slackSignature } from '../helpers/slack-sign.ts';
import { attributeRequestsToCases } from './case-attribution.ts';
import { captureLogs, type CapturedLogs } from './captured-logs.ts';
import { serverFailures, tally, unexpectedStoreCalls } from './fuzz-report.ts';
import { watchProcess, type ProcessWatch } from './process-watch.ts';
import { untilQuiet } from './quiet.ts';
import { recordingStore, type RecordingStore } from './recording-store.ts';
import { seedPrompts } from './seed-prompts.ts';
import { formText } from './form-encoding.ts';
import { sendCases, sendTruncated, type HttpCase } from './send-cases.ts';
import { slackCase, slackCaseActs, type SlackFuzzTargets } from './slack-cases.ts';

const SEED = 5_0001;
const FORGED_CASES = 4_000;
const SIGNED_CASES = 8_000;
const CUT_ON_THE_WIRE = 100;
const CONCURRENCY = 32;

let world: SlackWorld;
let recording: RecordingStore;
let watch: ProcessWatch;
let logs: CapturedLogs;
let stopAttribution: () => void;
let targets: SlackFuzzTargets;
// Made before any request: generating blocks the event loop for seconds, long enough for the server to drop idle
// keep-alive sockets that the client would then reuse (ECONNRESET).
let forgedCases: HttpCase[];
let signedCases: HttpCase[];
let wireCases: HttpCase[];

beforeAll(async () => {
  logs = captureLogs();
  world = await startSlackWorld({
    startIso: '2026-11-25T09:05:00Z',
    store: (now) => {
      recording = recordingStore(new MemoryStore({ now }));
      return recording.store;
    },
    logger: logs.logger,
  });
  // Enough workspaces that the per-workspace send limiter does not make the run wait.
  const teams = Array.from({ length: 24 }, (_, i) => `T${i}FUZZ`);
  const users = ['UADA', 'UBOB', 'UCID', 'UDEE'];
  const promptIds = await seedPrompts(world.bot.service, {
    platform: 'slack',
    tenants: teams,
    users,
    now: world.now(),
    delivery: (_tenant, user) => ({ channel: `D${user}`, ts: '1700000000.000100' }),
    teamAddress: () => ({ channel: 'C0FUZZ1', ts: '1700000000.000200' }),
  });
  targets = { signingSecret: SIGNING_SECRET, teams, users, promptIds, responseUrls: [world.slack.responseUrl('fuzz'), 'http://127.0.0.1:1/closed-port'] };
  forgedCases = generate('f', true, FORGED_CASES, SEED);
  signedCases = generate('s', false, SIGNED_CASES, SEED + 1);
  wireCases = generate('w', false, CUT_ON_THE_WIRE, SEED + 2);
  stopAttribution = attributeRequestsToCases();
  watch = watchProcess();
}, 60_000);

afterAll(async () => {
  stopAttribution();
  watch.stop();
  await world.close();
  console.log(`slack fuzz: warnings and errors the bot logged:\n${logs.summary()}`);
});

function generate(prefix: string, forged: boolean, count: number, seed: number): HttpCase[] {
  return fc.sample(slackCase(targets, forged), { seed, numRuns: count }).map((c, i) => ({ ...c, id: `${prefix}${i}` }));
}

const settle = () => untilQuiet([() => recording.calls.length, () => world.slack.calls.length, () => world.slack.responses.length]);

function expectProcessIntact(): void {
  expect(watch.uncaught).toEqual([]);
  expect(watch.prototypeChanges()).toEqual([]);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
}

describe('POST /slack/events under hostile input', () => {
  it('ties the work a command does after its ack to the request that sent it (the harness the checks below rely on)', async () => {
    // The delivery marker each command takes (after the ack) names its workspace and trigger: the case that must own it.
    const expectedMarker = new Map<string, string>();
    const cases = targets.users.flatMap((user) =>
      targets.teams.slice(0, 10).map((team): HttpCase => {
        const id = `h-${team}-${user}`;
        const text = formText([['team_id', team], ['user_id', user], ['channel_id', `D${user}`], ['command', '/breaks'], ['text', 'stats'], ['response_url', targets.responseUrls[0] ?? ''], ['trigger_id', id]]);
        const stamp = Math.floor(Date.now() / 1000);
        expectedMarker.set(id, `slack-delivery|slack:${team}:${id}`);
        return { id, label: 'command', forged: false, body: Buffer.from(text), headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(stamp), 'x-slack-signature': slackSignature(SIGNING_SECRET, stamp, text) } };
      }),
    );
    const results = await sendCases(world.eventsUrl, cases, CONCURRENCY);
    await settle();
    expect(results.map((r) => r.status)).toEqual(cases.map(() => 200));
    for (const c of cases) expect(recording.callsOf(c.id).filter((call) => call.method === 'putRecordIfAbsent').map((call) => `${call.subject}|${call.second}`)).toEqual([expectedMarker.get(c.id)]);
  });

  it(`refuses ${FORGED_CASES} generated unsigned or forged requests with a 4xx and touches nothing`, async () => {
    const cases = forgedCases;
    const before = recording.calls.length;
    const slackBefore = { calls: world.slack.calls.length, responses: world.slack.responses.length };
    const started = performance.now();
    const results = await sendCases(world.eventsUrl, cases, CONCURRENCY);
    await settle();
    console.log(`slack fuzz, forged: ${cases.length} requests in ${((performance.now() - started) / 1000).toFixed(1)} s: ${tally(results)}`);

    expect(serverFailures(results)).toEqual([]);
    expect(results.filter((r) => r.status < 400).map((r) => `${r.status} ${r.fuzzCase.label}`)).toEqual([]);
    expect(recording.calls.slice(before)).toEqual([]);
    // Nothing reached Slack either: no Web API call and no response_url post.
    expect(world.slack.calls.slice(slackBefore.calls).map((c) => c.method)).toEqual([]);
    expect(world.slack.responses.length).toBe(slackBefore.responses);
    expectProcessIntact();
  }, 120_000);

  it(`answers ${SIGNED_CASES} generated signed requests without a 5xx, and only valid commands, clicks and events write`, async () => {
    const cases = signedCases;
    const before = recording.calls.length;
    const started = performance.now();
    const results = await sendCases(world.eventsUrl, cases, CONCURRENCY);
    const answered = performance.now();
    await settle();
    console.log(
      `slack fuzz, signed: ${cases.length} requests answered in ${((answered - started) / 1000).toFixed(1)} s, settled in ${((performance.now() - answered) / 1000).toFixed(1)} s: ${tally(results)}; ` +
        `${recording.calls.length - before} store calls, ${new Set(recording.calls.slice(before).filter((c) => c.mutating).map((c) => c.caseId)).size} cases wrote`,
    );

    expect(serverFailures(results)).toEqual([]);
    // Refused (4xx) cases made no store call at all; accepted ones that Bolt does not act on wrote nothing.
    expect(unexpectedStoreCalls(results, recording, (r) => (r.status >= 400 ? 'none' : slackCaseActs(r.fuzzCase) ? 'any' : 'reads'))).toEqual([]);
    // Not vacuous: a good share got through the guard and some of those did real work.
    expect(results.filter((r) => r.status === 200).length).toBeGreaterThan(SIGNED_CASES * 0.2);
    expect(new Set(recording.calls.slice(before).filter((c) => c.mutating).map((c) => c.caseId)).size).toBeGreaterThan(500);
    expectProcessIntact();
  }, 180_000);

  it(`survives ${CUT_ON_THE_WIRE} signed bodies cut off on the wire`, async () => {
    const cases = wireCases;
    const before = recording.calls.length;
    const statuses = await Promise.all(cases.map((c, i) => sendTruncated(world.eventsUrl, c, Math.floor((c.body.length * (i % 10)) / 10))));
    await settle();
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(recording.calls.slice(before).filter((c) => c.caseId.startsWith('w'))).toEqual([]);
    expect((await fetch(`${world.baseUrl}/healthz`)).status).toBe(200);
    expectProcessIntact();
  }, 60_000);
});
