// Teams in a team: join by @mention, the daily team challenge posted to the channel with a live count, and the
// team leaderboard with the team's place in the tenant, over HTTP against a fake Bot Connector.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardProblems } from '../helpers/adaptive-card-check.ts';
import { actionsOf, cardOf, cardText, startTeamsHarness, teamsChannel, teamsUser, type TeamsHarness } from './teams-harness.ts';

const ada = teamsUser('Ada');
const bob = teamsUser('Bob');
const design = teamsChannel('Design');

interface InvokeBody {
  type: string;
  value: unknown;
}

describe('Teams team challenge and leaderboard', () => {
  let h: TeamsHarness;
  beforeEach(async () => {
    h = await startTeamsHarness();
    await h.post(h.installInTeam(ada, design));
    await h.post(h.install(ada));
    await h.post(h.message(ada, 'start'));
    h.connector.reset();
  });
  afterEach(async () => {
    await h.close();
  });

  it('team settings: the installer and a roster owner may change them; anyone else is refused and nothing changes', async () => {
    const cy = teamsUser('Cy');
    const dan = teamsUser('Dan');
    // Cy sets the team up by joining first; Bob is neither set-up person, owner nor installer.
    await h.post(h.channelMessage(cy, design, 'join'));
    h.connector.reset();
    await h.post(h.channelMessage(bob, design, 'team-time 07:00'));
    const refused = await h.connector.waitFor((call) => typeof call.body['text'] === 'string');
    expect(refused.body['text']).toMatch(/Only a workspace admin \(in Teams, a team owner\) or the person who set up this team/);
    expect((await h.bot.store.getTeam(design.teamId))?.challengeTime).toBeNull();

    // Ada installed the bot in the team (beforeEach).
    h.connector.reset();
    await h.post(h.channelMessage(ada, design, 'team-days sun,mon,tue,wed,thu'));
    expect((await h.bot.store.getTeam(design.teamId))?.workdays).toEqual([1, 2, 3, 4, 7]);

    // Dan is an owner on the team's roster.
    h.connector.owners.add(`29:${dan.aad}`);
    await h.post(h.channelMessage(dan, design, 'team-name Design Crew'));
    expect((await h.bot.store.getTeam(design.teamId))?.name).toBe('Design Crew');
    expect(h.connector.calls.some((call) => call.method === 'GET' && call.path.includes('/members/'))).toBe(true);
  });

  it('join typed after an @mention in a channel puts the member on that team', async () => {
    const response = await h.post(h.channelMessage(ada, design, 'join'));
    expect(response.status).toBe(200);
    const reply = await h.connector.waitFor((call) => typeof call.body['text'] === 'string');
    expect(reply.body['text']).toBe('You joined Design.');
    expect((await h.bot.service.getMember(ada.memberId))?.teamIds).toEqual([design.teamId]);
    expect(await h.bot.store.teamMemberIds(design.teamId)).toEqual([ada.memberId]);
  });

  it('the team challenge is posted to the channel at the team time, and the count goes up as members click Done', async () => {
    await h.post(h.channelMessage(ada, design, 'join'));
    await h.post(h.channelMessage(ada, design, 'team-time 11:30'));
    h.connector.reset();

    h.setTime('2026-03-02T10:30:05Z');
    await h.bot.scheduler.tickOnce();
    const posted = await h.connector.waitFor((call) => call.conversationId === design.teamThreadId && call.method === 'POST');
    expect(posted.path).toBe(`/v3/conversations/${encodeURIComponent(design.teamThreadId)}/activities`);
    const card = cardOf(posted.body);
    expect(cardProblems(card)).toEqual([]);
    expect(cardText(card)).toMatch(/Team challenge for Design · 11:30/);
    expect(cardText(card)).toMatch(/Nobody has joined yet/);
    const promptId = String((actionsOf(card)[0]?.['data'] as { promptId: string }).promptId);
    const teamPrompt = await h.bot.store.getPrompt(promptId);
    expect(teamPrompt?.delivery).toMatchObject({ conversationId: design.teamThreadId, serviceUrl: h.connector.serviceUrl });

    const first = await h.post(h.execute(ada, 'break_done', { promptId }, design.teamThreadId));
    expect((first.body as InvokeBody).type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText((first.body as InvokeBody).value)).toMatch(/1 person has joined[\s\S]*You are in/);
    // Bob never said start: a team challenge still counts for him.
    const second = await h.post(h.execute(bob, 'break_done', { promptId }, design.teamThreadId));
    expect(cardText((second.body as InvokeBody).value)).toMatch(/2 people have joined/);
    const repeat = await h.post(h.execute(bob, 'break_done', { promptId }, design.teamThreadId));
    expect(cardText((repeat.body as InvokeBody).value)).toMatch(/2 people have joined[\s\S]*already counted/);

    // Everyone in the channel sees the count: the posted card is updated in place.
    const update = await h.connector.waitFor((call) => call.method === 'PUT' && /2 people have joined/.test(cardText(cardOf(call.body))));
    expect(update.path).toBe(`/v3/conversations/${encodeURIComponent(design.teamThreadId)}/activities/${teamPrompt?.delivery['activityId']}`);
    expect(cardProblems(cardOf(update.body))).toEqual([]);
    expect((await h.bot.store.getActivity(bob.memberId)).totalCompletions).toBe(1);
  });

  it('a Done through the Submit fallback on the team challenge updates the channel\'s count for everyone', async () => {
    await h.post(h.channelMessage(ada, design, 'join'));
    await h.post(h.channelMessage(ada, design, 'team-time 11:30'));
    h.setTime('2026-03-02T10:30:05Z');
    await h.bot.scheduler.tickOnce();
    const posted = await h.connector.waitFor((call) => call.conversationId === design.teamThreadId && cardOf(call.body) !== null && /Team challenge/.test(cardText(cardOf(call.body))));
    const promptId = String((actionsOf(cardOf(posted.body))[0]?.['data'] as { promptId: string }).promptId);
    h.connector.reset();

    const submit = { ...h.channelMessage(bob, design, ''), text: undefined, entities: undefined, value: { verb: 'break_done', promptId } };
    expect((await h.post(submit)).status).toBe(200);
    const update = await h.connector.waitFor((call) => call.method === 'PUT');
    expect(cardText(cardOf(update.body))).toMatch(/1 person has joined/);
    expect((await h.bot.store.getActivity(bob.memberId)).totalCompletions).toBe(1);
  });

  it('the weekly digest is posted to the team\'s channel on Monday morning', async () => {
    await h.post(h.channelMessage(ada, design, 'join'));
    h.connector.reset();
    // 09:00 in Berlin on the Monday: the team's digest time.
    h.setTime('2026-03-02T08:00:05Z');
    await h.bot.scheduler.tickOnce();
    const digest = await h.connector.waitFor((call) => call.conversationId === design.teamThreadId);
    expect(cardProblems(cardOf(digest.body))).toEqual([]);
    expect(cardText(cardOf(digest.body))).toMatch(/Week 2026-W09 for Design/);
  });

  it('a Done on a personal break shows the team rank, and leaderboard in the channel shows the board and the team\'s place', async () => {
    await h.post(h.channelMessage(ada, design, 'join'));
    await h.post(h.message(ada, 'now'));
    const prompt = await h.connector.waitFor((call) => call.conversationId === ada.conversationId && cardOf(call.body) !== null);
    const promptId = String((actionsOf(cardOf(prompt.body))[0]?.['data'] as { promptId: string }).promptId);
    const done = await h.post(h.execute(ada, 'break_done', { promptId }));
    expect(cardText((done.body as InvokeBody).value)).toMatch(/Team\n1st of 1 in Design/);

    h.connector.reset();
    await h.post(h.channelMessage(ada, design, 'leaderboard'));
    const reply = await h.connector.waitFor((call) => cardOf(call.body) !== null);
    const board = cardOf(reply.body);
    expect(cardProblems(board)).toEqual([]);
    const text = cardText(board);
    expect(text).toMatch(/Leaderboard: Design/);
    expect(text).toMatch(/1\. Ada \(you\)\nstreak 1 · 1 pt this week/);
    expect(text).toMatch(/Design is 1st of 1 team in your organisation/);
  });
});
