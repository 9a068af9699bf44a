// The App Home tab (app_home_opened -> views.publish, its buttons) and the settings modal (views.open, view_submission).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSlackWorld, textOf, WORKSPACE, type SlackWorld } from '../helpers/fake-slack.ts';
import { commandBody, eventBody, homeActionBody, viewSubmissionBody } from '../helpers/slack-sign.ts';

const START = '2026-11-25T09:05:00Z'; // Wednesday, 10:05 in Berlin
const ADA = `slack:${WORKSPACE}:UADA`;
let world: SlackWorld;

beforeEach(async () => {
  world = await startSlackWorld({ startIso: START });
});
afterEach(async () => {
  await world.close();
});

function homeView(call: { args: Record<string, string> }): { type: string; blocks: Array<Record<string, unknown>> } {
  return JSON.parse(call.args['view'] ?? '{}') as { type: string; blocks: Array<Record<string, unknown>> };
}

function controls(call: { args: Record<string, string> }): string[] {
  const block = homeView(call).blocks.find((b) => b['type'] === 'actions') as { elements: Array<{ action_id: string }> };
  return block.elements.map((e) => e.action_id);
}

const settingsValues = (overrides: Record<string, unknown> = {}) => ({
  tz: { value: { type: 'plain_text_input', value: 'Europe/Lisbon' } },
  start: { value: { type: 'timepicker', selected_time: '08:00' } },
  end: { value: { type: 'timepicker', selected_time: '16:00' } },
  interval: { value: { type: 'static_select', selected_option: { value: '45' } } },
  days: { value: { type: 'checkboxes', selected_options: [{ value: '1' }, { value: '3' }, { value: '5' }] } },
  band: { value: { type: 'checkboxes', selected_options: [] } },
  meetings: { value: { type: 'radio_buttons', selected_option: { value: 'ignore' } } },
  holidays: { value: { type: 'plain_text_input', value: 'pt' } },
  ...overrides,
});

