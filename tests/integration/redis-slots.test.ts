// Redis Cluster readiness: every script call and every transaction the store sends touches one slot, and a tenant's
// keys all share one slot. Watches the store's own connection with MONITOR and asks Redis for each command's keys.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { RedisStore } from '../../src/adapters/redis/index.ts';
import type { Store } from '../../src/core/index.ts';
import { TEAM_ID, TENANT, T0, WEEK, makeBusyMember, makeCompletion, makeMember, makePrompt, makeTeam, makeTeamPrompt, teamInput } from '../contract/fixtures.ts';
import { TEST_REDIS_URL, connectTestRedis, deleteKeysWithPrefix, keySlot, keysWithPrefix, randomPrefix } from '../helpers/redis.ts';
import { commitOne } from '../helpers/commit-one.ts';

interface SentCommand {
  /** Commands of one script call (with the commands the script ran) or one MULTI/EXEC block. */
  group: number;
  args: string[];
}

let prefix: string;
let admin: Redis;
let storeConnection: Redis;
let store: RedisStore;

beforeEach(() => {
  prefix = randomPrefix('slots');
  admin = connectTestRedis();
  storeConnection = connectTestRedis();
  store = new RedisStore(storeConnection, { prefix });
});

afterEach(async () => {
  await deleteKeysWithPrefix(admin, prefix);
  await admin.quit();
  await store.close();
});

/** Uses every Store method once or more, the way the service does. */
async function exerciseStore(s: Store): Promise<void> {
  const team = makeTeam('C01DESIGN');
  const alice = makeBusyMember('UALICE');
  const bob = makeMember('UBOB', { teamIds: [team.id], active: true });
  await s.ping();
  await s.putTeam(team);
  await s.putTeam(makeTeam('C02OPS'));
  for (const m of [alice, bob]) {
    await s.putMember(m);
    await s.getMember(m.id);
    await s.addTeamMember(team.id, m.id);
    await s.setDue(m.id, T0);
  }
  await s.enrolMembers([{ member: makeMember('UNEWBIE', { active: true }), dueAt: T0 }, { member: bob, dueAt: T0 }]);
  await s.addTeamMembers([{ teamId: team.id, memberIds: [alice.id, bob.id] }]);
  await s.setDue(`team|${team.id}`, T0);
  await s.setDue(`digest|${team.id}`, T0);
  await s.getDue(alice.id);
  await s.claimDue(T0, 10, 1000, 'worker');
  await s.markSent(alice.id, T0, 60_000);
  await s.markSent(`team|${team.id}`, T0, 60_000);
  const personal = makePrompt(alice.id);
  const teamPrompt = makeTeamPrompt(team.id);
  await s.putPrompt(personal, 60_000);
  await s.putPrompt(teamPrompt, 60_000);
  await s.getPrompt(personal.id);
  await s.getMembers([alice.id, bob.id]);
  const slotPrompt = makePrompt(bob.id, { slotAt: T0 + 3600_000 });
  await s.recordPromptSends([{ prompt: slotPrompt, promptTtlMs: 60_000, member: bob, recentChallengeIds: ['chair-bridge'], markerTtlMs: 60_000 }]);
  // The member changed since it was read: the send's field goes on with a compare-and-set of its own.
  await s.recordPromptSends([{ prompt: makePrompt(bob.id, { id: `${slotPrompt.id}b`, slotAt: T0 + 7200_000 }), promptTtlMs: 60_000, member: { ...bob, displayName: 'Stale' }, recentChallengeIds: [], markerTtlMs: 60_000 }]);
  await s.updateMember(bob.id, (member) => member && { ...member, hasBand: true });
  await s.updateTeam(team.id, (stored) => stored && { ...stored, challengeTime: '11:30' });
  await s.updateRecord('installation', TENANT, (value) => `${value ?? ''}+`);
  await s.settlePromptSends([{ prompt: { ...slotPrompt, delivery: { channel: 'D02' } }, markerId: `settled|${bob.id}`, markerTtlMs: 60_000 }]);
  await s.setPromptDelivery(personal.id, { channel: 'D01', ts: '1.1' });
  await s.setPromptStatus(personal.id, 'done');
  await s.recordPromptSent(alice.id, alice.teamIds, 'slack', TENANT);
  await s.recordCompletion(makeCompletion(personal.id, alice.id, { teams: alice.teamIds.map((id) => teamInput(id)) }));
  await s.recordCompletion(makeCompletion(teamPrompt.id, bob.id, { teamPromptId: teamPrompt.id, teams: [teamInput(team.id)] }));
  await commitOne(s, alice.id, 'worker', T0 + 3600_000);
  await s.reapLeases(T0 + 10_000);
  await s.getActivity(alice.id);
  await s.getTeam(team.id);
  await s.listTeams('slack', TENANT);
  await s.teamMemberIds(team.id);
  await s.getTeamDays(team.id);
  await s.getTeamTotals(team.id);
  await s.teamWeekBoard(team.id, WEEK);
  await s.reserveSend('slack:T01ACME', 5, T0);
  await s.putRecord('installation', TENANT, 'secret', 60_000);
  await s.getRecord('installation', TENANT);
  await s.removeTeamMember(team.id, bob.id);
  await s.forgetMember(alice.id);
  await s.forgetTeam(team.id);
  await s.clearDue(bob.id);
  await s.deleteRecord('installation', TENANT);
}

