// The web chat's JSON API and live event stream, over real HTTP against the memory store and a fixed clock.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClickResultView, CommandReply, PromptView, StatsView, Store } from '../../src/core/index.ts';
import { StoreUnavailableError } from '../../src/core/index.ts';
import { jobId } from '../../src/core/index.ts';
import { handleOne } from '../helpers/handle-one.ts';
import { SseClient } from './web-sse-client.ts';
import { startWebChatServer, type WebChatServer } from './web-server.ts';

// A Wednesday, 10:05 in Berlin: inside the default 09:00-17:00 window.
const WEDNESDAY_MORNING = '2026-11-25T09:05:00Z';

let server: WebChatServer;
const streams: SseClient[] = [];

beforeEach(async () => {
  server = await startWebChatServer(WEDNESDAY_MORNING);
});

afterEach(async () => {
  for (const stream of streams.splice(0)) stream.close();
  await server.close();
});

async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.headers = { 'Content-Type': 'application/json' };
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const response = await fetch(`${server.baseUrl}/web/api/${path}`, init);
  return { status: response.status, json: await response.json() };
}

const post = (path: string, body: unknown) => call('POST', path, body);
const get = (path: string) => call('GET', path);

async function openStream(name: string): Promise<SseClient> {
  const stream = new SseClient(`${server.baseUrl}/web/api/events?name=${encodeURIComponent(name)}`);
  streams.push(stream);
  await stream.ready;
  return stream;
}

async function signIn(name: string, team?: string) {
  const { status, json } = await post('session', { name, timezone: 'Europe/Berlin', ...(team ? { team } : {}) });
  expect(status).toBe(200);
  return json as { memberId: string; team: { teamId: string; name: string } | null; stats: StatsView };
}

async function command(name: string, text: string, team?: string): Promise<CommandReply> {
  const { status, json } = await post('command', { name, text, timezone: 'Europe/Berlin', ...(team ? { team } : {}) });
  expect(status).toBe(200);
  return json as CommandReply;
}

async function promptFor(name: string, team = 'Design'): Promise<PromptView> {
  const stream = await openStream(name);
  await command(name, 'now', team);
  const event = await stream.waitFor((s) => s.ofType('prompt')[0]);
  return event.data as PromptView;
}

async function click(name: string, promptId: string, action: 'done' | 'skip' | 'snooze' | 'swap', minutes?: number) {
  return post('click', { name, promptId, action, ...(minutes === undefined ? {} : { minutes }) });
}

describe('web chat sign-in', () => {
  it('signing in enrols the person under a lower-case id, joins the team and does not start breaks', async () => {
    const session = await signIn('Ada', 'Design');
    expect(session.memberId).toBe('web:local:ada');
    expect(session.team).toEqual({ teamId: 'web:local:design', name: 'Design' });
    expect(session.stats.displayName).toBe('Ada');
    expect(session.stats.active).toBe(false);
    expect(session.stats.schedule.timezone).toBe('Europe/Berlin');
  });

  it('the same name in other letter case is the same person', async () => {
    await signIn('Ada', 'Design');
    await command('Ada', 'start', 'Design');
    const again = await signIn('ADA');
    expect(again.memberId).toBe('web:local:ada');
    expect(again.stats.active).toBe(true);
  });
});

