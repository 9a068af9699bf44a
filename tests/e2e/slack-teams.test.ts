// Channel teams: /breaks join and leaderboard in a channel, the daily team challenge with its live joined count.
import { handleOne } from '../helpers/handle-one.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jobId } from '../../src/core/index.ts';
import { blocksOf, startSlackWorld, textOf, WORKSPACE, type SlackWorld } from '../helpers/fake-slack.ts';

// Wednesday 25 November 2026, 10:05 in Berlin.
const START = '2026-11-25T09:05:00Z';
const DESIGN = { id: 'C0DESIGN', name: 'design' };
const TEAM_ID = `slack:${WORKSPACE}:${DESIGN.id}`;
let world: SlackWorld;

beforeEach(async () => {
  world = await startSlackWorld({ startIso: START });
});
afterEach(async () => {
  await world.close();
});

async function doneOnNow(userId: string): Promise<void> {
  const before = world.slack.calls.length;
  await world.command(userId, 'now');
  const post = await world.slack.waitForCall('chat.postMessage', (c) => c.args['channel'] === `D${userId}`, 5000, before);
  const promptId = (blocksOf(post).find((b) => b['type'] === 'actions') as { elements: Array<{ value: string }> }).elements[0]?.value ?? '';
  const prompt = await world.store.getPrompt(promptId);
  const replaced = world.slack.replacements().length;
  await world.click({ userId, actionId: 'break_done', value: promptId, channelId: prompt?.delivery['channel'] ?? '', messageTs: prompt?.delivery['ts'] ?? '' });
  await world.slack.waitForReplacement((post) => world.slack.replacements().indexOf(post) >= replaced);
}

