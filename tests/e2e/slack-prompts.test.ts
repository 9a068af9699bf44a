// /breaks start and now, then Done / Snooze / Skip on the DM prompt: over HTTP, against a loopback Slack.
import { handleOne } from '../helpers/handle-one.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blocksOf, startSlackWorld, textOf, WORKSPACE, type SlackWorld } from '../helpers/fake-slack.ts';
import { eventBody } from '../helpers/slack-sign.ts';

// Wednesday 25 November 2026, 10:05 in Berlin.
const START = '2026-11-25T09:05:00Z';
let world: SlackWorld;

beforeEach(async () => {
  world = await startSlackWorld({ startIso: START });
});
afterEach(async () => {
  await world.close();
});

/** `/breaks now` and the DM it produces: the prompt id, channel and ts to click on. */
async function promptFor(userId: string) {
  const before = world.slack.calls.length;
  await world.command(userId, 'now');
  const post = await world.slack.waitForCall('chat.postMessage', (c) => c.args['channel'] === `D${userId}`, 5000, before);
  const actions = blocksOf(post).find((b) => b['type'] === 'actions') as { elements: Array<{ action_id: string; value?: string }> };
  const promptId = actions.elements.find((e) => e.action_id === 'break_done')?.value ?? '';
  // Where the bot says the message went: the delivery it stored on the prompt for in-place updates.
  const sent = await world.store.getPrompt(promptId);
  expect(sent?.delivery['channel']).toBe(`D${userId}`);
  return { promptId, channel: sent?.delivery['channel'] ?? '', ts: sent?.delivery['ts'] ?? '', post };
}

