// Slack status and huddles before a scheduled slot, against the fake Web API with a fixed clock: a meeting holds the
// prompt until the status expires, a vacation skips the day and keeps the streak, a huddle holds, a read error sends.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSlackWorld, WORKSPACE, type SlackWorld } from '../helpers/fake-slack.ts';
import { handleOne } from '../helpers/handle-one.ts';
import { runDue as runMemberDue } from '../helpers/run-due.ts';

const ADA = `slack:${WORKSPACE}:UADA`;
const sec = (iso: string) => Date.parse(iso) / 1000;
let world: SlackWorld;

beforeEach(async () => {
  world = await startSlackWorld({ startIso: '2026-11-25T08:05:00Z' }); // Wednesday 09:05 Berlin
  await world.command('UADA', 'start');
});
afterEach(async () => {
  await world.close();
});

/** Runs Ada's due job the way the scheduler does, at the instant it is due. */
const runDue = (): Promise<number | null> => runMemberDue(world, ADA);

/** Runs due jobs until the next one is at or after `iso`. */
async function runUntil(iso: string): Promise<void> {
  for (let due = await world.store.getDue(ADA); due !== null && due < Date.parse(iso); due = await world.store.getDue(ADA)) await runDue();
  world.setTime(iso);
}

const dmPosts = () => world.slack.callsOf('chat.postMessage').filter((c) => c.args['channel'] === 'DUADA');

describe('Slack: meetings and holidays words', () => {
  it('start suggests a holiday calendar from the Slack locale and zone, never sets one; holidays and meetings save', async () => {
    world.slack.locales.set('UBEA', 'en-AU');
    world.slack.timezones.set('UBEA', 'Australia/Melbourne');
    const started = await world.command('UBEA', 'start');
    expect(started.text).toMatch(/say "holidays AU-VIC"/);
    const bea = `slack:${WORKSPACE}:UBEA`;
    expect((await world.store.getMember(bea))?.holidays).toBeNull();
    expect((await world.command('UBEA', 'holidays au-vic')).text).toMatch(/public holidays of AU-VIC/);
    expect((await world.command('UBEA', 'holidays mars')).text).toMatch(/not a holiday calendar/);
    expect((await world.command('UBEA', 'meetings ignore')).text).toMatch(/even during meetings/);
    expect(await world.store.getMember(bea)).toMatchObject({ holidays: 'AU-VIC', meetings: 'ignore' });
  });
});

