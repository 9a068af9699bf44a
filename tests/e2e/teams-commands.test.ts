// The command words as plain Teams messages, the settings card and its validation, over HTTP.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectorCall } from '../helpers/fake-connector.ts';
import { cardProblems } from '../helpers/adaptive-card-check.ts';
import { cardOf, cardText, startTeamsHarness, teamsUser, type TeamsHarness } from './teams-harness.ts';

const ada = teamsUser('Ada');

describe('Teams commands', () => {
  let h: TeamsHarness;
  beforeEach(async () => {
    h = await startTeamsHarness();
    await h.post(h.install(ada));
    h.connector.reset();
  });
  afterEach(async () => {
    await h.close();
  });

  /** Sends a message and returns what the bot posted in reply. */
  async function say(text: string, fields: Record<string, unknown> = {}): Promise<ConnectorCall[]> {
    h.connector.reset();
    const response = await h.post(h.message(ada, text, fields));
    expect(response.status).toBe(200);
    return [...h.connector.sent()];
  }

  const textOf = (calls: ConnectorCall[]) => calls.map((c) => (typeof c.body['text'] === 'string' ? c.body['text'] : cardText(cardOf(c.body)))).join('\n');

  it('start, hours, every, days, timezone, pause and stop work as plain messages', async () => {
    expect(textOf(await say('start'))).toMatch(/Breaks are on: Mon-Fri, 09:00-17:00, every 60 minutes, Europe\/Berlin/);
    expect(textOf(await say('hours 08:30-16:30'))).toMatch(/08:30-16:30/);
    expect(textOf(await say('every 45'))).toMatch(/every 45 minutes/);
    expect(textOf(await say('days mon,tue,thu'))).toMatch(/Mon, Tue, Thu/);
    expect(textOf(await say('timezone America/New_York'))).toMatch(/America\/New_York/);
    expect(textOf(await say('pause 2h'))).toMatch(/Paused until/);
    expect((await h.bot.service.getMember(ada.memberId))?.pausedUntil).toBe(Date.parse('2026-03-02T09:00:00Z'));
    expect(textOf(await say('stop'))).toMatch(/Breaks are off/);
    expect(await h.bot.service.getMember(ada.memberId)).toMatchObject({
      active: false,
      schedule: { start: '08:30', end: '16:30', intervalMinutes: 45, workdays: [1, 2, 4], timezone: 'America/New_York' },
    });
  });

  it('start suggests a holiday calendar from the client\'s locale, never sets one; meetings and holidays are words too', async () => {
    expect(textOf(await say('start', { locale: 'en-AU', localTimezone: 'Australia/Melbourne' }))).toMatch(/say "holidays AU-VIC"/);
    expect((await h.bot.service.getMember(ada.memberId))?.holidays).toBeNull();
    expect(textOf(await say('holidays gb'))).toMatch(/public holidays of GB/);
    expect(textOf(await say('meetings ignore'))).toMatch(/even during meetings/);
    expect(await h.bot.service.getMember(ada.memberId)).toMatchObject({ holidays: 'GB', meetings: 'ignore' });
  });

  it('a bad argument is answered with what to type instead, and changes nothing', async () => {
    await say('start');
    expect(textOf(await say('every 5'))).toMatch(/from 15 to 240/);
    expect((await h.bot.service.getMember(ada.memberId))?.schedule.intervalMinutes).toBe(60);
  });

  it('now sends a break card right away and says so', async () => {
    const calls = await say('now');
    const card = calls.map((c) => cardOf(c.body)).find((c) => c !== null);
    expect(cardProblems(card)).toEqual([]);
    expect(cardText(card)).toMatch(/Desk break/);
    expect(textOf(calls)).toMatch(/Here is a break for right now/);
  });

  it('an unknown word gets the help card naming it', async () => {
    const calls = await say('dance');
    const card = cardOf(calls[0]?.body);
    expect(cardProblems(card)).toEqual([]);
    expect(cardText(card)).toMatch(/I did not understand "dance"/);
    expect(cardText(card)).toMatch(/forget-me/);
  });

  it('stats and leaderboard answer with cards', async () => {
    await say('start');
    const stats = cardOf((await say('stats'))[0]?.body);
    expect(cardProblems(stats)).toEqual([]);
    expect(cardText(stats)).toMatch(/Stats for Ada/);
    expect(cardText(stats)).toMatch(/Mon-Fri, 09:00-17:00, every 60 min/);
    const board = cardOf((await say('leaderboard'))[0]?.body);
    expect(cardProblems(board)).toEqual([]);
    expect(cardText(board)).toMatch(/not in a team yet/);
  });

  it('settings answers a card with inputs holding the current values', async () => {
    await say('start');
    const card = cardOf((await say('settings'))[0]?.body);
    expect(cardProblems(card)).toEqual([]);
    const inputs = (card?.['body'] as Array<Record<string, unknown>>).filter((e) => String(e['type']).startsWith('Input.'));
    expect(inputs.map((i) => [i['type'], i['id'], i['value']])).toEqual([
      ['Input.Time', 'start', '09:00'],
      ['Input.Time', 'end', '17:00'],
      ['Input.Number', 'interval', 60],
      ['Input.ChoiceSet', 'days', '1,2,3,4,5'],
      ['Input.Text', 'timezone', 'Europe/Berlin'],
      ['Input.Toggle', 'band', 'false'],
      ['Input.ChoiceSet', 'avoid', ''],
      ['Input.ChoiceSet', 'meetings', 'hold'],
      ['Input.Text', 'holidays', ''],
    ]);
  });

  it('a settings submission with mistakes shows every error on the form and saves nothing', async () => {
    await say('start');
    h.connector.reset();
    const form = { verb: 'settings_save', start: '17:00', end: '09:00', interval: '5', days: '', timezone: 'Mars/Base', band: 'false' };
    await h.post(h.submit(ada, form, 'settings-card-1'));
    const update = await h.connector.waitFor((call) => call.method === 'PUT');
    expect(update.activityId).toBe('settings-card-1');
    const card = cardOf(update.body);
    expect(cardProblems(card)).toEqual([]);
    const text = cardText(card);
    expect(text).toMatch(/end after it starts/);
    expect(text).toMatch(/from 15 to 240/);
    expect(text).toMatch(/Mars\/Base/);
    expect(text).toMatch(/at least one workday/);
    expect((await h.bot.service.getMember(ada.memberId))?.schedule).toMatchObject({ start: '09:00', intervalMinutes: 60 });
  });

  it('a good settings submission saves them and replaces the form with a summary', async () => {
    await say('start');
    h.connector.reset();
    const form = { verb: 'settings_save', start: '08:00', end: '16:00', interval: '30', days: '1,3,5', timezone: 'europe/london', band: 'true' };
    await h.post(h.submit(ada, form, 'settings-card-1'));
    const update = await h.connector.waitFor((call) => call.method === 'PUT');
    expect(cardText(cardOf(update.body))).toMatch(/Settings saved[\s\S]*Mon, Wed, Fri, 08:00-16:00, every 30 minutes, Europe\/London, with a resistance band/);
    expect(await h.bot.service.getMember(ada.memberId)).toMatchObject({
      hasBand: true,
      schedule: { start: '08:00', end: '16:00', intervalMinutes: 30, workdays: [1, 3, 5], timezone: 'Europe/London' },
    });
  });

  it('forget-me says what it would delete on a card with a forget_confirm action, and deletes nothing yet', async () => {
    await say('start');
    const calls = await say('forget-me');
    const card = calls.map((c) => cardOf(c.body)).find((c) => c !== null);
    expect(cardProblems(card)).toEqual([]);
    expect(cardText(card)).toMatch(/This deletes everything the bot knows about you/);
    const action = (card?.['actions'] as Array<Record<string, unknown>>)[0];
    expect(action).toMatchObject({ type: 'Action.Execute', verb: 'forget_confirm', data: { memberId: ada.memberId } });
    expect(action?.['fallback']).toMatchObject({ type: 'Action.Submit', data: { verb: 'forget_confirm', memberId: ada.memberId } });
    expect((await h.bot.service.getMember(ada.memberId))?.active).toBe(true);
  });

  it('the forget_confirm action (Execute or its Submit fallback) deletes the clicker, and only with their own id', async () => {
    await say('start');
    const bob = teamsUser('Bob');
    await h.post(h.message(bob, 'start'));
    const refused = await h.post(h.execute(bob, 'forget_confirm', { memberId: ada.memberId }));
    expect(JSON.stringify(refused.body)).toMatch(/only delete your own/);
    expect(await h.bot.service.getMember(ada.memberId)).not.toBeNull();

    const done = await h.post(h.execute(ada, 'forget_confirm', { memberId: ada.memberId }));
    expect(done.status).toBe(200);
    expect(cardText((done.body as { value?: unknown }).value)).toMatch(/everything the bot knew about you is deleted/);
    expect(await h.bot.service.getMember(ada.memberId)).toBeNull();

    h.connector.reset();
    await h.post(h.submit(bob, { verb: 'forget_confirm', memberId: bob.memberId }));
    expect(await h.bot.service.getMember(bob.memberId)).toBeNull();
    expect(textOf([...h.connector.sent()])).toMatch(/everything the bot knew about you is deleted/);
  });

  it('forget-me confirm typed deletes at once', async () => {
    await say('start');
    expect(textOf(await say('forget-me confirm'))).toMatch(/everything the bot knew about you is deleted/);
    expect(await h.bot.service.getMember(ada.memberId)).toBeNull();
  });
});