describe('Slack: who may change a team\'s settings', () => {
  it('someone who neither set the team up nor is a workspace admin is refused; an admin (users.info is_admin) may', async () => {
    await world.command('UADA', 'join', { id: 'C0GENERAL', name: 'general' });
    const refused = await world.command('UBOB', 'team-time 11:30', { id: 'C0GENERAL', name: 'general' });
    expect(refused.text).toMatch(/Only a workspace admin .* or the person who set up this team can change its settings/);
    const generalId = `slack:${WORKSPACE}:C0GENERAL`;
    expect((await world.store.getTeam(generalId))?.challengeTime).toBeNull();
    expect(await world.store.getDue(jobId({ kind: 'team', teamId: generalId }))).toBeNull();

    world.slack.roles.set('UCAT', 'admin');
    const allowed = await world.command('UCAT', 'team-days sun,mon,tue,wed,thu', { id: 'C0GENERAL', name: 'general' });
    expect(allowed.text).toMatch(/Saved for #general/);
    expect((await world.store.getTeam(generalId))?.workdays).toEqual([1, 2, 3, 4, 7]);
    // The one who set it up may change it too.
    expect((await world.command('UADA', 'team-zone Asia/Jerusalem', { id: 'C0GENERAL', name: 'general' })).text).toMatch(/Asia\/Jerusalem/);
  });
});

describe('Slack: channel teams', () => {
  it('/breaks join in a channel joins that channel\'s team, named after the channel', async () => {
    await world.command('UADA', 'start');
    const reply = await world.command('UADA', 'join', DESIGN);
    expect(reply.body['text']).toBe('You joined #design.');
    const team = await world.store.getTeam(TEAM_ID);
    expect(team?.name).toBe('#design');
    expect(team?.timezone).toBe('Europe/Berlin');
    expect(await world.store.teamMemberIds(TEAM_ID)).toEqual([`slack:${WORKSPACE}:UADA`]);
  });

  it('a private channel without a name in the command is named from conversations.info', async () => {
    await world.command('UADA', 'join', { id: 'G0SECRET', name: 'privategroup' });
    expect((await world.store.getTeam(`slack:${WORKSPACE}:G0SECRET`))?.name).toBe('#secret-team');
  });

  it('join in a DM explains that it needs a channel', async () => {
    const reply = await world.command('UADA', 'join');
    expect(reply.text).toMatch(/Type "join" in the channel/);
  });

  it('/breaks leaderboard shows the team by streak then week points, and its place among the workspace\'s teams', async () => {
    for (const user of ['UADA', 'UBOB', 'UCAT']) {
      await world.command(user, 'start');
      await world.command(user, 'join', DESIGN);
    }
    await world.command('UDAN', 'start');
    await world.command('UDAN', 'join', { id: 'C0OPS', name: 'ops' });
    await doneOnNow('UBOB');
    await doneOnNow('UBOB');
    await doneOnNow('UADA');
    const reply = await world.command('UCAT', 'leaderboard', DESIGN);
    const lines = reply.text.split('\n');
    const rows = lines.filter((l) => /^\d\. /.test(l));
    expect(rows[0]).toMatch(/^1\. person-ubob: streak 1, 2 pts this week/);
    expect(rows[1]).toMatch(/^2\. person-uada: streak 1, 1 pt this week/);
    expect(rows[2]).toMatch(/^3\. \*person-ucat\* \(you\): streak 0, 0 pts this week/);
    expect(reply.text).toMatch(/\*#design\* is 1st of 2 teams in this workspace/);
    expect(reply.text).toMatch(/Teams in this workspace/);
    expect(reply.body['response_type']).toBe('ephemeral');
  });

  it('a daily team challenge goes to the channel and keeps a live count of who joined; each Done counts once', async () => {
    await world.command('UADA', 'start');
    await world.command('UADA', 'join', DESIGN);
    const set = await world.command('UADA', 'team-time 11:30', DESIGN);
    expect(set.text).toMatch(/Daily team challenge set for 11:30/);
    const dueAt = await world.store.getDue(jobId({ kind: 'team', teamId: TEAM_ID }));
    expect(dueAt).toBe(Date.parse('2026-11-25T10:30:00Z'));

    world.setTime('2026-11-25T10:30:00Z');
    await handleOne(world.bot.service, jobId({ kind: 'team', teamId: TEAM_ID }), dueAt ?? 0);
    const post = await world.slack.waitForCall('chat.postMessage', (c) => c.args['channel'] === DESIGN.id);
    expect(textOf(post)).toMatch(/Nobody has joined yet/);
    const promptId = (blocksOf(post).find((b) => b['type'] === 'actions') as { elements: Array<{ value: string }> }).elements[0]?.value ?? '';
    const ts = post.args['ts'] ?? (await world.store.getPrompt(promptId))?.delivery['ts'] ?? '';

    await world.click({ userId: 'UADA', actionId: 'break_done', value: promptId, channelId: DESIGN.id, messageTs: ts });
    await world.slack.waitForCall('chat.update', (c) => /1 person has joined/.test(c.args['text'] ?? ''));
    const note = await world.slack.waitForCall('chat.postEphemeral', (c) => c.args['user'] === 'UADA');
    expect(note.args['text']).toMatch(/done\. Nice work!.*Today: 1 break/);

    // Someone who never used the bot joins in: their own completion, and they land on the team.
    await world.click({ userId: 'UEVE', actionId: 'break_done', value: promptId, channelId: DESIGN.id, messageTs: ts });
    await world.slack.waitForCall('chat.update', (c) => /2 people have joined/.test(c.args['text'] ?? ''));
    expect((await world.store.getMember(`slack:${WORKSPACE}:UEVE`))?.teamIds).toContain(TEAM_ID);

    await world.click({ userId: 'UADA', actionId: 'break_done', value: promptId, channelId: DESIGN.id, messageTs: ts });
    await world.slack.waitForCall('chat.postEphemeral', (c) => c.args['user'] === 'UADA' && /already counted/.test(c.args['text'] ?? ''));
    await new Promise((resolve) => setTimeout(resolve, 100));
    // The channel message never goes back to a lower count.
    expect(world.slack.callsOf('chat.update').at(-1)?.args['text']).toMatch(/2 people have joined/);
    expect((await world.bot.service.stats(`slack:${WORKSPACE}:UADA`)).totalCompletions).toBe(1);
    expect(await world.metric('wellness_completions_total', 'slack')).toBe(2);
  });
});
