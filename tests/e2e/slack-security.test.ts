// Request verification on POST /slack/events: forged or stale signatures get 401, signed but malformed bodies 400,
// and neither reaches the core or Slack.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SIGNING_SECRET, startSlackWorld, WORKSPACE, type SlackWorld } from '../helpers/fake-slack.ts';
import { commandBody, postSigned, type SlackBody } from '../helpers/slack-sign.ts';

let world: SlackWorld;

beforeEach(async () => {
  world = await startSlackWorld({ startIso: '2026-11-25T09:05:00Z' });
});
afterEach(async () => {
  await world.close();
});

function start(userId = 'UADA'): SlackBody {
  return commandBody({ teamId: WORKSPACE, userId, text: 'start', responseUrl: world.slack.responseUrl() });
}

/** Gives the bot time to have done something wrong, then checks it did nothing. */
async function expectNothingHappened(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 150));
  expect(world.slack.calls.map((c) => c.method).filter((m) => m !== 'auth.test')).toEqual([]);
  expect(world.slack.responses).toEqual([]);
  expect(await world.store.getMember(`slack:${WORKSPACE}:UADA`)).toBeNull();
}

describe('Slack request verification', () => {
  it('a forged signature gets 401 and nothing is written', async () => {
    const res = await world.post(start(), { signature: `v0=${'0'.repeat(64)}` });
    expect(res.status).toBe(401);
    await expectNothingHappened();
  });

  it('a body signed with another secret gets 401', async () => {
    const res = await world.post(start(), { secret: 'someone-elses-secret' });
    expect(res.status).toBe(401);
    await expectNothingHappened();
  });

  it('a correctly signed request older than five minutes gets 401', async () => {
    const res = await world.post(start(), { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(res.status).toBe(401);
    await expectNothingHappened();
  });

  it('a request without signature headers gets 401', async () => {
    const res = await fetch(world.eventsUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"url_verification","challenge":"x"}' });
    expect(res.status).toBe(401);
    await expectNothingHappened();
  });

  it('a four-minute-old signature is still accepted', async () => {
    const res = await world.post(start(), { timestamp: Math.floor(Date.now() / 1000) - 4 * 60 });
    expect(res.status).toBe(200);
    await world.slack.waitForResponse();
  });

  const malformed: Array<[string, () => SlackBody]> = [
    ['an interaction whose payload is not JSON', () => ({ form: { payload: '{not json' } })],
    ['a click without a user', () => ({ form: { payload: JSON.stringify({ type: 'block_actions', team: { id: WORKSPACE }, trigger_id: 't', actions: [{ action_id: 'break_done', value: 'x' }] }) } })],
    ['a click without any action', () => ({ form: { payload: JSON.stringify({ type: 'block_actions', team: { id: WORKSPACE }, user: { id: 'UADA' }, trigger_id: 't', actions: [] }) } })],
    ['an interaction of a type the app does not use', () => ({ form: { payload: JSON.stringify({ type: 'shortcut', team: { id: WORKSPACE }, user: { id: 'UADA' } }) } })],
    ['a slash command without a response_url', () => ({ form: { team_id: WORKSPACE, user_id: 'UADA', channel_id: 'DUADA', command: '/breaks', text: 'start', trigger_id: 't' } })],
    ['an event envelope without its event', () => ({ json: { type: 'event_callback', team_id: WORKSPACE, event_id: 'Ev1' } })],
    ['JSON that is not an object Slack sends', () => ({ json: [1, 2, 3] })],
    ['a body that is not JSON at all', () => ({ raw: '<xml/>', contentType: 'application/json' })],
    ['a content type Slack never sends', () => ({ raw: 'hello', contentType: 'text/plain' })],
    // Two readers could take different values of a repeated field: the check one, the handler the other.
    ['a slash command that names its user twice', () => ({ raw: `${new URLSearchParams((start() as { form: Record<string, string> }).form)}&user_id=UOTHER`, contentType: 'application/x-www-form-urlencoded' })],
    // Bolt keys its API clients by workspace id in a plain object: this one used to fail inside Bolt with a 500.
    ['a slash command from a workspace id that is a built-in property name', () => ({ form: { ...(start() as { form: Record<string, string> }).form, team_id: 'constructor' } })],
  ];

  for (const [what, body] of malformed) {
    it(`a signed but malformed body (${what}) gets 400 and nothing is written`, async () => {
      const res = await world.post(body());
      expect(res.status).toBe(400);
      await expectNothingHappened();
    });
  }

  it('a body over 1 MB gets 413, nothing is written, and the connection serves the next request', async () => {
    const res = await world.post({ raw: `payload=${'x'.repeat(1024 * 1024 + 1)}`, contentType: 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(413);
    await expectNothingHappened();
    expect((await world.post({ json: { type: 'url_verification', challenge: 'after', token: 'x' } })).status).toBe(200);
  });

  it('answers Slack\'s ssl_check with an empty 200 and does nothing else', async () => {
    const res = await world.post({ form: { ssl_check: '1', token: 'x' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    await expectNothingHappened();
  });

  it('answers Slack\'s url_verification challenge', async () => {
    const res = await world.post({ json: { type: 'url_verification', challenge: 'abc123', token: 'x' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'abc123' });
  });

  it('a slash command redelivered with x-slack-retry-num is acknowledged but runs once', async () => {
    const body = start();
    await world.post(body);
    await world.slack.waitForResponse();
    const retry = await postSigned(world.eventsUrl, SIGNING_SECRET, body, { retryNum: 1 });
    expect(retry.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(world.slack.responses).toHaveLength(1);
  });
});
