// A member's DM channel is opened once and kept: later prompts post straight into it (one Slack call a prompt), and a
// DM Slack says is gone (closed, archived) is opened once more.
import { runDue as runDueOf } from '../helpers/run-due.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSlackWorld, WORKSPACE, type SlackWorld } from '../helpers/fake-slack.ts';
import { DM_CHANNEL_KIND } from '../../src/adapters/slack/dm-channels.ts';

const ADA = `slack:${WORKSPACE}:UADA`;
let world: SlackWorld;

beforeEach(async () => {
  world = await startSlackWorld({ startIso: '2026-11-25T09:05:00Z' }); // Wednesday 10:05 Berlin
  await world.command('UADA', 'start');
});
afterEach(async () => {
  await world.close();
});

const runDue = () => runDueOf(world, ADA);

const opens = () => world.slack.callsOf('conversations.open').length;
const dmPosts = () => world.slack.callsOf('chat.postMessage').filter((c) => c.args['channel'] === 'DUADA');

describe('Slack: the DM channel is kept', () => {
  it('the second and third prompts to a member open no conversation', async () => {
    const openedBefore = opens();
    await runDue();
    expect(opens()).toBe(openedBefore + 1);
    await runDue();
    await runDue();
    expect(opens()).toBe(openedBefore + 1);
    expect(dmPosts()).toHaveLength(3);
    expect(await world.store.getRecord(DM_CHANNEL_KIND, ADA)).toBe('DUADA');
  });

  it.each(['channel_not_found', 'is_archived'])('a kept DM answered with %s is opened once more and the prompt still arrives', async (word) => {
    await runDue();
    const openedBefore = opens();
    world.slack.failOnce('chat.postMessage', word);
    await runDue();
    // One refused post into the old channel, one open, one post that arrived.
    expect(opens()).toBe(openedBefore + 1);
    expect(dmPosts()).toHaveLength(3);
    expect((await world.bot.service.stats(ADA)).promptsSent).toBe(2);
    // The reopened channel is kept again: the next prompt opens nothing.
    await runDue();
    expect(opens()).toBe(openedBefore + 1);
    expect(dmPosts()).toHaveLength(4);
  });

  it('a DM that stays gone is opened once per prompt, not in a loop, and the send counts as failed', async () => {
    await runDue();
    const openedBefore = opens();
    world.slack.failWith('chat.postMessage', 'channel_not_found');
    await runDue();
    expect(opens()).toBe(openedBefore + 1);
    expect(dmPosts()).toHaveLength(3);
    world.slack.failWith('chat.postMessage', null);
  });

  it('forget-me deletes the kept channel with the member', async () => {
    await runDue();
    expect(await world.store.getRecord(DM_CHANNEL_KIND, ADA)).toBe('DUADA');
    const responseUrl = world.slack.responseUrl('confirm');
    await world.click({ userId: 'UADA', actionId: 'forget_confirm', value: ADA, channelId: 'DUADA', messageTs: '1.1', responseUrl });
    await world.slack.waitForResponse((p) => p.path === new URL(responseUrl).pathname);
    expect(await world.store.getMember(ADA)).toBeNull();
    expect(await world.store.getRecord(DM_CHANNEL_KIND, ADA)).toBeNull();
  });
});