describe('Slack status before a slot', () => {
  it('"In a meeting" until 10:20 gets the 10:00 slot at 10:20', async () => {
    world.slack.profiles.set('UADA', { status_text: 'In a meeting', status_emoji: ':spiral_calendar_pad:', status_expiration: sec('2026-11-25T09:20:00Z') });
    const next = await runDue(); // the 10:00 Berlin slot
    expect(world.slack.callsOf('users.profile.get').map((c) => c.args['user'])).toEqual(['UADA']);
    // The status said enough: Do Not Disturb was not asked as well.
    expect(world.slack.callsOf('dnd.info')).toHaveLength(0);
    expect(dmPosts()).toHaveLength(0);
    expect(next).toBe(Date.parse('2026-11-25T09:20:00Z'));
    world.slack.profiles.delete('UADA');
    await runDue();
    expect(dmPosts()).toHaveLength(1);
    expect(dmPosts()[0]!.at).toBeGreaterThan(0);
    expect(world.now()).toBe(Date.parse('2026-11-25T09:20:00Z'));
    expect(await world.metric('wellness_prompts_held_total', 'slack')).toBe(1);
    expect(await heldMetric('meeting')).toBe(1);
  });

  it('when the hold ends the status is read again: a meeting that ran over holds again, then the prompt comes', async () => {
    world.slack.profiles.set('UADA', { status_text: 'In a meeting', status_expiration: sec('2026-11-25T09:20:00Z') });
    expect(await runDue()).toBe(Date.parse('2026-11-25T09:20:00Z'));
    // At 10:20 the calendar has moved the status on to 10:40.
    world.slack.profiles.set('UADA', { status_text: 'In a meeting', status_expiration: sec('2026-11-25T09:40:00Z') });
    expect(await runDue()).toBe(Date.parse('2026-11-25T09:40:00Z'));
    expect(dmPosts()).toHaveLength(0);
    world.slack.profiles.delete('UADA');
    await runDue();
    expect(dmPosts()).toHaveLength(1);
    expect(world.now()).toBe(Date.parse('2026-11-25T09:40:00Z'));
    expect((await world.store.getMember(ADA))?.heldFor).toBeUndefined();
    expect(await heldMetric('meeting')).toBe(1);
  });

  it('a member who went on vacation while a prompt was held gets nothing: the held slot is skipped', async () => {
    world.slack.profiles.set('UADA', { status_text: 'In a meeting', status_expiration: sec('2026-11-25T09:20:00Z') });
    await runDue();
    world.slack.profiles.set('UADA', { status_text: 'Out of office', status_emoji: ':palm_tree:' });
    await runDue();
    expect(dmPosts()).toHaveLength(0);
    const member = await world.store.getMember(ADA);
    expect(member?.snoozedPromptId).toBeNull();
    expect(member?.inactiveSpans.at(-1)).toMatchObject({ reason: 'out_of_office' });
  });

  it('a vacation status gets nothing that day, and the streak carries over it', async () => {
    // Wednesday: one break done.
    const { prompt } = await world.bot.service.promptNow(ADA);
    await world.bot.service.click(prompt.id, ADA, { kind: 'done' });
    await runUntil('2026-11-25T23:00:00Z');
    const wednesday = dmPosts().length;

    // Thursday: on vacation all day (status set the evening before, ending Friday morning).
    world.slack.profiles.set('UADA', { status_text: 'Vacationing', status_emoji: ':palm_tree:', status_expiration: sec('2026-11-27T06:00:00Z') });
    await runUntil('2026-11-26T23:00:00Z');
    expect(dmPosts()).toHaveLength(wednesday);
    expect(await skippedMetric('out_of_office')).toBe(7);

    // Friday morning: Thursday had no break, and the streak is still 1.
    world.slack.profiles.delete('UADA');
    world.setTime('2026-11-27T07:30:00Z');
    expect((await world.bot.service.stats(ADA)).streak).toBe(1);
  });

  it('a huddle holds the prompt; it comes once the hold is over', async () => {
    world.slack.profiles.set('UADA', { huddle_state: 'in_a_huddle' });
    const next = await runDue(); // 10:00 Berlin
    expect(dmPosts()).toHaveLength(0);
    expect(next).toBe(Date.parse('2026-11-25T09:30:00Z'));
    expect(await heldMetric('huddle')).toBe(1);
    world.slack.profiles.delete('UADA');
    await runDue();
    expect(dmPosts()).toHaveLength(1);
  });

  it('a status read error still sends the prompt on time', async () => {
    world.slack.failWith('users.profile.get', 'missing_scope');
    await runDue();
    expect(dmPosts()).toHaveLength(1);
    // At the slot (plus the tenant's small spread offset), not held back.
    expect(world.now() - Date.parse('2026-11-25T09:00:00Z')).toBeLessThan(60_000);
  });

  it('a status Slack does not answer in time (a hung call) still sends the prompt', async () => {
    world.slack.troubleOnce('users.profile.get', 'hang');
    const started = Date.now();
    await runDue();
    expect(dmPosts()).toHaveLength(1);
    // Given up after the read budget (5 s), well before the 10 s call timeout.
    expect(Date.now() - started).toBeLessThan(9000);
  }, 15_000);

  it('an expired status says nothing, and "meetings ignore" sends through a meeting status', async () => {
    world.slack.profiles.set('UADA', { status_text: 'In a meeting', status_expiration: sec('2026-11-25T08:30:00Z') });
    await runDue(); // 10:00: the status ended at 09:30
    expect(dmPosts()).toHaveLength(1);
    await world.command('UADA', 'meetings ignore');
    world.slack.profiles.set('UADA', { status_text: 'On a call', status_expiration: sec('2026-11-25T10:30:00Z') });
    await runDue(); // 11:00
    expect(dmPosts()).toHaveLength(2);
  });

  it('a status read once is reused for a minute: two runs at the same slot read it once', async () => {
    world.slack.profiles.set('UADA', { status_text: 'In a meeting', status_expiration: sec('2026-11-25T09:20:00Z') });
    world.setTime('2026-11-25T09:00:30Z');
    await handleOne(world.bot.service, ADA, Date.parse('2026-11-25T09:00:00Z'));
    await handleOne(world.bot.service, ADA, Date.parse('2026-11-25T09:00:00Z'));
    expect(world.slack.callsOf('users.profile.get')).toHaveLength(1);
  });
});

async function heldMetric(reason: string): Promise<number> {
  return reasonMetric('wellness_prompts_held_total', reason);
}

async function skippedMetric(reason: string): Promise<number> {
  return reasonMetric('wellness_prompts_skipped_total', reason);
}

async function reasonMetric(name: string, reason: string): Promise<number> {
  const text = await (await fetch(`${world.baseUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes('platform="slack"') && l.includes(`reason="${reason}"`));
  return line ? Number(line.split(' ').pop()) : 0;
}