describe('Slack App Home', () => {
  it('opening the Home tab publishes streak, next break, week points and team ranks', async () => {
    await world.command('UADA', 'start');
    await world.command('UADA', 'join', { id: 'C0DESIGN', name: 'design' });
    const before = world.slack.calls.length;
    const res = await world.post(eventBody(WORKSPACE, { type: 'app_home_opened', user: 'UADA', channel: 'DUADA', tab: 'home', event_ts: '1' }));
    expect(res.status).toBe(200);
    const publish = await world.slack.waitForCall('views.publish', () => true, 5000, before);
    expect(publish.args['user_id']).toBe('UADA');
    expect(homeView(publish).type).toBe('home');
    const text = textOf(publish);
    expect(text).toMatch(/Streak:\* 0 workdays/);
    expect(text).toMatch(/Next break:\* Wednesday 25 Nov at 11:00/);
    expect(text).toMatch(/This week:\* 0 points/);
    expect(text).toMatch(/#design: 1st of 1/);
    expect(controls(publish)).toEqual(['home_pause_1h', 'home_stop', 'home_meetings', 'home_settings']);
  });

  it('the Home tab of someone new offers Start, and the Start button turns breaks on and refreshes it', async () => {
    await world.post(eventBody(WORKSPACE, { type: 'app_home_opened', user: 'UNEW', channel: 'DUNEW', tab: 'home', event_ts: '1' }));
    const first = await world.slack.waitForCall('views.publish');
    expect(controls(first)).toEqual(['home_start', 'home_settings']);
    expect(await world.store.getMember(`slack:${WORKSPACE}:UNEW`)).toBeNull();
    const before = world.slack.calls.length;
    await world.post(homeActionBody(WORKSPACE, 'UNEW', 'home_start'));
    const refreshed = await world.slack.waitForCall('views.publish', () => true, 5000, before);
    expect(controls(refreshed)).toEqual(['home_pause_1h', 'home_stop', 'home_meetings', 'home_settings']);
    expect((await world.store.getMember(`slack:${WORKSPACE}:UNEW`))?.active).toBe(true);
  });

  it('Pause 1 hour and Stop work from the Home tab', async () => {
    await world.command('UADA', 'start');
    await world.post(homeActionBody(WORKSPACE, 'UADA', 'home_pause_1h'));
    const paused = await world.slack.waitForCall('views.publish', (c) => /Paused until/.test(textOf(c)));
    expect(textOf(paused)).toMatch(/Paused until Wednesday 25 Nov at 11:05/);
    expect(controls(paused)).toEqual(['home_stop', 'home_meetings', 'home_settings']);
    expect((await world.store.getMember(ADA))?.pausedUntil).toBe(Date.parse(START) + 3600_000);
    await world.post(homeActionBody(WORKSPACE, 'UADA', 'home_stop'));
    const stopped = await world.slack.waitForCall('views.publish', (c) => /Breaks are off/.test(textOf(c)));
    expect(controls(stopped)).toEqual(['home_start', 'home_settings']);
    expect(await world.store.getDue(ADA)).toBeNull();
  });

  it('the meetings button switches between holding and sending during meetings, and says which is on', async () => {
    await world.command('UADA', 'start');
    const before = world.slack.calls.length;
    await world.post(homeActionBody(WORKSPACE, 'UADA', 'home_meetings', 'ignore'));
    const ignoring = await world.slack.waitForCall('views.publish', (c) => /breaks come anyway/.test(textOf(c)), 5000, before);
    expect(JSON.stringify(JSON.parse(ignoring.args['view'] ?? '{}'))).toContain('Hold during meetings');
    expect((await world.store.getMember(ADA))?.meetings).toBe('ignore');
    // A forged value changes nothing.
    await world.post(homeActionBody(WORKSPACE, 'UADA', 'home_meetings', 'sometimes'));
    await world.post(homeActionBody(WORKSPACE, 'UADA', 'home_meetings', 'hold'));
    await world.slack.waitForCall('views.publish', (c) => /breaks wait until you are free/.test(textOf(c)), 5000, before);
    expect((await world.store.getMember(ADA))?.meetings).toBe('hold');
  });
});

describe('Slack settings modal', () => {
  it('/breaks settings opens a modal with the trigger id, filled with the current settings', async () => {
    await world.post(commandBody({ teamId: WORKSPACE, userId: 'UADA', text: 'settings', responseUrl: world.slack.responseUrl(), triggerId: 'trig-settings', channelId: 'C0DESIGN', channelName: 'design' }));
    const open = await world.slack.waitForCall('views.open');
    expect(open.args['trigger_id']).toBe('trig-settings');
    const view = JSON.parse(open.args['view'] ?? '{}') as { callback_id: string; private_metadata: string };
    expect(view.callback_id).toBe('break_settings');
    expect(JSON.parse(view.private_metadata)).toEqual({ channelId: 'C0DESIGN' });
    expect(textOf(open)).toMatch(/Time zone/);
  });

  it('an invalid submission keeps the modal open with an error on each bad field, and saves nothing', async () => {
    await world.command('UADA', 'start');
    const res = await world.post(viewSubmissionBody(WORKSPACE, 'UADA', settingsValues({
      tz: { value: { type: 'plain_text_input', value: 'Atlantis/Capital' } },
      days: { value: { type: 'checkboxes', selected_options: [] } },
    })));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors['tz']).toMatch(/Unknown time zone "Atlantis\/Capital"/);
    expect(body.errors['days']).toMatch(/at least one workday/);
    expect((await world.store.getMember(ADA))?.schedule.timezone).toBe('Europe/Berlin');
  });

  it('a valid submission closes the modal, saves every field, confirms in the channel and refreshes the Home tab', async () => {
    await world.command('UADA', 'start');
    const before = world.slack.calls.length;
    const res = await world.post(viewSubmissionBody(WORKSPACE, 'UADA', settingsValues(), JSON.stringify({ channelId: 'C0DESIGN' })));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    const note = await world.slack.waitForCall('chat.postEphemeral', () => true, 5000, before);
    expect(note.args['channel']).toBe('C0DESIGN');
    expect(note.args['text']).toBe('Saved: Mon, Wed, Fri, 08:00-16:00, every 45 minutes, Europe/Lisbon; avoiding nothing; in meetings: ignore; public holidays: PT.');
    await world.slack.waitForCall('views.publish', () => true, 5000, before);
    const member = await world.store.getMember(ADA);
    expect(member?.schedule).toEqual({ timezone: 'Europe/Lisbon', workdays: [1, 3, 5], start: '08:00', end: '16:00', intervalMinutes: 45 });
  });
});
