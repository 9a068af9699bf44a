// Slack and the Bot Connector in trouble: three bot processes deliver one slot to Slack and Teams members while the
// platforms answer 429 with Retry-After, 500, or nothing at all (a timeout), at random from a fixed seed. Every
// Retry-After is waited out before the call is tried again, and nothing is lost: each member is prompted exactly once
// or counted in wellness_deliveries_failed_total when the attempts ran out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { RedisStore, createRedisClient } from '../../src/adapters/redis/index.ts';
import { FakeSlack } from '../helpers/fake-slack.ts';
import { startFakeConnector, type FakeConnector } from '../helpers/fake-connector.ts';
import { startBotProcesses, stopBotProcesses, type BotProcess } from '../helpers/bot-process.ts';
import { TEST_REDIS_URL, connectTestRedis, deleteKeysWithPrefix, randomPrefix } from '../helpers/redis.ts';
import { classifyConnector, classifySlack, hashOf, seededRandom, startFaultProxy, type Fault, type FaultProxy, type ProxiedRequest, type ProxyRecord } from './fault-proxy.ts';
import {
  duplicates,
  fleetEnv,
  installWorkspaces,
  justPassedSlot,
  seedDueMembers,
  slackPopulation,
  storeTeamsReferences,
  sumCounter,
  teamsConversationOf,
  waitUntil,
  type SlackPopulation,
} from './fleet.ts';

const SEED = Number(process.env['FAULT_SEED'] ?? 20261124);
const SPREAD_SECONDS = 30;
/** Date.now() has 1 ms steps on both sides of a gap; nothing else may shorten a Retry-After. */
const CLOCK_STEP_MS = 2;
const prefix = randomPrefix('multi-trouble');

/** Per (target, attempt), whatever order requests arrive in: 15% 429 (1-2 s), 10% 500, 2% no answer. */
function faultOf(platform: string) {
  return (request: ProxiedRequest): Fault => {
    const roll = seededRandom(hashOf(`${SEED}|${platform}|${request.target}|${request.attempt}`))();
    if (roll < 0.15) return { kind: 'rate-limit', retryAfterSeconds: roll < 0.075 ? 1 : 2 };
    if (roll < 0.25) return { kind: 'error', status: 500 };
    if (roll < 0.27) return { kind: 'timeout' };
    return { kind: 'forward' };
  };
}

let store: RedisStore;
let redis: Redis;
let slack: FakeSlack;
let connector: FakeConnector;
let slackProxy: FaultProxy;
let teamsProxy: FaultProxy;
let processes: BotProcess[] = [];
let slackMembers: SlackPopulation;
let teamsMembers: string[] = [];
let tookMs = 0;

const slackDelivered = () =>
  slack.callsOf('chat.postMessage').map((call) => slackMembers.memberOfUser.get((call.args['channel'] ?? '').replace(/^D/, '')) ?? `unknown ${call.args['channel']}`);
const teamsDelivered = () => {
  const byConversation = new Map(teamsMembers.map((id) => [teamsConversationOf(id), id]));
  return connector.sent().map((call) => byConversation.get(call.conversationId ?? '') ?? `unknown ${call.conversationId}`);
};
const failed = (platform: string) => sumCounter(processes, 'wellness_deliveries_failed_total', { platform });
const sent = (platform: string) => sumCounter(processes, 'wellness_prompts_sent_total', { platform });

beforeAll(async () => {
  store = new RedisStore(createRedisClient(TEST_REDIS_URL), { prefix });
  redis = connectTestRedis();
  slack = new FakeSlack();
  await slack.start();
  connector = await startFakeConnector();
  slackProxy = await startFaultProxy({ upstream: slack.baseUrl, classify: classifySlack, decide: faultOf('slack') });
  teamsProxy = await startFaultProxy({ upstream: connector.serviceUrl.replace(/\/$/, ''), classify: (path) => classifyConnector(path), decide: faultOf('teams') });

  slackMembers = slackPopulation(6, 15);
  teamsMembers = ['tenant-a', 'tenant-b', 'tenant-c'].flatMap((tenant) => Array.from({ length: 15 }, (_, i) => `teams:${tenant}:aad-${tenant}-${i}`));
  await installWorkspaces(store, slackMembers.workspaceIds);
  await storeTeamsReferences(store, teamsMembers, `${teamsProxy.baseUrl}/`);
  processes = await startBotProcesses(3, (name) =>
    fleetEnv({
      redisUrl: TEST_REDIS_URL,
      prefix,
      slackApiUrl: `${slackProxy.urlFor(name)}/api/`,
      teams: true,
      spreadSeconds: SPREAD_SECONDS,
      // One claim is one round of 16 concurrent sends, so a slow send holds back no more than its own round.
      extra: { SCHEDULER_BATCH_SIZE: '16' },
    }),
  );

  const started = Date.now();
  const slot = justPassedSlot();
  await seedDueMembers(store, [...slackMembers.memberIds, ...teamsMembers], slot, SPREAD_SECONDS);
  const total = slackMembers.memberIds.length + teamsMembers.length;
  await waitUntil(
    async () => slackDelivered().length + teamsDelivered().length + (await failed('slack')) + (await failed('teams')) >= total,
    80_000,
    'every member to be prompted or counted as failed',
  );
  tookMs = Date.now() - started;
  // Two more ticks: nothing else may go out.
  await new Promise((r) => setTimeout(r, 2500));
}, 120_000);