describe('Slack: enrol and prompts', () => {
  it('/breaks start takes the time zone from users.info and confirms the schedule and the first break', async () => {
    world.slack.timezones.set('UADA', 'America/New_York');
    const reply = await world.command('UADA', 'start');
    expect(reply.status).toBe(200);
    expect(reply.text).toMatch(/Breaks are on: Mon-Fri, 09:00-17:00, every 60 minutes, America\/New_York/);
    // 10:05 in Berlin is 04:05 in New York: the first break is 10:00 there, today.
    expect(reply.text).toMatch(/First break: Wednesday 25 Nov at 10:00 \(America\/New_York\)/);
    expect(world.slack.callsOf('users.info')).toHaveLength(1);
    const member = await world.store.getMember(`slack:${WORKSPACE}:UADA`);
    expect(member?.active).toBe(true);
    expect(member?.schedule.timezone).toBe('America/New_York');
    // A second command uses the zone kept in the member: no second users.info.
    await world.command('UADA', 'stats');
    expect(world.slack.callsOf('users.info')).toHaveLength(1);
  });

  it('/breaks forget-me says what it would delete with a confirm button, and deletes nothing yet', async () => {
    await world.command('UADA', 'start');
    const reply = await world.command('UADA', 'forget-me');
    expect(reply.text).toMatch(/This deletes everything the bot knows about you/);
    const buttons = (reply.body['blocks'] as Array<{ type: string; elements?: Array<Record<string, unknown>> }>).flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []));
    expect(buttons.map((b) => [b['action_id'], b['value']])).toEqual([['forget_confirm', `slack:${WORKSPACE}:UADA`]]);
    expect((await world.store.getMember(`slack:${WORKSPACE}:UADA`))?.active).toBe(true);
    expect(await world.store.getDue(`slack:${WORKSPACE}:UADA`)).not.toBeNull();
  });

  it('the forget_confirm button deletes the person, takes them off the workspace roster, says so in place and resets their Home tab', async () => {
    await world.command('UADA', 'start');
    await world.command('UADA', 'forget-me');
    const responseUrl = world.slack.responseUrl('confirm');
    await world.click({ userId: 'UADA', actionId: 'forget_confirm', value: `slack:${WORKSPACE}:UADA`, channelId: 'DUADA', messageTs: '1.1', responseUrl });
    const answer = await world.slack.waitForResponse((p) => p.path === new URL(responseUrl).pathname);
    expect(answer.body['replace_original']).toBe(true);
    expect(JSON.stringify(answer.body)).toMatch(/everything the bot knew about you is deleted/);
    expect(await world.store.getMember(`slack:${WORKSPACE}:UADA`)).toBeNull();
    expect(await world.store.teamMemberIds(`slack:${WORKSPACE}:~members`)).toEqual([]);
    const home = await world.slack.waitForCall('views.publish', (c) => /Start breaks/.test(c.args['view'] ?? ''));
    expect(home.args['user_id']).toBe('UADA');
  });

  it('a forget_confirm click carrying someone else\'s id deletes nobody and tells the clicker', async () => {
    await world.command('UADA', 'start');
    await world.command('UBOB', 'start');
    const responseUrl = world.slack.responseUrl('confirm');
    await world.click({ userId: 'UBOB', actionId: 'forget_confirm', value: `slack:${WORKSPACE}:UADA`, channelId: 'DUADA', messageTs: '1.1', responseUrl });
    const answer = await world.slack.waitForResponse((p) => p.path === new URL(responseUrl).pathname);
    expect(JSON.stringify(answer.body)).toMatch(/only delete your own/);
    expect(await world.store.getMember(`slack:${WORKSPACE}:UADA`)).not.toBeNull();
    expect(await world.store.getMember(`slack:${WORKSPACE}:UBOB`)).not.toBeNull();
  });

  it('/breaks forget-me confirm deletes at once', async () => {
    await world.command('UADA', 'start');
    const reply = await world.command('UADA', 'forget-me confirm');
    expect(reply.text).toMatch(/everything the bot knew about you is deleted/);
    expect(await world.store.getMember(`slack:${WORKSPACE}:UADA`)).toBeNull();
    expect(await world.store.teamMemberIds(`slack:${WORKSPACE}:~members`)).toEqual([]);
  });

  it('/breaks help and an unknown word answer with the help text and create nobody', async () => {
    const help = await world.command('UADA', 'dance');
    expect(help.body['text']).toMatch(/I do not know "dance"\. Type \/breaks followed by one of these:/);
    expect(await world.store.getMember(`slack:${WORKSPACE}:UADA`)).toBeNull();
  });

  it('/breaks now DMs a Block Kit prompt with steps, why, safety, Done, a snooze choice and Skip, plus fallback text', async () => {
    const { promptId, post } = await promptFor('UADA');
    expect(world.slack.callsOf('conversations.open')[0]?.args['users']).toBe('UADA');
    expect(post.args['text']).toMatch(/^Time for a desk break: /);
    const text = textOf(post);
    expect(text).toMatch(/Why it helps:/);
    expect(text).toMatch(/:warning:/);
    expect(text).toMatch(/Source: .*physiotherapist/);
    const actions = blocksOf(post).find((b) => b['type'] === 'actions') as { elements: Array<Record<string, unknown>> };
    expect(actions.elements.map((e) => e['action_id'])).toEqual(['break_done', 'break_snooze', 'break_skip', 'break_swap']);
    expect(actions.elements[3]?.['value']).toBe(promptId);
    const snooze = actions.elements[1] as { options: Array<{ value: string }> };
    expect(snooze.options.map((o) => o.value)).toEqual([`${promptId}|10`, `${promptId}|30`, `${promptId}|60`]);
    expect(actions.elements[2]?.['value']).toBe(promptId);
  });

  it('Done acknowledges at once and turns the message, in place, into the result with today\'s count and streak', async () => {
    const { promptId, channel, ts } = await promptFor('UADA');
    const res = await world.click({ userId: 'UADA', actionId: 'break_done', value: promptId, channelId: channel, messageTs: ts });
    expect(res.status).toBe(200);
    const update = await world.slack.waitForReplacement();
    // In place: through the click's own response_url, replacing the clicked message (no chat.update, no Web API limit).
    expect(update.path).toMatch(/^\/response\/click-/);
    expect(world.slack.callsOf('chat.update')).toHaveLength(0);
    expect(update.body['text']).toMatch(/done\. Nice work! \+1 point\..*Today: 1 break · Streak: 1 workday/);
    expect(textOf(update)).not.toMatch(/break_done/);
    expect(blocksOf(update).some((b) => b['type'] === 'actions')).toBe(false);
    // The Home tab is not republished by the click (Slack asks for it each time it opens); opened, it shows the completion.
    expect(world.slack.callsOf('views.publish')).toHaveLength(0);
    await world.post(eventBody(WORKSPACE, { type: 'app_home_opened', user: 'UADA', channel, tab: 'home', event_ts: '1' }));
    const home = await world.slack.waitForCall('views.publish', (c) => JSON.parse(c.args['view'] ?? '{}').type === 'home');
    expect(textOf(home)).toMatch(/Streak:\* 1 workday/);
  });

  it('a double Done and a Slack retry count once, and the completions metric moves once', async () => {
    const { promptId, channel, ts } = await promptFor('UADA');
    const click = { userId: 'UADA', actionId: 'break_done', value: promptId, channelId: channel, messageTs: ts, triggerId: 'trig-1' };
    await world.click(click);
    await world.slack.waitForReplacement();
    // Slack redelivers the same interaction with x-slack-retry-num: acknowledged, nothing redone.
    const retry = await world.click(click, { retryNum: 1 });
    expect(retry.status).toBe(200);
    // A genuine second click (new trigger) is answered "already counted".
    await world.click({ ...click, triggerId: 'trig-2' });
    await world.slack.waitForReplacement((p) => /already counted/.test(String(p.body['text'] ?? '')));
    expect(world.slack.replacements()).toHaveLength(2);
    expect(await world.metric('wellness_completions_total', 'slack')).toBe(1);
    const stats = await world.bot.service.stats(`slack:${WORKSPACE}:UADA`);
    expect(stats.totalPoints).toBe(1);
  });

  it('a click on someone else\'s prompt records nothing and only the clicker gets an ephemeral explanation', async () => {
    await world.command('UBOB', 'start');
    const { promptId, channel, ts } = await promptFor('UADA');
    await world.click({ userId: 'UBOB', actionId: 'break_done', value: promptId, channelId: channel, messageTs: ts });
    const note = await world.slack.waitForCall('chat.postEphemeral');
    expect(note.args['user']).toBe('UBOB');
    expect(note.args['text']).toMatch(/belongs to someone else/);
    expect(world.slack.replacements()).toHaveLength(0);
    expect((await world.bot.service.stats(`slack:${WORKSPACE}:UADA`)).totalPoints).toBe(0);
    expect((await world.bot.service.stats(`slack:${WORKSPACE}:UBOB`)).totalPoints).toBe(0);
    expect(await world.metric('wellness_completions_total', 'slack')).toBe(0);
  });

  it('Swap turns the same message, in place, into another challenge with the same prompt id; Done then counts once', async () => {
    const { promptId, channel, ts } = await promptFor('UADA');
    const before = (await world.store.getPrompt(promptId))!.challengeId;
    await world.click({ userId: 'UADA', actionId: 'break_swap', value: promptId, channelId: channel, messageTs: ts });
    const update = await world.slack.waitForReplacement();
    expect(update.path).toMatch(/^\/response\/click-/);
    const after = (await world.store.getPrompt(promptId))!.challengeId;
    expect(after).not.toBe(before);
    const actions = blocksOf(update).find((b) => b['type'] === 'actions') as { elements: Array<{ action_id: string; value?: string }> };
    expect(actions.elements.map((e) => [e.action_id, e.value])).toContainEqual(['break_swap', promptId]);
    expect(actions.elements.find((e) => e.action_id === 'break_done')?.value).toBe(promptId);
    expect(world.slack.callsOf('chat.postMessage').filter((c) => c.args['channel'] === 'DUADA')).toHaveLength(1);
    await world.click({ userId: 'UADA', actionId: 'break_done', value: promptId, channelId: channel, messageTs: ts, triggerId: 'd1' });
    await world.click({ userId: 'UADA', actionId: 'break_done', value: promptId, channelId: channel, messageTs: ts, triggerId: 'd2' });
    await world.slack.waitForReplacement((p) => /already counted/.test(String(p.body['text'] ?? '')));
    expect((await world.bot.service.stats(`slack:${WORKSPACE}:UADA`)).totalCompletions).toBe(1);
  });

  it('a Swap by someone else changes nothing and only they are told', async () => {
    await world.command('UBOB', 'start');
    const { promptId, channel, ts } = await promptFor('UADA');
    const before = await world.store.getPrompt(promptId);
    await world.click({ userId: 'UBOB', actionId: 'break_swap', value: promptId, channelId: channel, messageTs: ts });
    const note = await world.slack.waitForCall('chat.postEphemeral');
    expect(note.args['user']).toBe('UBOB');
    expect(note.args['text']).toMatch(/belongs to someone else/);
    expect(world.slack.replacements()).toHaveLength(0);
    expect(await world.store.getPrompt(promptId)).toEqual(before);
  });

  it('Snooze 30 updates the message to say when it comes back, and the prompt returns then', async () => {
    await world.command('UADA', 'start');
    const { promptId, channel, ts } = await promptFor('UADA');
    await world.click({ userId: 'UADA', actionId: 'break_snooze', value: `${promptId}|30`, channelId: channel, messageTs: ts });
    const update = await world.slack.waitForReplacement();
    expect(update.body['text']).toMatch(/snoozed until 10:35/);
    const member = await world.store.getMember(`slack:${WORKSPACE}:UADA`);
    expect(member?.snoozedPromptId).toBe(promptId);
    expect(await world.store.getDue(`slack:${WORKSPACE}:UADA`)).toBe(Date.parse(START) + 30 * 60_000);
    world.advance(30 * 60_000);
    const posts = world.slack.callsOf('chat.postMessage').length;
    await handleOne(world.bot.service, `slack:${WORKSPACE}:UADA`, world.now());
    const again = world.slack.callsOf('chat.postMessage').slice(posts);
    expect(again).toHaveLength(1);
    const done = (blocksOf(again[0]!).find((b) => b['type'] === 'actions') as { elements: Array<{ value?: string }> }).elements[0];
    expect(done?.value).toBe(promptId);
  });

  it('a snooze length the bot does not offer is refused with an explanation and changes nothing', async () => {
    const { promptId, channel, ts } = await promptFor('UADA');
    await world.click({ userId: 'UADA', actionId: 'break_snooze', value: `${promptId}|15`, channelId: channel, messageTs: ts });
    const note = await world.slack.waitForCall('chat.postEphemeral');
    expect(note.args['text']).toBe('Snooze for 10, 30, 60 minutes.');
    expect((await world.store.getPrompt(promptId))?.status).toBe('open');
    expect(world.slack.replacements()).toHaveLength(0);
  });

  it('Skip closes the prompt in place and a second Skip says it was already closed', async () => {
    const { promptId, channel, ts } = await promptFor('UADA');
    await world.click({ userId: 'UADA', actionId: 'break_skip', value: promptId, channelId: channel, messageTs: ts });
    const skipped = await world.slack.waitForReplacement();
    expect(skipped.body['text']).toMatch(/skipped\. The next one comes at your next slot/);
    await world.click({ userId: 'UADA', actionId: 'break_skip', value: promptId, channelId: channel, messageTs: ts });
    await world.slack.waitForReplacement((p) => /already closed/.test(String(p.body['text'] ?? '')));
    expect((await world.bot.service.stats(`slack:${WORKSPACE}:UADA`)).totalPoints).toBe(0);
  });
});
