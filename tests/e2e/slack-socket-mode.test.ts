// Slack Socket Mode (SLACK_APP_TOKEN): commands, buttons, the settings form, App Home and events arrive as envelopes
// on a WebSocket from a loopback stand-in and are acked within 3 s; the bot reconnects after a drop with nothing lost or
// doubled, and with two instances holding sockets a click is handled once.
import { afterEach, describe, expect, it } from 'vitest';
import { blocksOf, socketPayload, startSlackWorld, textOf, WORKSPACE, type SlackWorld } from '../helpers/fake-slack.ts';
import { SOCKET_WAIT_MS } from '../../src/adapters/slack/index.ts';
import { APP_TOKEN } from '../helpers/fake-socket-mode.ts';
import { blockActionBody, commandBody, eventBody, viewSubmissionBody } from '../helpers/slack-sign.ts';

const START = '2026-11-25T09:05:00Z'; // Wednesday, 10:05 in Berlin
const ADA = `slack:${WORKSPACE}:UADA`;
/** Slack's limit for an ack. */
const ACK_LIMIT_MS = 3000;
let world: SlackWorld;
let worldOpen = false;

afterEach(async () => {
  if (worldOpen) await world.close();
  worldOpen = false;
});

async function socketWorld(): Promise<SlackWorld> {
  world = await startSlackWorld({ startIso: START, socketMode: true });
  worldOpen = true;
  return world;
}

/** `/breaks <text>` over the socket; resolves with the ack and the bot's response_url reply. */
async function command(userId: string, text: string, socket?: number) {
  const responseUrl = world.slack.responseUrl(userId);
  const ack = await world.slack.socketMode.send('slash_commands', socketPayload(commandBody({ teamId: WORKSPACE, userId, text, responseUrl })), socket === undefined ? {} : { socket });
  const reply = await world.slack.waitForResponse((p) => p.path === new URL(responseUrl).pathname);
  return { ack, reply, text: textOf(reply) };
}

/** `/breaks now` and the DM prompt it produces. */
async function prompt(userId: string) {
  const before = world.slack.calls.length;
  await command(userId, 'now');
  const post = await world.slack.waitForCall('chat.postMessage', (c) => c.args['channel'] === `D${userId}`, 5000, before);
  const actions = blocksOf(post).find((b) => b['type'] === 'actions') as { elements: Array<{ action_id: string; value?: string }> };
  const promptId = actions.elements.find((e) => e.action_id === 'break_done')?.value ?? '';
  const sent = await world.store.getPrompt(promptId);
  return { promptId, channelId: sent?.delivery['channel'] ?? '', messageTs: sent?.delivery['ts'] ?? '' };
}

const doneClick = (p: { promptId: string; channelId: string; messageTs: string }, triggerId: string) =>
  socketPayload(blockActionBody({ teamId: WORKSPACE, userId: 'UADA', actionId: 'break_done', value: p.promptId, channelId: p.channelId, messageTs: p.messageTs, triggerId, responseUrl: world.slack.responseUrl('click') }));

