// Issue 10 item 1: a person sends several /breaks settings at once (without waiting for a reply), and the commands
// land on two bot instances sharing one Redis. Every setting each member sent must survive; none may overwrite another.
import { afterEach, expect, it } from 'vitest';
import { RedisStore } from '../../src/adapters/redis/index.ts';
import { BreakService, runCommand, type Member } from '../../src/core/index.ts';
import { nextDueAt } from '../../src/core/people/members.ts';
import { TestClock } from '../helpers/core-fixture.ts';
import { connectTestRedis, deleteKeysWithPrefix, randomPrefix } from '../helpers/redis.ts';

const MEMBERS = 50;
const INTERVALS = [15, 20, 30, 45, 90];
const HOURS = [['08:00', '12:00'], ['07:30', '15:30'], ['10:00', '18:00'], ['06:00', '11:00']] as const;
const DAYS = [['mon,tue', [1, 2]], ['wed-fri', [3, 4, 5]], ['sat,sun', [6, 7]], ['mon,wed,fri', [1, 3, 5]]] as const;
const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Melbourne', 'Pacific/Chatham'];

let cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups) await cleanup();
  cleanups = [];
});

/** What member i asks for: one value of each setting, different from the defaults and from its neighbours'. */
function wishesOf(i: number) {
  const [start, end] = HOURS[i % HOURS.length] as (typeof HOURS)[number];
  const [daysText, workdays] = DAYS[i % DAYS.length] as (typeof DAYS)[number];
  const interval = INTERVALS[i % INTERVALS.length] as number;
  const timezone = ZONES[i % ZONES.length] as string;
  return {
    commands: [`every ${interval}`, `hours ${start}-${end}`, `days ${daysText}`, `timezone ${timezone}`, 'band on'],
    expected: { intervalMinutes: interval, start, end, workdays: [...workdays], timezone, hasBand: true },
  };
}

it('many members each send five settings at once over two instances: every member keeps every setting it sent', { timeout: 30_000 }, async () => {
  const prefix = randomPrefix('concurrent-settings');
  const clock = new TestClock(Date.parse('2026-11-25T09:30:00Z'));
  // Two instances: each its own connection and its own service, one Redis between them.
  const instances = [0, 1].map(() => {
    const store = new RedisStore(connectTestRedis(), { prefix });
    return { store, service: new BreakService({ store, clock, spreadSeconds: 60 }) };
  });
  cleanups.push(async () => {
    const admin = connectTestRedis();
    await deleteKeysWithPrefix(admin, prefix);
    await admin.quit();
    for (const { store } of instances) await store.close();
  });
  const [first] = instances as [(typeof instances)[number]];
  const ids = Array.from({ length: MEMBERS }, (_, i) => `web:local:s${i}`);
  const ctxOf = (id: string) => ({ memberId: id, displayName: id, timezone: 'UTC' });
  for (const id of ids) await runCommand(first.service, ctxOf(id), 'start');

  // Everything at once: command k of member i goes to instance (i + k) % 2, so each member's settings are split
  // between both instances and also race each other on one instance.
  const replies = await Promise.all(
    ids.flatMap((id, i) =>
      wishesOf(i).commands.map((text, k) => runCommand((instances[(i + k) % 2] as (typeof instances)[number]).service, ctxOf(id), text)),
    ),
  );
  expect(replies.filter((reply) => reply.kind !== 'text' || !reply.text.startsWith('Saved:'))).toEqual([]);

  const lost: string[] = [];
  const staleDue: string[] = [];
  for (const [i, id] of ids.entries()) {
    const member = (await first.store.getMember(id)) as Member;
    const { expected } = wishesOf(i);
    const kept = {
      intervalMinutes: member.schedule.intervalMinutes,
      start: member.schedule.start,
      end: member.schedule.end,
      workdays: member.schedule.workdays,
      timezone: member.schedule.timezone,
      hasBand: member.hasBand,
    };
    for (const [field, value] of Object.entries(expected)) {
      if (JSON.stringify(kept[field as keyof typeof kept]) !== JSON.stringify(value)) lost.push(`${id} ${field}`);
    }
    // The due index follows the settings the member ends with, not those of a change that lost the race.
    if ((await first.store.getDue(id)) !== nextDueAt({ spreadSeconds: 60 }, member, clock.now())) staleDue.push(id);
  }
  expect(lost).toEqual([]);
  expect(staleDue).toEqual([]);
});
