// Install, welcome, Start from the welcome card, and uninstall, over HTTP against a fake Bot Connector.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardProblems } from '../helpers/adaptive-card-check.ts';
import { actionsOf, cardOf, cardText, startTeamsHarness, teamsChannel, teamsUser, type TeamsHarness } from './teams-harness.ts';

const ada = teamsUser('Ada');

describe('Teams install and uninstall', () => {
  let h: TeamsHarness;
  beforeEach(async () => {
    h = await startTeamsHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('a personal install greets with a welcome card that has a Start button, and keeps the conversation reference', async () => {
    const response = await h.post(h.install(ada));
    expect(response.status).toBe(200);
    const welcome = await h.connector.waitFor((call) => call.conversationId === ada.conversationId && call.method === 'POST');
    const card = cardOf(welcome.body);
    expect(cardProblems(card)).toEqual([]);
    expect(cardText(card)).toMatch(/Desk breaks/);
    expect(actionsOf(card)).toContainEqual(expect.objectContaining({ type: 'Action.Submit', title: 'Start breaks', data: { verb: 'command', command: 'start' } }));
    const stored = await h.bot.store.getRecord('teams-conversation', ada.memberId);
    expect(JSON.parse(stored ?? '{}')).toMatchObject({ serviceUrl: h.connector.serviceUrl, conversation: { id: ada.conversationId } });
  });

  it('the conversationUpdate Teams sends alongside the install does not greet a second time', async () => {
    await h.post(h.install(ada));
    await h.post(h.personal(ada, { type: 'conversationUpdate', membersAdded: [{ id: '28:desk-breaks-bot' }] }));
    expect(h.connector.sent()).toHaveLength(1);
  });

  it('nobody is enrolled or prompted by installing: only Start turns breaks on, in the zone Teams reports', async () => {
    await h.post(h.install(ada));
    expect(await h.bot.service.getMember(ada.memberId)).toBeNull();
    const response = await h.post(h.submit(ada, { verb: 'command', command: 'start' }, 'welcome-activity'));
    expect(response.status).toBe(200);
    const reply = await h.connector.waitFor((call) => typeof call.body['text'] === 'string');
    expect(reply.body['text']).toMatch(/Breaks are on: Mon-Fri, 09:00-17:00, every 60 minutes, Europe\/Berlin/);
    const member = await h.bot.service.getMember(ada.memberId);
    expect(member).toMatchObject({ active: true, displayName: 'Ada', schedule: { timezone: 'Europe/Berlin' } });
  });

  it('takes the time zone from the clientInfo entity when the activity has no localTimezone', async () => {
    await h.post(h.message(ada, 'start', { localTimezone: undefined, entities: [{ type: 'clientInfo', locale: 'en-US', timezone: 'America/New_York' }] }));
    expect((await h.bot.service.getMember(ada.memberId))?.schedule.timezone).toBe('America/New_York');
  });

  it('uninstalling drops the conversation reference and stops breaks; nothing is sent there afterwards', async () => {
    await h.post(h.install(ada));
    await h.post(h.message(ada, 'start'));
    h.connector.reset();
    const response = await h.post(h.personal(ada, { type: 'installationUpdate', action: 'remove' }));
    expect(response.status).toBe(200);
    expect(await h.bot.store.getRecord('teams-conversation', ada.memberId)).toBeNull();
    expect((await h.bot.service.getMember(ada.memberId))?.active).toBe(false);

    h.setTime('2026-03-02T09:00:30Z');
    await h.bot.scheduler.tickOnce();
    // Even a direct send is refused: there is no conversation to send to.
    await expect(h.bot.service.promptNow(ada.memberId)).rejects.toThrow(/not installed/);
    expect(h.connector.calls).toEqual([]);
  });

  it('removing the bot from a personal chat (conversationUpdate) also drops the reference', async () => {
    await h.post(h.install(ada));
    await h.post(h.personal(ada, { type: 'conversationUpdate', membersRemoved: [{ id: '28:desk-breaks-bot' }] }));
    expect(await h.bot.store.getRecord('teams-conversation', ada.memberId)).toBeNull();
  });

  it('installing in a team greets the channel once and keeps the channel as the team\'s conversation', async () => {
    const design = teamsChannel('Design');
    await h.post(h.installInTeam(ada, design));
    const greeting = await h.connector.waitFor((call) => call.conversationId === design.teamThreadId);
    expect(cardText(cardOf(greeting.body))).toMatch(/join/);
    const stored = JSON.parse((await h.bot.store.getRecord('teams-conversation', design.teamId)) ?? '{}') as { conversation?: { id?: string } };
    // The thread suffix is gone: team challenges are posted to the channel itself.
    expect(stored.conversation?.id).toBe(design.teamThreadId);
  });
});
