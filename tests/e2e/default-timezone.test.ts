// DEFAULT_TIMEZONE over HTTP: a Slack person whose users.info failed and a Teams person whose client sent no zone
// get the configured zone, not UTC, and are told which zone was assumed and how to change it.
import { afterEach, describe, expect, it } from 'vitest';
import { startSlackWorld, WORKSPACE, type SlackWorld } from '../helpers/fake-slack.ts';
import { cardOf, cardText, startTeamsHarness, teamsChannel, teamsUser, type TeamsHarness } from './teams-harness.ts';

// Wednesday 25 November 2026, 09:05 in New York.
const START = '2026-11-25T14:05:00Z';
let world: SlackWorld | null = null;
let teams: TeamsHarness | null = null;

afterEach(async () => {
  await world?.close();
  await teams?.close();
  world = null;
  teams = null;
});

describe('DEFAULT_TIMEZONE', () => {
  it('Slack: when users.info fails, the person works in DEFAULT_TIMEZONE and the start reply says it was assumed', async () => {
    world = await startSlackWorld({ startIso: START, env: { DEFAULT_TIMEZONE: 'America/New_York' } });
    world.slack.failWith('users.info', 'user_not_found');
    const reply = await world.command('UADA', 'start');
    expect(reply.text).toMatch(/First break: Wednesday 25 Nov at 10:00 \(America\/New_York\)/);
    expect(reply.text).toMatch(/America\/New_York is assumed: say "timezone Europe\/Berlin"/);
    expect((await world.store.getMember(`slack:${WORKSPACE}:UADA`))?.schedule.timezone).toBe('America/New_York');
    // The team this person brings into being keeps that zone too.
    await world.command('UADA', 'join', { id: 'C0DESIGN', name: 'design' });
    expect((await world.store.getTeam(`slack:${WORKSPACE}:C0DESIGN`))?.timezone).toBe('America/New_York');
  });

  it('Teams: a message with no client zone gets DEFAULT_TIMEZONE for the person and a new team, and says so', async () => {
    teams = await startTeamsHarness({ start: START, env: { DEFAULT_TIMEZONE: 'America/New_York' } });
    const ada = teamsUser('Ada');
    const h = teams;
    await h.post(h.message(ada, 'start', { localTimezone: undefined }));
    const text = h.connector.sent().map((c) => (typeof c.body['text'] === 'string' ? c.body['text'] : cardText(cardOf(c.body)))).join('\n');
    expect(text).toMatch(/at 10:00 \(America\/New_York\)/);
    expect(text).toMatch(/America\/New_York is assumed/);
    const channel = teamsChannel('Design');
    const inChannel = { ...h.channelMessage(teamsUser('Bob'), channel, 'join'), localTimezone: undefined };
    await h.post(inChannel);
    expect((await h.bot.store.getTeam(channel.teamId))?.timezone).toBe('America/New_York');
  });
});
