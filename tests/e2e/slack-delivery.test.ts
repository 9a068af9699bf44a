// Scheduled delivery on Slack: Do Not Disturb holds or skips a slot, 429 answers are retried after Retry-After,
// a prompt post whose fate is unknown is tried again, and a send that keeps failing is counted, not lost silently.
import { handleOne } from '../helpers/handle-one.ts';
import { runDue as runMemberDue } from '../helpers/run-due.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blocksOf, startSlackWorld, WORKSPACE, type SlackWorld } from '../helpers/fake-slack.ts';

const ADA = `slack:${WORKSPACE}:UADA`;
const sec = (iso: string) => Date.parse(iso) / 1000;
let world: SlackWorld;

beforeEach(async () => {
  world = await startSlackWorld({ startIso: '2026-11-25T09:05:00Z' }); // Wednesday 10:05 Berlin
  await world.command('UADA', 'start');
});
afterEach(async () => {
  await world.close();
});

/** Runs Ada's due job the way the scheduler does, at the instant it is due. */
const runDue = (): Promise<number | null> => runMemberDue(world, ADA);

/** The member's planned delivery offset after each slot (the workspace's spread window: members / send rate). */
const arrivesAfterSlot = async () => (await world.bot.service.stats(ADA)).arrivesAfterSlotMs;

const dmPosts = () => world.slack.callsOf('chat.postMessage').filter((c) => c.args['channel'] === 'DUADA');

describe('Slack: Do Not Disturb', () => {
  it('a slot during Do Not Disturb waits until it ends, then the prompt arrives and can be completed', async () => {
    // Quiet 10:30-11:40 Berlin: the 11:00 slot waits until 11:40.
    world.slack.dnd.set('UADA', { dnd_enabled: true, next_dnd_start_ts: sec('2026-11-25T09:30:00Z'), next_dnd_end_ts: sec('2026-11-25T10:40:00Z') });
    const next = await runDue();
    expect(world.slack.callsOf('dnd.info').map((c) => c.args['user'])).toEqual(['UADA']);
    expect(dmPosts()).toHaveLength(0);
    expect(next).toBe(Date.parse('2026-11-25T10:40:00Z'));

    world.slack.dnd.delete('UADA');
    const after = await runDue();
    expect(dmPosts()).toHaveLength(1);
    expect(after).toBe(Date.parse('2026-11-25T11:00:00Z') + (await arrivesAfterSlot())); // the 12:00 slot
    const promptId = (blocksOf(dmPosts()[0]!).find((b) => b['type'] === 'actions') as { elements: Array<{ value: string }> }).elements[0]?.value ?? '';
    const prompt = await world.store.getPrompt(promptId);
    expect(prompt?.slotAt).toBe(Date.parse('2026-11-25T10:00:00Z'));
    await world.click({ userId: 'UADA', actionId: 'break_done', value: promptId, channelId: 'DUADA', messageTs: prompt?.delivery['ts'] ?? '' });
    await world.slack.waitForReplacement();
    expect((await world.bot.service.stats(ADA)).todayCount).toBe(1);
  });

  it('a manual Slack snooze holds the prompt the same way', async () => {
    world.slack.dnd.set('UADA', { dnd_enabled: false, snooze_enabled: true, snooze_endtime: sec('2026-11-25T10:25:00Z') });
    expect(await runDue()).toBe(Date.parse('2026-11-25T10:25:00Z'));
    expect(dmPosts()).toHaveLength(0);
  });

  it('quiet time lasting past the end of the working day skips the slot without breaking the streak', async () => {
    // Wednesday: one break done, so the streak is 1.
    const { prompt } = await world.bot.service.promptNow(ADA);
    await world.bot.service.click(prompt.id, ADA, { kind: 'done' });
    expect((await world.bot.service.stats(ADA)).streak).toBe(1);

    // Thursday: Do Not Disturb from 09:00 until 17:30 Berlin, past the window's 17:00 end.
    await world.store.setDue(ADA, Date.parse('2026-11-26T09:00:00Z')); // the 10:00 slot
    world.slack.dnd.set('UADA', { dnd_enabled: true, next_dnd_start_ts: sec('2026-11-26T08:00:00Z'), next_dnd_end_ts: sec('2026-11-26T16:30:00Z') });
    const posted = dmPosts().length;
    const next = await runDue();
    expect(dmPosts()).toHaveLength(posted);
    expect(next).toBe(Date.parse('2026-11-26T10:00:00Z') + (await arrivesAfterSlot())); // the next slot, not a held prompt
    const member = await world.store.getMember(ADA);
    expect(member?.snoozedPromptId).toBeNull();
    // Unreachable from the slot to the window's end (17:00 Berlin), not beyond (issue 11): 7 of 8 hours excuse the day.
    expect(member?.inactiveSpans.at(-1)).toEqual({ from: Date.parse('2026-11-26T09:00:00Z'), to: Date.parse('2026-11-26T16:00:00Z'), reason: 'dnd' });

    // Friday morning: Thursday had no break, but it does not break the streak.
    world.setTime('2026-11-27T08:30:00Z');
    expect((await world.bot.service.stats(ADA)).streak).toBe(1);
  });

  it('when dnd.info fails the prompt is sent rather than held back', async () => {
    world.slack.failWith('dnd.info', 'missing_scope');
    await runDue();
    expect(dmPosts()).toHaveLength(1);
  });
});

