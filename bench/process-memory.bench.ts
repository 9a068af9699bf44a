// Memory with 100k members: Redis bytes per enrolled member (target < 1 KiB) and the RSS and heap of a bot process.
// The bot runs in a child process (this file with --bot): the whole composition from createBot (HTTP app, metrics,
// scheduler, Redis store) with a no-op Slack messenger and a clock the parent sets. The parent enrols the members
// straight into the bot's Redis prefix, so the bot's figures show what it holds itself: it keeps no per-member state,
// which is why its RSS is reported before enrolment, after it, and after scheduler ticks that prompt 1,700 members.
// Run: npx tsx bench/process-memory.bench.ts   (REDIS_URL overrides redis://127.0.0.1:6379)
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Redis } from 'ioredis';
import { CHALLENGES, type Member } from '../src/core/index.ts';
import { REDIS_URL, freshRedisStore, machine, noopMessenger, usedMemory } from './support.ts';

const MEMBERS = 100_000;
const DUE = 1_700;
const HOUR = 3600_000;
const TICKS = 5;
const IN_FLIGHT = 200;
const TIMEZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Europe/London', 'Australia/Sydney'];
const NAMES = ['Alex Morgan', 'Priya Raman', 'Jonas Weber', 'Mei Lin', 'Sam O’Neill', 'Fatima Zahra', 'Lucas Silva'];
// Wednesday 10:00:30 Berlin: the 10:00 slot has just passed.
const NOW = Date.parse('2026-11-25T09:00:30Z');
const SLOT = Date.parse('2026-11-25T09:00:00Z');

type ToBot = { kind: 'memory' } | { kind: 'tick'; at: number } | { kind: 'close' };
type FromBot = { kind: 'ready'; bare: NodeJS.MemoryUsage } | { kind: 'memory'; usage: NodeJS.MemoryUsage } | { kind: 'tick'; committed: number } | { kind: 'closed' };

/** Collects garbage first, so heap figures are what is live rather than what is waiting to be swept. */
function measuredUsage(): NodeJS.MemoryUsage {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage();
}

// ---- the bot process

async function runBot(): Promise<void> {
  const send = (message: FromBot) => process.send?.(message);
  const bare = measuredUsage();
  const [{ loadConfig }, { createBot }, { pino }] = await Promise.all([import('../src/config.ts'), import('../src/bot.ts'), import('pino')]);
  let now = NOW;
  const config = loadConfig({ ...process.env, SCHEDULER_ENABLED: 'false', WEB_CHAT_ENABLED: 'false', LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0', PROMPT_SPREAD_SECONDS: '0' });
  const bot = await createBot(config, pino({ level: 'silent' }), { clock: { now: () => now } });
  bot.service.registerMessenger(noopMessenger);
  await bot.listen();
  process.on('message', (message: ToBot) => {
    if (message.kind === 'memory') send({ kind: 'memory', usage: measuredUsage() });
    else if (message.kind === 'tick') {
      now = message.at;
      void bot.scheduler.tickOnce().then((result) => send({ kind: 'tick', committed: result.committed }));
    } else void bot.close().then(() => process.send?.({ kind: 'closed' } satisfies FromBot, () => process.exit(0)));
  });
  send({ kind: 'ready', bare });
}

// ---- the parent: enrols, asks the bot for figures

/** Sends `message` (if any) and waits for the bot's answer of kind `reply`. */
function ask<K extends FromBot['kind']>(bot: ChildProcess, message: ToBot | null, reply: K): Promise<Extract<FromBot, { kind: K }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (answer: FromBot) => {
      if (answer.kind !== reply) return;
      bot.off('message', onMessage).off('exit', onExit);
      resolve(answer as Extract<FromBot, { kind: K }>);
    };
    const onExit = (code: number | null) => reject(new Error(`the bot process exited (${code}) before it sent ${reply}`));
    bot.on('message', onMessage).on('exit', onExit);
    if (message) bot.send(message);
  });
}

