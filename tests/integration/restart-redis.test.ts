// With REDIS_URL set, a restart loses nothing: a second process (here a second bot on the same prefix) sees the
// member, their schedule, their streak and the team board exactly as the first one left them.
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createBot, type Bot } from '../../src/bot.ts';
import { loadConfig } from '../../src/config.ts';
import { TEST_REDIS_URL, connectTestRedis, deleteKeysWithPrefix, randomPrefix } from '../helpers/redis.ts';

const prefix = randomPrefix('restart');
const bots: Bot[] = [];

afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.close();
  const redis = connectTestRedis();
  await deleteKeysWithPrefix(redis, prefix);
  await redis.quit();
});

async function startBot(): Promise<{ bot: Bot; base: string }> {
  const config = loadConfig({ REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, PORT: '0', HOST: '127.0.0.1', SCHEDULER_ENABLED: 'false' });
  const bot = await createBot(config, pino({ level: 'silent' }), { defaultMetrics: false });
  bots.push(bot);
  const { port } = await bot.listen();
  return { bot, base: `http://127.0.0.1:${port}` };
}

async function post(base: string, path: string, body: unknown): Promise<any> {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  return res.json();
}

describe('restart on Redis', () => {
  it('keeps the member, their settings, streak and team board across a restart', async () => {
    const first = await startBot();
    await post(first.base, '/web/api/session', { name: 'Grace', team: 'Platform', timezone: 'Asia/Kolkata' });
    await post(first.base, '/web/api/command', { name: 'Grace', text: 'start' });
    await post(first.base, '/web/api/command', { name: 'Grace', text: 'every 45' });
    const member = await first.bot.service.getMember('web:local:grace');
    const { prompt } = await first.bot.service.promptNow('web:local:grace');
    const done = await post(first.base, '/web/api/click', { name: 'Grace', promptId: prompt.id, action: 'done' });
    expect(done.outcome).toBe('done');
    const due = await first.bot.store.getDue('web:local:grace');
    await first.bot.close();
    bots.length = 0;

    const second = await startBot();
    const stats = await (await fetch(`${second.base}/web/api/stats?name=Grace`)).json();
    expect(stats).toMatchObject({ active: true, streak: 1, totalPoints: 1, schedule: { timezone: 'Asia/Kolkata', intervalMinutes: 45 } });
    expect(await second.bot.store.getDue('web:local:grace')).toBe(due);
    expect((await second.bot.service.getMember('web:local:grace'))?.createdAt).toBe(member?.createdAt);
    const again = await post(second.base, '/web/api/click', { name: 'Grace', promptId: prompt.id, action: 'done' });
    expect(again.outcome).toBe('already-done');
    const board = await second.bot.service.leaderboard('web:local:platform', null);
    expect(board.rows.map((r) => [r.displayName, r.streak, r.weekPoints])).toEqual([['Grace', 1, 1]]);
  });
});
