// One Slack workspace, many members due in the same slot, three instances on one Redis (issues 10 and 16):
// - at default settings (lease 60 s, batch size, reaper), the instance that sends first is killed with kill -9 during
//   the slot: every member is still prompted, none twice;
// - with SLACK_SENDS_PER_SECOND=3 and a 30 s lease, 300 members: every member prompted once, nothing dropped or in
//   doubt although claims wait at the workspace's limiter far longer than their lease, the last within
//   members / rate + 30 s of the slot.
import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { RedisStore, createRedisClient } from '../../src/adapters/redis/index.ts';
import { FakeSlack } from '../helpers/fake-slack.ts';
import { startBotProcesses, stopBotProcesses, type BotProcess } from '../helpers/bot-process.ts';
import { TEST_REDIS_URL, connectTestRedis, deleteKeysWithPrefix, randomPrefix } from '../helpers/redis.ts';
import { classifySlack, startFaultProxy, type FaultProxy } from './fault-proxy.ts';
import { duplicates, fleetEnv, installWorkspaces, slackPopulation, sumCounter, waitUntil } from './fleet.ts';
import { seedAtSlot, shownPerMember, upcomingSlot } from './one-workspace-slot.ts';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function fleet(name: string, extra: Record<string, string>) {
  const prefix = randomPrefix(name);
  const store = new RedisStore(createRedisClient(TEST_REDIS_URL), { prefix });
  const redis: Redis = connectTestRedis();
  const slack = new FakeSlack();
  await slack.start();
  const proxy: FaultProxy = await startFaultProxy({ upstream: slack.baseUrl, classify: classifySlack, decide: () => ({ kind: 'forward' }) });
  let processes: BotProcess[] = [];
  cleanups.push(async () => {
    await stopBotProcesses(processes);
    await proxy.close();
    await slack.close();
    await store.close();
    await deleteKeysWithPrefix(redis, prefix);
    await redis.quit();
  });
  processes = await startBotProcesses(3, (instance) => fleetEnv({ redisUrl: TEST_REDIS_URL, prefix, slackApiUrl: `${proxy.urlFor(instance)}/api/`, spreadSeconds: 0, extra }), 120_000);
  return { store, slack, proxy, processes };
}

describe('one workspace, 90 members due in the same slot, default settings, the sending instance killed', () => {
  it('every member is prompted, none twice', async () => {
    const { store, slack, proxy, processes } = await fleet('one-ws-kill', { SCHEDULER_TICK_SECONDS: '5' });
    const population = slackPopulation(1, 90);
    await installWorkspaces(store, population.workspaceIds);
    const slot = upcomingSlot(5_000);
    await seedAtSlot(store, population, slot, false);
    const first = await proxy.waitFor((r) => r.path === '/api/chat.postMessage', 150_000);
    const victim = processes.find((p) => p.name === first.instance);
    if (!victim) throw new Error(`no process ${String(first.instance)}`);
    await victim.kill();
    const survivors = processes.filter((p) => p !== victim);
    // Lease 60 s + reaper 15 s + a tick, then the workspace's queue.
    await waitUntil(() => [...shownPerMember(slack, population).values()].every((shown) => shown.length > 0), 170_000, 'every member prompted');
    await new Promise((r) => setTimeout(r, 5000));
    const shown = shownPerMember(slack, population);
    const missing = [...shown].filter(([, s]) => s.length === 0).map(([id]) => id);
    const twice = [...shown].filter(([, s]) => s.length > 1).map(([id]) => id);
    const doubt = await sumCounter(survivors, 'wellness_deliveries_unknown_total', { platform: 'slack' });
    const last = Math.max(...[...shown.values()].flat().map((s) => s.at));
    console.info(`kill during slot: victim ${victim.name}, 90 members, missing ${missing.length}, twice ${twice.length}, in doubt ${doubt}, last ${Math.round((last - slot.slotAt) / 1000)} s after the slot`);
    expect(missing).toEqual([]);
    expect(twice).toEqual([]);
    expect(duplicates(slack.promptIdsPosted())).toEqual([]);
  }, 420_000);
});

describe('one workspace, 300 members due in the same slot, SLACK_SENDS_PER_SECOND=3, lease 30 s', () => {
  it('every member is prompted once, nothing dropped or in doubt, the last within members / rate + 30 s of the slot', async () => {
    const rate = 3;
    const { store, slack, processes } = await fleet('one-ws-300', { SLACK_SENDS_PER_SECOND: String(rate), SCHEDULER_LEASE_SECONDS: '30', SCHEDULER_TICK_SECONDS: '5' });
    const population = slackPopulation(1, 300);
    await installWorkspaces(store, population.workspaceIds);
    const slot = upcomingSlot(5_000);
    // A workspace in steady state: each member's DM channel is kept from earlier prompts.
    await seedAtSlot(store, population, slot, true);
    const bound = (population.memberIds.length / rate + 30) * 1000;
    await waitUntil(() => [...shownPerMember(slack, population).values()].every((shown) => shown.length > 0), slot.slotAt + bound + 30_000 - Date.now(), 'every member prompted');
    await new Promise((r) => setTimeout(r, 5000));
    const shown = shownPerMember(slack, population);
    const twice = [...shown].filter(([, s]) => s.length > 1).map(([id]) => id);
    const last = Math.max(...[...shown.values()].flat().map((s) => s.at));
    const doubt = await sumCounter(processes, 'wellness_deliveries_unknown_total', { platform: 'slack' });
    const failed = await sumCounter(processes, 'wellness_deliveries_failed_total', { platform: 'slack' });
    const sent = await sumCounter(processes, 'wellness_prompts_sent_total', { platform: 'slack' });
    console.info(`300 members at ${rate}/s: last prompt ${Math.round((last - slot.slotAt) / 1000)} s after the slot (bound ${bound / 1000} s); in doubt ${doubt}, failed ${failed}, sent ${sent}`);
    expect(twice).toEqual([]);
    expect(doubt).toBe(0);
    expect(failed).toBe(0);
    expect(sent).toBe(population.memberIds.length);
    expect(last - slot.slotAt).toBeLessThanOrEqual(bound);
  }, 420_000);
});
