// Quiet times tried locally in the web chat: the Busy / Out of office switch, "meetings", "holidays" and "pause until",
// over real HTTP with the memory store and a fixed clock; the scheduler's due jobs are run by hand at their instants.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandReply, PromptView, StatsView } from '../../src/core/index.ts';
import { SseClient } from './web-sse-client.ts';
import { handleOne } from '../helpers/handle-one.ts';
import { startWebChatServer, type WebChatServer } from './web-server.ts';

const ADA = 'web:local:ada';
let server: WebChatServer;
let stream: SseClient | null = null;

beforeEach(async () => {
  server = await startWebChatServer('2026-11-24T08:05:00Z'); // Tuesday 09:05 in Berlin
});
afterEach(async () => {
  stream?.close();
  stream = null;
  await server.close();
});

async function post(path: string, body: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(`${server.baseUrl}/web/api/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, json: await response.json() };
}

async function command(text: string): Promise<CommandReply & { text?: string }> {
  const { status, json } = await post('command', { name: 'ada', text, timezone: 'Europe/Berlin' });
  expect(status).toBe(200);
  return json;
}

async function stats(): Promise<StatsView> {
  return (await (await fetch(`${server.baseUrl}/web/api/stats?name=ada`)).json()) as StatsView;
}

/** Signs Ada in, starts her breaks and opens her event stream. */
async function adaStarted(): Promise<SseClient> {
  expect((await post('session', { name: 'ada', timezone: 'Europe/Berlin' })).status).toBe(200);
  await command('start');
  stream = new SseClient(`${server.baseUrl}/web/api/events?name=ada`);
  await stream.ready;
  return stream;
}

/** Runs Ada's due jobs the way the scheduler does, each at its instant, until `untilIso`. */
async function runUntil(untilIso: string): Promise<void> {
  for (;;) {
    const dueAt = await server.store.getDue(ADA);
    if (dueAt === null || dueAt >= Date.parse(untilIso)) break;
    server.setTime(new Date(dueAt).toISOString());
    const next = await handleOne(server.service, ADA, dueAt);
    if (next === null) await server.store.clearDue(ADA);
    else await server.store.setDue(ADA, next);
  }
  server.setTime(untilIso);
}

const promptsOf = (s: SseClient) => s.ofType('prompt').map((e) => e.data as PromptView);

/** Waits until `n` prompts have arrived, then a moment more, so a count that is too high shows too. */
async function expectPrompts(s: SseClient, n: number): Promise<void> {
  if (n > 0) await s.waitFor((c) => (promptsOf(c).length >= n ? true : undefined));
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(promptsOf(s)).toHaveLength(n);
}

async function doneAll(s: SseClient, from = 0): Promise<void> {
  for (const prompt of promptsOf(s).slice(from)) {
    expect((await post('click', { name: 'ada', promptId: prompt.promptId, action: 'done' })).status).toBe(200);
  }
}

async function metric(name: string, reason: string): Promise<number> {
  const text = await (await fetch(`${server.baseUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes('platform="web"') && l.includes(`reason="${reason}"`));
  return line ? Number(line.split(' ').pop()) : 0;
}

describe('web chat: the Busy / Out of office switch', () => {
  it('"Busy" holds the 10:00 break until the busy half hour ends, then it arrives', async () => {
    const events = await adaStarted();
    expect((await post('away', { name: 'ada', status: 'busy' })).json).toEqual({ status: 'busy', until: Date.parse('2026-11-24T08:35:00Z') });
    await runUntil('2026-11-24T09:10:00Z');
    // Busy ended at 09:35 Berlin, before the 10:00 slot: the slot is sent on time.
    await expectPrompts(events, 1);

    server.setTime('2026-11-24T09:45:00Z'); // 10:45 Berlin: busy until 11:15, over the 11:00 slot
    await post('away', { name: 'ada', status: 'busy' });
    await runUntil('2026-11-24T10:10:00Z');
    await expectPrompts(events, 1);
    await runUntil('2026-11-24T10:20:00Z');
    await expectPrompts(events, 2);
    expect(await metric('wellness_prompts_held_total', 'meeting')).toBe(1);
  });

  it('"Out of office" gets nothing that day, and the day does not break the streak', async () => {
    const events = await adaStarted();
    await runUntil('2026-11-24T16:30:00Z'); // Tuesday: 7 prompts
    await expectPrompts(events, 7);
    await doneAll(events);
    expect((await stats()).streak).toBe(1);

    server.setTime('2026-11-25T07:00:00Z'); // Wednesday 08:00 Berlin, before work
    await post('away', { name: 'ada', status: 'out_of_office' });
    const before = promptsOf(events).length;
    await runUntil('2026-11-25T17:00:00Z');
    await expectPrompts(events, before);
    expect(await metric('wellness_prompts_skipped_total', 'out_of_office')).toBe(7);

    // Thursday: back, and the streak is still there (Wednesday is excused, not a break).
    await post('away', { name: 'ada', status: 'available' });
    server.setTime('2026-11-26T07:30:00Z');
    expect((await stats()).streak).toBe(1);
  });

  it('"meetings ignore" sends through "Busy"; "meetings hold" is the default again', async () => {
    const events = await adaStarted();
    expect((await command('meetings ignore')).text).toMatch(/even during meetings/);
    server.setTime('2026-11-24T08:45:00Z');
    await post('away', { name: 'ada', status: 'busy' });
    await runUntil('2026-11-24T09:10:00Z');
    await expectPrompts(events, 1);
    expect((await command('meetings hold')).text).toMatch(/waits until you are free/);
    expect((await stats()).meetings).toBe('hold');
    expect(await command('meetings sometimes')).toMatchObject({ kind: 'error' });
  });

  it('an unknown status is refused with a message that names the field', async () => {
    await adaStarted();
    const { status, json } = await post('away', { name: 'ada', status: 'napping' });
    expect(status).toBe(400);
    expect(json.error).toMatch(/status/);
  });
});

describe('web chat: public holidays', () => {
  it('"holidays US": no prompt on Thanksgiving (2026-11-26), and the streak spans it', async () => {
    await server.close();
    server = await startWebChatServer('2026-11-25T14:05:00Z'); // Wednesday 09:05 in New York
    expect((await post('session', { name: 'ada', timezone: 'America/New_York' })).status).toBe(200);
    const start = await command('start');
    // Suggested from the zone, never applied silently.
    expect(start.text).toMatch(/holidays US/);
    expect((await stats()).holidays).toBeNull();
    expect((await command('holidays narnia')).kind).toBe('error');
    expect((await command('holidays us')).text).toMatch(/public holidays of US/);
    stream = new SseClient(`${server.baseUrl}/web/api/events?name=ada`);
    await stream.ready;

    await runUntil('2026-11-25T21:30:00Z'); // Wednesday's prompts
    const wednesday = 7;
    await expectPrompts(stream, wednesday);
    await doneAll(stream);
    await runUntil('2026-11-26T23:00:00Z'); // Thanksgiving
    await expectPrompts(stream, wednesday);
    expect(await metric('wellness_prompts_skipped_total', 'holiday')).toBe(7);

    await runUntil('2026-11-27T15:30:00Z'); // Friday: the 10:00 prompt, done
    await expectPrompts(stream, wednesday + 1);
    await doneAll(stream, wednesday);
    expect((await stats()).streak).toBe(2);
  });
});

describe('web chat: a calendar suggested from the browser language', () => {
  it('start with locale en-GB suggests GB, and sets nothing', async () => {
    expect((await post('session', { name: 'ada', timezone: 'Europe/Berlin' })).status).toBe(200);
    const { json } = await post('command', { name: 'ada', text: 'start', timezone: 'Europe/Berlin', locale: 'en-GB' });
    expect(json.text).toMatch(/say "holidays GB"/);
    expect((await stats()).holidays).toBeNull();
    expect((await post('command', { name: 'ada', text: 'start', locale: 'x'.repeat(80) })).status).toBe(400);
  });
});

describe('web chat: pause until a date', () => {
  it('says when breaks resume, sends nothing while paused, resumes by itself, and the paused days keep the streak', async () => {
    const events = await adaStarted();
    await runUntil('2026-11-24T16:30:00Z');
    await expectPrompts(events, 7);
    await doneAll(events);
    const reply = await command('pause until 2026-11-27');
    expect(reply.text).toMatch(/Paused until Friday 27 Nov at 00:00 \(Europe\/Berlin\): breaks resume by themselves then/);
    const before = promptsOf(events).length;
    await runUntil('2026-11-26T23:00:00Z'); // Wednesday and Thursday
    await expectPrompts(events, before);
    await runUntil('2026-11-27T09:30:00Z'); // Friday 10:00 Berlin arrives
    await expectPrompts(events, before + 1);
    await doneAll(events, before);
    expect((await stats()).streak).toBe(2);
  });
});