describe('web chat prompts and clicks', () => {
  it('"start" turns breaks on and "now" pushes a prompt card to the open event stream', async () => {
    await signIn('Ada', 'Design');
    const started = await command('Ada', 'start', 'Design');
    expect(started).toMatchObject({ kind: 'text' });
    expect(started.kind === 'text' && started.text).toMatch(/Breaks are on/);
    const prompt = await promptFor('Ada');
    expect(prompt.promptId).toMatch(/^web:local:/);
    expect(prompt.challenge.steps.length).toBeGreaterThan(0);
    expect(prompt.challenge.why).not.toBe('');
    expect(prompt.challenge.safety).not.toBe('');
    expect(prompt.snoozeMinutes).toEqual([10, 30, 60]);
  });

  it('Done counts the break and starts a streak of 1; a second Done says already done and adds nothing', async () => {
    await signIn('Ada', 'Design');
    await command('Ada', 'start', 'Design');
    const prompt = await promptFor('Ada');

    const first = await click('Ada', prompt.promptId, 'done');
    expect(first.status).toBe(200);
    const done = first.json as ClickResultView;
    expect(done).toMatchObject({ outcome: 'done', todayCount: 1, streak: 1, pointAwarded: true });
    expect(done.teamRank).toMatch(/1st of 1 in Design/);

    const second = await click('Ada', prompt.promptId, 'done');
    expect((second.json as ClickResultView).outcome).toBe('already-done');

    const stats = (await get('stats?name=Ada')).json as StatsView;
    expect(stats).toMatchObject({ todayCount: 1, weekPoints: 1, totalPoints: 1, streak: 1 });
    const metrics = await (await fetch(`${server.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/wellness_completions_total\{platform="web"\} 1\n/);
  });

  it('a click on the card also updates it in the member\'s other open tabs', async () => {
    await signIn('Ada', 'Design');
    const prompt = await promptFor('Ada');
    const otherTab = await openStream('Ada');
    await click('Ada', prompt.promptId, 'done');
    const update = await otherTab.waitFor((s) => s.ofType('prompt-update')[0]);
    expect(update.data).toMatchObject({ promptId: prompt.promptId, outcome: 'done' });
  });

  it('another member clicking Done on Ada\'s prompt records nothing and is told it is not theirs', async () => {
    await signIn('Ada', 'Design');
    await signIn('Bob', 'Design');
    const prompt = await promptFor('Ada');
    const foreign = await click('Bob', prompt.promptId, 'done');
    expect(foreign.status).toBe(200);
    expect(foreign.json).toMatchObject({ outcome: 'not-yours' });
    expect(((await get('stats?name=Ada')).json as StatsView).totalPoints).toBe(0);
    expect(((await get('stats?name=Bob')).json as StatsView).totalPoints).toBe(0);
  });

  it('Snooze 10 says when the break comes back; an unsupported snooze length is a 400', async () => {
    await signIn('Ada', 'Design');
    const prompt = await promptFor('Ada');
    const bad = await click('Ada', prompt.promptId, 'snooze', 15);
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatch(/10, 30, 60/);
    const snoozed = await click('Ada', prompt.promptId, 'snooze', 10);
    expect(snoozed.json).toMatchObject({ outcome: 'snoozed', snoozedUntil: Date.parse(WEDNESDAY_MORNING) + 10 * 60_000 });
  });

  it('a prompt sent while no page is open arrives as soon as one opens', async () => {
    await signIn('Ada', 'Design');
    await command('Ada', 'now', 'Design');
    const stream = await openStream('Ada');
    const event = await stream.waitFor((s) => s.ofType('prompt')[0]);
    expect((event.data as PromptView).challenge.title).not.toBe('');
  });

  it('a prompt sent after the page closed its stream waits for the next stream', async () => {
    await signIn('Ada', 'Design');
    const first = await openStream('Ada');
    first.close();
    // Let the server see the disconnect before the next prompt is sent.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await command('Ada', 'now', 'Design');
    const second = await openStream('Ada');
    await second.waitFor((s) => s.ofType('prompt')[0]);
    expect(first.ofType('prompt')).toEqual([]);
  });

  it('a team challenge reaches the team\'s started members', async () => {
    await signIn('Ada', 'Design');
    await command('Ada', 'start', 'Design');
    const stream = await openStream('Ada');
    await server.service.setTeamChallengeTime('web:local:design', '09:00');
    await handleOne(server.service, jobId({ kind: 'team', teamId: 'web:local:design' }), Date.now());
    const event = await stream.waitFor((s) => s.ofType('team-prompt')[0]);
    expect(event.data).toMatchObject({ teamId: 'web:local:design', teamName: 'Design', joinedCount: 0 });
  });
});

describe('web chat swap', () => {
  it('Swap answers with the same prompt id showing another challenge, and Done on it counts once', async () => {
    await signIn('Ada');
    const prompt = await promptFor('Ada');
    const swapped = await click('Ada', prompt.promptId, 'swap');
    expect(swapped.status).toBe(200);
    expect(swapped.json.outcome).toBe('swapped');
    expect(swapped.json.swappedTo.promptId).toBe(prompt.promptId);
    expect(swapped.json.swappedTo.challenge.id).not.toBe(prompt.challenge.id);
    expect((await click('Ada', prompt.promptId, 'done')).json.outcome).toBe('done');
    expect((await click('Ada', prompt.promptId, 'done')).json.outcome).toBe('already-done');
    expect(((await get('stats?name=Ada')).json as StatsView).totalCompletions).toBe(1);
  });
});

describe('web chat boards and settings', () => {
  it('the leaderboard lists the team with the viewer marked and the team\'s place among teams', async () => {
    await signIn('Ada', 'Design');
    await command('Ada', 'start', 'Design');
    await signIn('Bob', 'Platform');
    await command('Bob', 'start', 'Platform');
    const prompt = await promptFor('Ada');
    await click('Ada', prompt.promptId, 'done');

    const { status, json } = await get('leaderboard?name=Ada&team=Design');
    expect(status).toBe(200);
    expect(json.view.teamName).toBe('Design');
    expect(json.view.rows).toEqual([expect.objectContaining({ rank: 1, displayName: 'Ada', isViewer: true, weekPoints: 1, streak: 1 })]);
    expect(json.view.teamCount).toBe(2);
    expect(json.workspace.rows.map((row: { teamName: string }) => row.teamName).sort()).toEqual(['Design', 'Platform']);
  });

  it('saving valid settings returns the new schedule', async () => {
    await signIn('Ada');
    const { status, json } = await post('settings', {
      name: 'Ada', timezone: 'America/New_York', start: '08:30', end: '16:30', intervalMinutes: 45, workdays: [1, 2, 3, 4], hasBand: true,
    });
    expect(status).toBe(200);
    expect(json.schedule).toEqual({ timezone: 'America/New_York', start: '08:30', end: '16:30', intervalMinutes: 45, workdays: [1, 2, 3, 4] });
    expect(json.hasBand).toBe(true);
  });

  it('settings carry what to avoid; an unknown tag is a 400 that changes nothing', async () => {
    await signIn('Ada');
    const body = { name: 'Ada', timezone: 'Europe/Berlin', start: '09:00', end: '17:00', intervalMinutes: 60, workdays: [1, 2, 3, 4, 5], hasBand: false };
    expect((await post('settings', { ...body, avoidTags: ['stairs', 'balance'] })).json.avoidTags).toEqual(['stairs', 'balance']);
    const bad = await post('settings', { ...body, avoidTags: ['skydiving'] });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatch(/avoidTags/);
    expect(((await get('stats?name=Ada')).json as StatsView).avoidTags).toEqual(['stairs', 'balance']);
  });

  it('settings the schedule rules reject come back as a 400 with a readable reason and change nothing', async () => {
    await signIn('Ada');
    const { status, json } = await post('settings', {
      name: 'Ada', timezone: 'Europe/Berlin', start: '17:00', end: '09:00', intervalMinutes: 60, workdays: [1, 2, 3, 4, 5], hasBand: false,
    });
    expect(status).toBe(400);
    expect(json.error).toMatch(/end after it starts/);
    const stats = (await get('stats?name=Ada')).json as StatsView;
    expect(stats.schedule.start).toBe('09:00');
  });

  it('"forget me" deletes the member: stats and the leaderboard answer 409 afterwards', async () => {
    await signIn('Ada', 'Design');
    await command('Ada', 'start', 'Design');
    const forgotten = await post('forget', { name: 'Ada' });
    expect(forgotten).toEqual({ status: 200, json: { forgotten: true } });
    const stats = await get('stats?name=Ada');
    expect(stats.status).toBe(409);
    expect(stats.json.error).toMatch(/not started/);
    expect((await get('leaderboard?name=Ada&team=Design')).status).toBe(409);
  });

  it('typed "forget-me" only asks; "forget-me confirm" deletes', async () => {
    await signIn('Ada', 'Design');
    await command('Ada', 'start', 'Design');
    const asked = await command('Ada', 'forget-me', 'Design');
    expect(asked).toMatchObject({ kind: 'forget-confirm', memberId: 'web:local:ada' });
    expect((await get('stats?name=Ada')).status).toBe(200);
    expect(await command('Ada', 'forget-me confirm', 'Design')).toMatchObject({ kind: 'text', text: expect.stringMatching(/deleted/) });
    expect((await get('stats?name=Ada')).status).toBe(409);
  });
});

describe('web chat input checking', () => {
  it.each([
    ['a body that is not JSON', 'session', '{"name": ', /not valid JSON/],
    ['a body that is a list', 'session', [], /JSON object/],
    ['a missing name', 'session', { team: 'Design' }, /^name is required/],
    ['a name with markup', 'session', { name: '<script>' }, /^name: use 1 to 40 letters/],
    ['a name that is too long', 'session', { name: 'a'.repeat(41) }, /^name: /],
    ['a name of only dots', 'session', { name: '...' }, /^name: needs at least one letter or digit/],
    ['an unknown time zone', 'session', { name: 'Ada', timezone: 'Mars/Olympus' }, /^timezone: not a known IANA time zone/],
    ['a command without text', 'command', { name: 'Ada' }, /^text is required/],
    ['an unknown click action', 'click', { name: 'Ada', promptId: 'web:local:p1', action: 'jump' }, /^action must be done, skip, snooze or swap/],
    ['a snooze without minutes', 'click', { name: 'Ada', promptId: 'web:local:p1', action: 'snooze' }, /^minutes is required to snooze/],
    ['settings with a text interval', 'settings', { name: 'Ada', timezone: 'UTC', start: '09:00', end: '17:00', intervalMinutes: '60', workdays: [1], hasBand: false }, /^intervalMinutes must be a number/],
    ['settings without workdays', 'settings', { name: 'Ada', timezone: 'UTC', start: '09:00', end: '17:00', intervalMinutes: 60, hasBand: false }, /^workdays must be a list/],
  ])('%s is a 400 that names the field', async (_label, path, body, message) => {
    const { status, json } = await post(path, body);
    expect(status).toBe(400);
    expect(json.error).toMatch(message);
  });

  it('a query without a name is a 400 that names the field', async () => {
    for (const path of ['stats', 'leaderboard', 'events']) {
      const { status, json } = await get(path);
      expect(status).toBe(400);
      expect(json.error).toMatch(/^name is required/);
    }
  });

  it('an unknown API path is a JSON 404', async () => {
    const { status, json } = await get('nope');
    expect(status).toBe(404);
    expect(json.error).toMatch(/no such/);
  });
});

describe('web chat when the store is down', () => {
  it('answers 503 with a try-again message', async () => {
    await server.close();
    let down = false;
    const failWhenDown = (store: Store): Store =>
      new Proxy(store, {
        get(target, property, receiver) {
          const value = Reflect.get(target, property, receiver);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            if (down) return Promise.reject(new StoreUnavailableError());
            return value.apply(target, args);
          };
        },
      });
    server = await startWebChatServer(WEDNESDAY_MORNING, { wrapStore: failWhenDown });
    await signIn('Ada');
    down = true;
    for (const [status, json] of [await get('stats?name=Ada'), await post('command', { name: 'Ada', text: 'start' })].map((r) => [r.status, r.json])) {
      expect(status).toBe(503);
      expect(json.error).toMatch(/try again/);
    }
  });
});

describe('web chat page', () => {
  it('serves the chat page at / with a content security policy, and its script', async () => {
    const page = await fetch(`${server.baseUrl}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(await page.text()).toMatch(/<title>Desk breaks<\/title>/);
    const script = await fetch(`${server.baseUrl}/app.js`);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
  });
});
