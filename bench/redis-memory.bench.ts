// Redis memory per enrolled member: enrols 100k realistic members through the store (record + due entry) under a
// fresh prefix on the local Redis, compares INFO used_memory before and after, then deletes its keys.
// Run: npx tsx bench/redis-memory.bench.ts   (REDIS_URL overrides redis://127.0.0.1:6379)
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisStore } from '../src/adapters/redis/index.ts';
import { CHALLENGES, type Member } from '../src/core/index.ts';

const MEMBERS = 100_000;
const IN_FLIGHT = 2_000;
const WORKSPACES = 50;
const TIMEZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Europe/London', 'Australia/Sydney'];
const NAMES = ['Alex Morgan', 'Priya Raman', 'Jonas Weber', 'Mei Lin', 'Sam O’Neill', 'Fatima Zahra', 'Lucas Silva'];
const url = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

function slackId(letter: string, length: number): string {
  return letter + randomBytes(length).toString('hex').toUpperCase().slice(0, length);
}

/** A member some weeks in: started, one team, a few pauses behind them, the last ten challenges remembered. */
function typicalMember(i: number, workspaces: string[], now: number): Member {
  const tenantId = workspaces[i % workspaces.length]!;
  const userId = slackId('U', 10);
  return {
    id: `slack:${tenantId}:${userId}`,
    platform: 'slack',
    tenantId,
    displayName: NAMES[i % NAMES.length]!,
    schedule: { timezone: TIMEZONES[i % TIMEZONES.length]!, workdays: [1, 2, 3, 4, 5], start: '09:00', end: '17:00', intervalMinutes: 60 },
    hasBand: i % 4 === 0,
    avoidTags: [],
    active: true,
    pausedUntil: null,
    inactiveSpans: [
      { from: now - 20 * 86_400_000, to: now - 18 * 86_400_000 },
      { from: now - 5 * 86_400_000, to: now - 4 * 86_400_000 },
    ],
    teamIds: [`slack:${tenantId}:C${(i % 40).toString().padStart(9, '0')}`],
    recentChallengeIds: Array.from({ length: 10 }, (_, k) => CHALLENGES[(i + k) % CHALLENGES.length]!.id),
    snoozedPromptId: null,
    snoozeUntil: null,
    meetings: 'hold',
    holidays: null,
    address: { channel: slackId('D', 10) },
    createdAt: now - 30 * 86_400_000,
  };
}

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1]);
}

async function inBatches<T>(items: T[], work: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += IN_FLIGHT) await Promise.all(items.slice(i, i + IN_FLIGHT).map(work));
}

async function deletePrefix(redis: Redis, prefix: string): Promise<number> {
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 2000);
    if (keys.length > 0) deleted += await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}

async function main(): Promise<void> {
  const prefix = `bench:${randomBytes(6).toString('hex')}:`;
  const admin = new Redis(url);
  const store = new RedisStore(new Redis(url), { prefix });
  const now = Date.now();
  const workspaces = Array.from({ length: WORKSPACES }, () => slackId('T', 10));
  const members = Array.from({ length: MEMBERS }, (_, i) => typicalMember(i, workspaces, now));
  const started = Date.now();
  try {
    const before = await usedMemory(admin);
    await inBatches(members, (member) => store.putMember(member));
    const afterRecords = await usedMemory(admin);
    await inBatches(members, (member) => store.setDue(member.id, now + Math.floor(Math.random() * 8 * 3600_000)));
    const afterDue = await usedMemory(admin);
    const perMember = (bytes: number) => (bytes / MEMBERS).toFixed(0);
    console.log(`members enrolled:          ${MEMBERS} in ${WORKSPACES} workspaces (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    console.log(`member record, bytes each: ${perMember(afterRecords - before)}`);
    console.log(`due entry, bytes each:     ${perMember(afterDue - afterRecords)}`);
    console.log(`total, bytes per member:   ${perMember(afterDue - before)}`);
    console.log(`used_memory before/after:  ${before} / ${afterDue}`);
  } finally {
    const deleted = await deletePrefix(admin, prefix);
    console.log(`deleted ${deleted} keys under ${prefix}`);
    await store.close();
    await admin.quit();
  }
}

await main();