/** One MONITOR line: `1796216428.234584 [0 127.0.0.1:54926] "set" "key" "value"` (source "lua" for a script's calls). */
function parseMonitorLine(line: string): { source: string; args: string[] } | null {
  const head = /^\d+\.\d+ \[\d+ ([^\]]+)\] (.*)$/.exec(line);
  if (!head) return null;
  const args = [...(head[2] ?? '').matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => (m[1] ?? '').replace(/\\(.)/g, '$1'));
  return { source: head[1] ?? '', args };
}

/**
 * Records what the store's connection sends, grouped into script calls and transactions. MONITOR is read through
 * redis-cli rather than an ioredis client in monitor mode, which loses its place in the reply stream when other
 * tests flood Redis at the same time ("Command queue state error").
 */
async function watchStoreCommands(work: () => Promise<void>): Promise<SentCommand[]> {
  const info = (await storeConnection.client('INFO')) as string;
  const address = /addr=(\S+)/.exec(info)?.[1];
  const { hostname, port } = new URL(TEST_REDIS_URL);
  const monitor = spawn('redis-cli', ['-h', hostname, '-p', port || '6379', 'monitor'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const seen: SentCommand[] = [];
  let group = 0;
  let inTransaction = false;
  let lastSourceWasStore = false;
  const ready = `ready-${prefix}`;
  const marker = `end-of-test-${prefix}`;
  let sawReady: () => void = () => undefined;
  let sawMarker: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (sawReady = resolve));
  const done = new Promise<void>((resolve) => (sawMarker = resolve));
  const onCommand = (source: string, args: string[]) => {
    const name = (args[0] ?? '').toLowerCase();
    if (name === 'echo' && args[1] === ready) return sawReady();
    // Commands a script runs are reported with source "lua" right after the script call itself.
    if (source === 'lua') {
      if (lastSourceWasStore) seen.push({ group, args });
      return;
    }
    lastSourceWasStore = source === address;
    if (!lastSourceWasStore) return;
    if (name === 'echo' && args[1] === marker) return sawMarker();
    if (name === 'multi') {
      inTransaction = true;
      group += 1;
      return;
    }
    if (name === 'exec') {
      inTransaction = false;
      return;
    }
    if (!inTransaction) group += 1;
    seen.push({ group, args });
  };
  createInterface({ input: monitor.stdout }).on('line', (line) => {
    const parsed = parseMonitorLine(line);
    if (parsed) onCommand(parsed.source, parsed.args);
  });
  try {
    // MONITOR starts when redis-cli is connected: wait until it reports a command sent after that.
    while (!(await Promise.race([started.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 50))]))) {
      await admin.echo(ready);
    }
    await work();
    await storeConnection.echo(marker);
    await done;
  } finally {
    monitor.kill();
  }
  return seen;
}

/** A command by name and first key (a script call's body is left out). */
function describe(command: SentCommand): string {
  const [name = '', ...rest] = command.args;
  return `${name} ${/^eval/i.test(name) ? (rest[2] ?? '') : (rest[0] ?? '')}`;
}

async function keysOf(args: string[]): Promise<string[]> {
  const [name = '', ...rest] = args;
  return (await admin.call('COMMAND', 'GETKEYS', name, ...rest).catch(() => [])) as string[];
}

it('every script call and transaction of the store touches keys of one Cluster slot', async () => {
  const sent = await watchStoreCommands(() => exerciseStore(store));
  const slotsByGroup = new Map<number, Set<number>>();
  const scriptCalls = new Set<number>();
  for (const command of sent) {
    if (/^evalsha$|^eval$/i.test(command.args[0] ?? '')) scriptCalls.add(command.group);
    const slots = slotsByGroup.get(command.group) ?? new Set<number>();
    for (const key of await keysOf(command.args)) slots.add(keySlot(key));
    slotsByGroup.set(command.group, slots);
  }
  const crossSlot = [...slotsByGroup]
    .filter(([, slots]) => slots.size > 1)
    .map(([group]) => sent.filter((c) => c.group === group).map(describe));
  expect(crossSlot).toEqual([]);
  // The walk-through really ran scripts and transactions through the monitor.
  expect(scriptCalls.size).toBeGreaterThan(10);
  expect(sent.some((c) => c.args[0]?.toLowerCase() === 'mget')).toBe(true);
});

it("every key a tenant's data is written to carries the tenant's hash tag, so they share one slot", async () => {
  await exerciseStore(store);
  await store.putMember(makeMember('UKEEP', { teamIds: [TEAM_ID] }));
  const keys = await keysWithPrefix(admin, prefix);
  const tenantTag = `{t:slack:${TENANT}}`;
  const tenantKeys = keys.filter((key) => key.includes(tenantTag));
  expect(tenantKeys.length).toBeGreaterThan(5);
  expect(tenantKeys.every((key) => key.startsWith(prefix + tenantTag))).toBe(true);
  expect(new Set(tenantKeys.map(keySlot)).size).toBe(1);
  // Every key starts its name with a hash tag right after the prefix.
  expect(keys.filter((key) => !key.slice(prefix.length).startsWith('{'))).toEqual([]);
});

it('the due index is spread over shards with slots of their own', () => {
  const slots = new Set(Array.from({ length: store.keys.shardCount }, (_, shard) => keySlot(store.keys.dueShard(shard).due)));
  expect(slots.size).toBeGreaterThan(8);
  expect(keySlot('123456789')).toBe(12739);
  expect(keySlot('foo')).toBe(12182);
  expect(keySlot('{user1000}.following')).toBe(keySlot('{user1000}.followers'));
});