afterAll(async () => {
  await stopBotProcesses(processes);
  await slackProxy?.close();
  await teamsProxy?.close();
  await slack?.close();
  await connector?.close();
  await store?.close();
  if (redis) {
    await deleteKeysWithPrefix(redis, prefix);
    await redis.quit();
  }
});

/** For each 429: the time until the next request for the same target (the retry), or null when none came. */
function gapsAfterRateLimits(records: ProxyRecord[]): Array<{ target: string; waitedMs: number | null; retryAfterMs: number }> {
  return records.flatMap((record, i) => {
    if (record.fault.kind !== 'rate-limit') return [];
    const next = records.slice(i + 1).find((r) => r.target === record.target);
    return [{ target: record.target, waitedMs: next ? next.at - record.at : null, retryAfterMs: record.fault.retryAfterSeconds * 1000 }];
  });
}

/** Slack rate-limits per method and workspace: calls of that scope (other targets) arriving inside a 429's window. */
function callsInsideWindows(records: ProxyRecord[]): number {
  const methodScope = (r: ProxyRecord) => `${r.scope} ${r.path}`;
  return records.reduce((count, record, i) => {
    if (record.fault.kind !== 'rate-limit') return count;
    const until = record.at + record.fault.retryAfterSeconds * 1000;
    const inside = records.slice(i + 1).filter((r) => r.at < until && r.target !== record.target && methodScope(r) === methodScope(record));
    return count + inside.length;
  }, 0);
}

function faultCounts(records: ProxyRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of records) counts[r.fault.kind] = (counts[r.fault.kind] ?? 0) + 1;
  return counts;
}

describe(`platform trouble (seed ${SEED})`, () => {
  it('every due member is prompted exactly once or counted as failed, and the counters match what the platforms received', async () => {
    const slackGot = slackDelivered();
    const teamsGot = teamsDelivered();
    expect(duplicates(slackGot)).toEqual([]);
    expect(duplicates(teamsGot)).toEqual([]);
    expect(slackGot.length + (await failed('slack'))).toBe(slackMembers.memberIds.length);
    expect(teamsGot.length + (await failed('teams'))).toBe(teamsMembers.length);
    expect(await sent('slack')).toBe(slackGot.length);
    expect(await sent('teams')).toBe(teamsGot.length);
    // Trouble really happened on both platforms, of every kind.
    for (const proxy of [slackProxy, teamsProxy]) {
      const counts = faultCounts(proxy.records);
      expect(counts['rate-limit'] ?? 0).toBeGreaterThan(0);
      expect(counts['error'] ?? 0).toBeGreaterThan(0);
      expect(counts['timeout'] ?? 0).toBeGreaterThan(0);
    }
    for (const p of processes) expect(p.output()).not.toMatch(/unhandled rejection|"level":60/);
    console.info(
      `platform trouble (seed ${SEED}) in ${tookMs} ms: slack ${slackGot.length} delivered + ${await failed('slack')} failed of ${slackMembers.memberIds.length}, faults ${JSON.stringify(faultCounts(slackProxy.records))}; ` +
        `teams ${teamsGot.length} delivered + ${await failed('teams')} failed of ${teamsMembers.length}, faults ${JSON.stringify(faultCounts(teamsProxy.records))}`,
    );
  });

  it('a call answered 429 is tried again only after its Retry-After', () => {
    for (const proxy of [slackProxy, teamsProxy]) {
      const gaps = gapsAfterRateLimits(proxy.records);
      expect(gaps.length).toBeGreaterThan(0);
      const early = gaps.filter((g) => g.waitedMs !== null && g.waitedMs < g.retryAfterMs - CLOCK_STEP_MS);
      expect(early).toEqual([]);
    }
    const waited = [...gapsAfterRateLimits(slackProxy.records), ...gapsAfterRateLimits(teamsProxy.records)].flatMap((g) => (g.waitedMs === null ? [] : [g.waitedMs - g.retryAfterMs]));
    console.info(
      `retries after a 429 came ${Math.min(...waited)}..${Math.max(...waited)} ms after Retry-After ended (${waited.length} retries); ` +
        `other calls of the same Slack method and workspace inside a Retry-After window (not held back today): ${callsInsideWindows(slackProxy.records)}`,
    );
  });
});
