// The many-instances scenario, run on one Redis and on a Redis Cluster: three bot processes, thousands of Slack
// members due in the same minute, one fake Slack. Each member gets exactly one DM; the instances' counters add up.
import { expect } from 'vitest';
import type { Store } from '../../src/core/index.ts';
import { FakeSlack } from '../helpers/fake-slack.ts';
import { startBotProcesses, stopBotProcesses, type BotProcess } from '../helpers/bot-process.ts';
import { classifySlack, startFaultProxy, workspaceOfToken } from './fault-proxy.ts';
import { duplicates, fleetEnv, installWorkspaces, justPassedSlot, seedDueMembers, slackPopulation, sumCounter, waitUntil } from './fleet.ts';

export interface ManyInstancesSetup {
  redisUrl: string;
  cluster: boolean;
  prefix: string;
  /** A store on the same Redis and prefix, for seeding and reading back. */
  store: Store;
  instances: number;
  workspaces: number;
  perWorkspace: number;
}

export interface ManyInstancesFigures {
  members: number;
  /** From the last member seeded to the last DM the fake received. */
  deliverMs: number;
  perInstance: Record<string, number>;
}

const SPREAD_SECONDS = 60;
const SENT = 'wellness_prompts_sent_total';

export async function everyMemberPromptedOnceByManyInstances(setup: ManyInstancesSetup): Promise<ManyInstancesFigures> {
  const slack = new FakeSlack();
  await slack.start();
  const proxy = await startFaultProxy({ upstream: slack.baseUrl, classify: classifySlack, decide: () => ({ kind: 'forward' }) });
  let processes: BotProcess[] = [];
  try {
    const population = slackPopulation(setup.workspaces, setup.perWorkspace);
    const total = population.memberIds.length;
    await installWorkspaces(setup.store, population.workspaceIds);
    processes = await startBotProcesses(setup.instances, (name) =>
      fleetEnv({
        redisUrl: setup.redisUrl,
        prefix: setup.prefix,
        cluster: setup.cluster,
        slackApiUrl: `${proxy.urlFor(name)}/api/`,
        spreadSeconds: SPREAD_SECONDS,
        // Smaller batches than the default 200 so every instance gets a share of one minute's members.
        extra: { SCHEDULER_BATCH_SIZE: '50' },
      }),
    );

    const slot = justPassedSlot();
    await seedDueMembers(setup.store, population.memberIds, slot, SPREAD_SECONDS);
    const seededAt = Date.now();

    const posts = () => slack.callsOf('chat.postMessage');
    await waitUntil(() => posts().length >= total, 75_000, `${total} DMs (got ${posts().length})`);
    const deliverMs = Math.max(...posts().map((c) => c.at)) - seededAt;
    await waitUntil(async () => (await sumCounter(processes, SENT, { platform: 'slack' })) >= total, 10_000, 'the counters to catch up');
    // Two more ticks: nothing else may arrive (the next slot is 15 minutes away).
    await new Promise((r) => setTimeout(r, 2500));

    const delivered = posts().map((call) => {
      const user = (call.args['channel'] ?? '').replace(/^D/, '');
      const memberId = population.memberOfUser.get(user);
      // The DM went out with the bot token of the member's own workspace.
      expect(memberId?.split(':')[1]).toBe(workspaceOfToken(call.token ?? ''));
      return memberId ?? `unknown:${call.args['channel']}`;
    });
    expect(delivered).toHaveLength(total);
    expect(duplicates(delivered)).toEqual([]);
    expect(new Set(delivered)).toEqual(new Set(population.memberIds));

    // Each instance counted exactly what the fake received from it, and every instance took part.
    const perInstance: Record<string, number> = {};
    for (const p of processes) {
      const received = proxy.records.filter((r) => r.instance === p.name && r.path === '/api/chat.postMessage' && r.status === 200).length;
      expect(await p.counter(SENT, { platform: 'slack' })).toBe(received);
      expect(await p.counter('wellness_deliveries_failed_total', { platform: 'slack' })).toBe(0);
      perInstance[p.name] = received;
    }
    expect(Object.values(perInstance).reduce((a, b) => a + b, 0)).toBe(total);
    expect(Object.values(perInstance).every((n) => n > 0)).toBe(true);

    // Every member is back in the due index at its next slot, none left in flight.
    const dues = await Promise.all(population.memberIds.map((id) => setup.store.getDue(id)));
    expect(dues.every((due) => due !== null && due >= slot.slotAt + 15 * 60_000)).toBe(true);
    for (const p of processes) expect(p.output()).not.toMatch(/unhandled rejection|"level":50|"level":60/);
    return { members: total, deliverMs, perInstance };
  } finally {
    await stopBotProcesses(processes);
    await proxy.close();
    await slack.close();
  }
}