/** A member some weeks in: one team, the last ten challenges, two past pauses, a DM channel; the due ones in Berlin. */
function typicalMember(i: number): Member {
  const tenantId = `T${String(i % 50).padStart(10, '0')}`;
  return {
    id: `slack:${tenantId}:U${i.toString(16).toUpperCase().padStart(10, '0')}`,
    platform: 'slack',
    tenantId,
    displayName: NAMES[i % NAMES.length]!,
    schedule: { timezone: i < DUE ? 'Europe/Berlin' : TIMEZONES[i % TIMEZONES.length]!, workdays: [1, 2, 3, 4, 5], start: '09:00', end: '17:00', intervalMinutes: 60 },
    hasBand: i % 4 === 0,
    avoidTags: [],
    active: true,
    pausedUntil: null,
    inactiveSpans: [
      { from: NOW - 20 * 86_400_000, to: NOW - 18 * 86_400_000 },
      { from: NOW - 5 * 86_400_000, to: NOW - 4 * 86_400_000 },
    ],
    teamIds: [`slack:${tenantId}:C${String(i % 40).padStart(10, '0')}`],
    recentChallengeIds: Array.from({ length: 10 }, (_, k) => CHALLENGES[(i + k) % CHALLENGES.length]!.id),
    snoozedPromptId: null,
    snoozeUntil: null,
    meetings: 'hold',
    holidays: null,
    address: { channel: `D${i.toString(16).toUpperCase().padStart(10, '0')}` },
    createdAt: NOW - 30 * 86_400_000,
  };
}

/** Waits until Redis has freed what an earlier UNLINK handed to its background thread, so the delta starts clean. */
async function settle(redis: Redis): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    if (/lazyfree_pending_objects:0\b/.test(await redis.info('memory'))) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Sums MEMORY USAGE (SAMPLES 0) of every key under `prefix` by the kind letter after its hash tag. */
async function bytesByKind(redis: Redis, prefix: string): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 2000);
    cursor = next;
    const pipeline = redis.pipeline();
    for (const key of keys) pipeline.memory('USAGE', key, 'SAMPLES', 0);
    const replies = (await pipeline.exec()) ?? [];
    keys.forEach((key, i) => {
      const kind = /}:([a-z]+)/.exec(key)?.[1] ?? 'other';
      totals.set(kind, (totals.get(kind) ?? 0) + Number(replies[i]?.[1] ?? 0));
    });
  } while (cursor !== '0');
  return totals;
}

const KIND_NAMES: Record<string, string> = {
  m: 'member record',
  due: 'due entry',
  r: 'team roster entry',
  p: 'prompt record',
  s: 'send marker',
  mp: "member's prompt list",
  a: 'activity counters',
  tt: 'team totals',
};
const kindName = (kind: string) => KIND_NAMES[kind] ?? `"${kind}" keys`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const usageLine = (label: string, usage: NodeJS.MemoryUsage) =>
  `    ${label.padEnd(44)} RSS ${mib(usage.rss).padStart(9)}   heap used ${mib(usage.heapUsed).padStart(8)}   heap total ${mib(usage.heapTotal).padStart(8)}   external ${mib(usage.external).padStart(8)}`;

/** A plain node process's figures: tsx's loader thread is part of every figure of the bot below, not of production. */
function bareNode(): NodeJS.MemoryUsage {
  const run = spawnSync(process.execPath, ['--expose-gc', '-e', 'gc(); process.stdout.write(JSON.stringify(process.memoryUsage()))'], { encoding: 'utf8' });
  return JSON.parse(run.stdout) as NodeJS.MemoryUsage;
}

