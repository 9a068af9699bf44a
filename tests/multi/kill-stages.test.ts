// kill -9 at each stage of a send, one case each (issue 10). One instance holds every member of a workspace's slot
// and is killed at the stage; a second instance starts after the kill and takes over once the leases end.
// Each case: every member prompted, duplicates only where the send was on the wire (none on Slack, which is asked),
// every copy carrying the prompt id recorded with the marker, and the counters telling exactly what happened.
import { afterEach, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { RedisStore, createRedisClient } from '../../src/adapters/redis/index.ts';
import { FakeSlack } from '../helpers/fake-slack.ts';
import { startBotProcess, type BotProcess } from '../helpers/bot-process.ts';
import { TEST_REDIS_URL, connectTestRedis, deleteKeysWithPrefix, randomPrefix } from '../helpers/redis.ts';
import { fleetEnv, installWorkspaces, slackPopulation, waitUntil } from './fleet.ts';
import { seedAtSlot, shownPerMember, upcomingSlot } from './one-workspace-slot.ts';

const MEMBERS = 8;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

type Stage = 'claimed' | 'members read' | 'queued at the limiter' | 'mid platform call' | 'answered, outcome not stored' | 'SIGTERM while queued';

/** Stages the victim stops itself at (TEST_CRASH_AT), the moment being too short to catch from outside. */
const SELF_CRASH: Partial<Record<Stage, string>> = { 'members read': 'members-read', 'answered, outcome not stored': 'answered' };

async function killAt(stage: Stage) {
  const prefix = randomPrefix('kill-stage');
  const store = new RedisStore(createRedisClient(TEST_REDIS_URL), { prefix });
  const redis: Redis = connectTestRedis();
  const slack = new FakeSlack();
  await slack.start();
  const processes: BotProcess[] = [];
  cleanups.push(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await slack.close();
    await store.close();
    await deleteKeysWithPrefix(redis, prefix);
    await redis.quit();
  });
  // Short lease and reaper so the take-over is quick; one send a second so sends queue at the workspace's limiter.
  const env = (crashAt?: string) =>
    fleetEnv({
      redisUrl: TEST_REDIS_URL,
      prefix,
      slackApiUrl: slack.apiUrl,
      spreadSeconds: 0,
      extra: { SCHEDULER_LEASE_SECONDS: '5', SCHEDULER_REAP_SECONDS: '1', SLACK_SENDS_PER_SECOND: '1', ...(crashAt ? { TEST_CRASH_AT: crashAt } : {}) },
    });
  const population = slackPopulation(1, MEMBERS);
  await installWorkspaces(store, population.workspaceIds);
  const victim = await startBotProcess({ name: 'victim', env: env(SELF_CRASH[stage]), startTimeoutMs: 120_000 });
  processes.push(victim);
  if (stage === 'mid platform call') slack.holdPosts();
  const slot = upcomingSlot(2_000);
  await seedAtSlot(store, population, slot, true);
  if (SELF_CRASH[stage]) {
    await Promise.race([victim.exited, new Promise((r) => setTimeout(r, 120_000))]);
  } else if (stage === 'claimed') {
    await waitUntil(async () => (await claimedBy(redis, store, victim.pid)) > 0, 120_000, 'the claim');
  } else if (stage === 'queued at the limiter' || stage === 'SIGTERM while queued') {
    await waitUntil(() => slack.messages.length >= 2, 120_000, 'two sends');
  } else {
    await waitUntil(() => slack.messages.length >= 1, 120_000, 'a post held by Slack');
  }
  // SIGTERM: the victim finishes what is on the wire and hands back what still waits for the limiter.
  if (stage === 'SIGTERM while queued') expect(await victim.stop(30_000)).toBe(0);
  else await victim.kill();
  const shownAtKill = slack.messages.length;
  slack.releasePosts();
  const heir = await startBotProcess({ name: 'heir', env: env(), startTimeoutMs: 120_000 });
  processes.push(heir);
  await waitUntil(() => [...shownPerMember(slack, population).values()].every((shown) => shown.length > 0), 90_000, 'every member prompted');
  await new Promise((r) => setTimeout(r, 3000));
  const shown = shownPerMember(slack, population);
  const markers = await Promise.all(population.memberIds.map((id) => store.sendMarkerOf(id, slot.slotAt)));
  return {
    shown,
    shownAtKill,
    markers,
    counters: {
      unknown: await heir.counter('wellness_deliveries_unknown_total', { platform: 'slack' }),
      resent: await heir.counter('wellness_deliveries_resent_total', { platform: 'slack' }),
      failed: await heir.counter('wellness_deliveries_failed_total', { platform: 'slack' }),
      sent: await heir.counter('wellness_prompts_sent_total', { platform: 'slack' }),
    },
    population,
  };
}

async function claimedBy(redis: Redis, store: RedisStore, pid: number): Promise<number> {
  let held = 0;
  for (let shard = 0; shard < store.keys.shardCount; shard += 1) {
    const claims = await redis.hgetall(store.keys.dueShard(shard).claim);
    held += Object.values(claims).filter((value) => value.startsWith(`${pid}-`)).length;
  }
  return held;
}

describe('kill -9 at each stage of a send', () => {
  it.each<Stage>(['claimed', 'members read', 'queued at the limiter', 'mid platform call', 'answered, outcome not stored', 'SIGTERM while queued'])('%s: every member prompted once, counters exact', async (stage) => {
    const { shown, shownAtKill, markers, counters, population } = await killAt(stage);
    const copies = [...shown.values()];
    // Slack is asked about every send in doubt, so nobody sees a slot twice, whatever the stage.
    expect(copies.every((c) => c.length === 1)).toBe(true);
    // Each message carries the prompt id its send marker holds.
    population.memberIds.forEach((id, i) => expect(shown.get(id)?.[0]?.promptId).toBe(markers[i]));
    // Sends on the wire when the victim died are the sends in doubt, found in the DM, so not resent.
    if (stage === 'mid platform call' || stage === 'answered, outcome not stored') expect(counters.unknown).toBe(shownAtKill);
    if (stage === 'answered, outcome not stored') expect(shownAtKill).toBe(1);
    if (stage === 'claimed' || stage === 'members read') expect([shownAtKill, counters.unknown]).toEqual([0, 0]);
    if (stage === 'queued at the limiter') expect(counters.unknown).toBeLessThanOrEqual(1);
    // A stopping instance leaves nothing in doubt.
    if (stage === 'SIGTERM while queued') expect(counters.unknown).toBe(0);
    expect(counters.resent).toBe(0);
    expect(counters.failed).toBe(0);
    // The heir sent exactly what the victim had not.
    expect(counters.sent).toBe(MEMBERS - shownAtKill);
    console.info(`kill at "${stage}": ${shownAtKill} shown at the kill, in doubt ${counters.unknown}, resent ${counters.resent}, heir sent ${counters.sent}`);
  }, 400_000);
});