describe('Slack: rate limits and failures', () => {
  it('a 429 is retried after its Retry-After, and the prompt still arrives', async () => {
    world.slack.rateLimitOnce('chat.postMessage', 1);
    await runDue();
    const attempts = world.slack.callsOf('chat.postMessage');
    expect(attempts).toHaveLength(2);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
    expect(await world.metric('wellness_prompts_sent_total', 'slack')).toBe(1);
  });

  it('a 429 on an in-place update is retried too', async () => {
    const { prompt } = await world.bot.service.promptNow(ADA);
    world.slack.rateLimitNextResponse(1);
    await world.click({ userId: 'UADA', actionId: 'break_done', value: prompt.id, channelId: 'DUADA', messageTs: prompt.delivery['ts'] ?? '' });
    const updates = await (async () => {
      for (let i = 0; i < 300 && world.slack.replacements().length < 2; i += 1) await new Promise((r) => setTimeout(r, 10));
      return world.slack.replacements();
    })();
    expect(updates).toHaveLength(2);
    expect(updates[1]!.at - updates[0]!.at).toBeGreaterThanOrEqual(950);
    expect(updates[1]!.body['text']).toMatch(/done/);
  });

  it('a send Slack keeps refusing is retried with backoff, then counted as a failed delivery and not resent', async () => {
    // service_unavailable: Slack says it did nothing, so posting again cannot make a second DM.
    world.slack.failWith('chat.postMessage', 'service_unavailable');
    const next = await runDue();
    expect(world.slack.callsOf('chat.postMessage')).toHaveLength(4);
    expect(await world.metric('wellness_deliveries_failed_total', 'slack')).toBe(1);
    expect(next).toBe(Date.parse('2026-11-25T11:00:00Z') + (await arrivesAfterSlot()));
    world.slack.failWith('chat.postMessage', null);
    // The same slot again (a late or restarted instance) is not sent twice.
    await handleOne(world.bot.service, ADA, Date.parse('2026-11-25T10:00:00Z'));
    expect(world.slack.callsOf('chat.postMessage')).toHaveLength(4);
  });

  it('a prompt post answered internal_error is tried again (a lost prompt is worse than one shown twice), up to the attempt limit', async () => {
    world.slack.failWith('chat.postMessage', 'internal_error');
    await runDue();
    expect(world.slack.callsOf('chat.postMessage')).toHaveLength(4);
    expect(await world.metric('wellness_deliveries_failed_total', 'slack')).toBe(1);
  });

  it('a permanent Slack error is not retried', async () => {
    world.slack.failWith('chat.postMessage', 'channel_not_found');
    await runDue();
    expect(world.slack.callsOf('chat.postMessage')).toHaveLength(1);
    expect(await world.metric('wellness_deliveries_failed_total', 'slack')).toBe(1);
  });
});