describe('Slack Socket Mode', () => {
  it('opens the socket with the app token at SLACK_API_URL, and POST /slack/events is not served', async () => {
    await socketWorld();
    const open = world.slack.callsOf('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]?.token).toBe(APP_TOKEN);
    expect(world.slack.socketMode.openSockets).toBe(1);
    const res = await fetch(world.eventsUrl, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(404);
  });

  it('an app token Slack refuses stops start-up with Slack\'s answer and never shows the token', async () => {
    const wrong = 'xapp-1-A0TEST-0000-revoked-token-secret';
    const failure = await startSlackWorld({ startIso: START, socketMode: true, env: { SLACK_APP_TOKEN: wrong } }).then(
      () => null,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(String((failure as Error).message)).toMatch(/invalid_auth/);
    expect(JSON.stringify(failure) + String((failure as Error).message) + String((failure as Error).stack)).not.toContain(wrong);
  });

  it('when Slack cannot be reached at start-up the bot starts anyway after 10 s and connects once Slack answers', async () => {
    const started = Date.now();
    world = await startSlackWorld({ startIso: START, socketMode: true, prepare: (slack) => slack.troubleTimes('apps.connections.open', 'unavailable', 6) });
    worldOpen = true;
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(SOCKET_WAIT_MS - 500);
    expect(world.slack.socketMode.openSockets).toBe(0);
    expect((await fetch(`${world.baseUrl}/healthz`)).status).toBe(200);
    await world.slack.socketMode.waitForSockets(1, 30_000);
    const answered = await command('UADA', 'start');
    expect(answered.text).toMatch(/Breaks are on/);
  }, 60_000);

  it('a command is acked within 3 s and answered; Done on the prompt counts and updates the message in place', async () => {
    await socketWorld();
    const started = await command('UADA', 'start');
    expect(started.ack.ms).toBeLessThan(ACK_LIMIT_MS);
    expect(started.text).toMatch(/Breaks are on/);
    expect((await world.store.getMember(ADA))?.active).toBe(true);

    const p = await prompt('UADA');
    const ack = await world.slack.socketMode.send('interactive', doneClick(p, 'trig-done-1'));
    expect(ack.ms).toBeLessThan(ACK_LIMIT_MS);
    const update = await world.slack.waitForReplacement();
    expect(update.path).toMatch(/^\/response\/click-/);
    expect(await world.metric('wellness_completions_total', 'slack')).toBe(1);
  });

  it('the settings form: a bad submission is answered in the ack with field errors; a good one is saved', async () => {
    await socketWorld();
    await command('UADA', 'start');
    const values = (tz: string) => ({
      tz: { value: { type: 'plain_text_input', value: tz } },
      start: { value: { type: 'timepicker', selected_time: '08:00' } },
      end: { value: { type: 'timepicker', selected_time: '16:00' } },
      interval: { value: { type: 'static_select', selected_option: { value: '45' } } },
      days: { value: { type: 'checkboxes', selected_options: [{ value: '1' }, { value: '3' }] } },
      band: { value: { type: 'checkboxes', selected_options: [] } },
    });
    const bad = await world.slack.socketMode.send('interactive', socketPayload(viewSubmissionBody(WORKSPACE, 'UADA', values('Atlantis/Capital'))));
    expect(bad.ms).toBeLessThan(ACK_LIMIT_MS);
    expect(bad.payload).toMatchObject({ response_action: 'errors', errors: { tz: expect.stringMatching(/Unknown time zone/) } });
    expect((await world.store.getMember(ADA))?.schedule.timezone).toBe('Europe/Berlin');

    const good = await world.slack.socketMode.send('interactive', socketPayload(viewSubmissionBody(WORKSPACE, 'UADA', values('Europe/Lisbon'))));
    expect(good.payload ?? {}).toEqual({});
    await world.slack.waitForCall('views.publish');
    expect((await world.store.getMember(ADA))?.schedule).toMatchObject({ timezone: 'Europe/Lisbon', workdays: [1, 3], intervalMinutes: 45 });
  });

  it('App Home: app_home_opened arrives as an events_api envelope and publishes the Home tab', async () => {
    await socketWorld();
    const ack = await world.slack.socketMode.send('events_api', socketPayload(eventBody(WORKSPACE, { type: 'app_home_opened', user: 'UADA', tab: 'home', channel: 'DUADA' })));
    expect(ack.ms).toBeLessThan(ACK_LIMIT_MS);
    const publish = await world.slack.waitForCall('views.publish');
    expect(publish.args['user_id']).toBe('UADA');
  });

  it('after the socket drops mid-test the bot reconnects: an envelope sent meanwhile arrives, a redelivered click counts once', async () => {
    await socketWorld();
    await command('UADA', 'start');
    const p = await prompt('UADA');
    const click = doneClick(p, 'trig-drop-1');
    await world.slack.socketMode.send('interactive', click);
    await world.slack.waitForReplacement();

    world.slack.socketMode.dropAll();
    // Sent while no socket is open: Slack holds it for the app's next connection.
    const stats = command('UADA', 'stats');
    // The click again, as Slack retries an envelope whose ack it did not see before the drop.
    const retried = world.slack.socketMode.send('interactive', click, { retryAttempt: 1 });
    await world.slack.socketMode.waitForSockets(1);
    expect(world.slack.socketMode.connections).toBe(2);
    expect(world.slack.callsOf('apps.connections.open')).toHaveLength(2);

    // Nothing lost: the command sent during the drop was answered; both waiting envelopes were acked on the new socket.
    const answered = await stats;
    expect(answered.ack.socket).toBe(2);
    expect(answered.reply.body['text'] ?? answered.text).toBeTruthy();
    expect((await retried).socket).toBe(2);
    // Nothing doubled: one completion, and the retried click did not update the message a second time.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await world.metric('wellness_completions_total', 'slack')).toBe(1);
    expect((await world.bot.service.stats(ADA)).totalPoints).toBe(1);
    expect(world.slack.replacements()).toHaveLength(1);
  });

  it('two instances hold sockets at once: the same click delivered to both is handled once', async () => {
    await socketWorld();
    await world.anotherBot();
    await world.slack.socketMode.waitForSockets(2);
    await command('UADA', 'start', 1);
    const p = await prompt('UADA');
    const click = doneClick(p, 'trig-both-1');
    const acks = await Promise.all([world.slack.socketMode.send('interactive', click, { socket: 1 }), world.slack.socketMode.send('interactive', click, { socket: 2 })]);
    expect(acks.map((a) => a.socket).sort()).toEqual([1, 2]);
    expect(acks.every((a) => a.ms < ACK_LIMIT_MS)).toBe(true);
    await world.slack.waitForReplacement();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(world.slack.replacements()).toHaveLength(1);
    const completed = await world.store.getPrompt(p.promptId);
    expect(completed?.status).toBe('done');
  });
});