async function runParent(): Promise<void> {
  const bench = await freshRedisStore();
  let bot: ChildProcess | null = null;
  try {
    bot = fork(import.meta.filename, ['--bot'], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, REDIS_URL, REDIS_PREFIX: bench.prefix },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const { bare } = await ask(bot, null, 'ready');
    const idle = (await ask(bot, { kind: 'memory' }, 'memory')).usage;

    await settle(bench.redis);
    const redisBefore = await usedMemory(bench.redis);
    const started = performance.now();
    for (let start = 0; start < MEMBERS; start += IN_FLIGHT) {
      const batch = [];
      for (let i = start; i < Math.min(MEMBERS, start + IN_FLIGHT); i += 1) {
        const member = typicalMember(i);
        // What start() writes for a member in one team: the record, the roster entry, the due entry.
        const dueAt = i < DUE ? SLOT : SLOT + 7 * HOUR + Math.floor((i * HOUR) / MEMBERS);
        batch.push(Promise.all([bench.store.putMember(member), bench.store.addTeamMember(member.teamIds[0]!, member.id), bench.store.setDue(member.id, dueAt)]));
      }
      await Promise.all(batch);
    }
    const enrolSeconds = (performance.now() - started) / 1000;
    const redisEnrolled = await usedMemory(bench.redis);
    const enrolledKinds = await bytesByKind(bench.redis, bench.prefix);
    const enrolled = (await ask(bot, { kind: 'memory' }, 'memory')).usage;

    const afterTicks: NodeJS.MemoryUsage[] = [];
    for (let t = 0; t < TICKS; t += 1) {
      const { committed } = await ask(bot, { kind: 'tick', at: NOW + t * HOUR }, 'tick');
      if (committed !== DUE) throw new Error(`tick ${t + 1} committed ${committed}, expected ${DUE}`);
      afterTicks.push((await ask(bot, { kind: 'memory' }, 'memory')).usage);
    }
    const tickedKinds = await bytesByKind(bench.redis, bench.prefix);
    await ask(bot, { kind: 'close' }, 'closed');

    const perMember = (redisEnrolled - redisBefore) / MEMBERS;
    const storedPerMember = [...enrolledKinds.values()].reduce((sum, n) => sum + n, 0) / MEMBERS;
    console.log(`memory with ${MEMBERS} members (${machine()})`);
    console.log(`  Redis, typical member (one team, ten recent challenges, two past pauses, DM channel), enrolled in ${enrolSeconds.toFixed(1)} s`);
    console.log(`    INFO used_memory after enrolment minus before: ${perMember.toFixed(0)} B per member (target < 1024)`);
    console.log(`    MEMORY USAGE of the keys written:              ${storedPerMember.toFixed(0)} B per member`);
    for (const [kind, bytes] of enrolledKinds) console.log(`      ${kindName(kind).padEnd(20)} ${(bytes / MEMBERS).toFixed(0)} B`);
    const grownKinds = [...tickedKinds].map(([kind, bytes]) => [kind, bytes - (enrolledKinds.get(kind) ?? 0)] as const).filter(([, grown]) => grown > 0);
    const grownTotal = grownKinds.reduce((sum, [, grown]) => sum + grown, 0);
    console.log(`    each prompt sent adds ${(grownTotal / (TICKS * DUE)).toFixed(0)} B until it expires (prompts live 8 days, send markers 2; MEMORY USAGE over ${TICKS} ticks)`);
    for (const [kind, grown] of grownKinds) console.log(`      ${kindName(kind).padEnd(20)} +${(grown / (TICKS * DUE)).toFixed(0)} B`);
    console.log('  bot process (createBot with Redis, no-op Slack messenger), after a full GC');
    console.log(usageLine('node alone, no tsx (production: node dist/)', bareNode()));
    console.log(usageLine('node + tsx loader, before the bot is imported', bare));
    console.log(usageLine('bot listening, nothing enrolled', idle));
    console.log(usageLine(`${MEMBERS} members enrolled (by another process)`, enrolled));
    afterTicks.forEach((usage, t) => console.log(usageLine(`after tick ${t + 1} (${DUE} prompted)`, usage)));
    console.log(`    RSS change from nothing enrolled to ${TICKS} ticks later: ${mib(afterTicks[afterTicks.length - 1]!.rss - idle.rss)}`);
  } finally {
    if (bot && bot.exitCode === null) bot.kill();
    await bench.cleanup();
  }
}

if (process.argv.includes('--bot')) await runBot();
else await runParent();
