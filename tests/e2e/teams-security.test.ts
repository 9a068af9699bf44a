// What reaches /api/messages that should not: malformed bodies (400), requests without a valid token when an app id
// is set (401), and anonymous mode where it is refused (production). Nothing crashes and nothing is sent.
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/adapters/memory/index.ts';
import { createBot, type Bot } from '../../src/bot.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { startFakeConnector, type FakeConnector } from '../helpers/fake-connector.ts';
import { startTeamsHarness, teamsUser, type TeamsHarness } from './teams-harness.ts';

const ada = teamsUser('Ada');

describe('Teams endpoint: malformed input', () => {
  let h: TeamsHarness;
  afterEach(async () => {
    await h.close();
  });

  it('answers 400 to malformed JSON, a non-object, and activities without a type, a conversation or a serviceUrl', async () => {
    h = await startTeamsHarness();
    const valid = h.message(ada, 'help');
    const { type: _type, ...withoutType } = valid;
    const { conversation: _conversation, ...withoutConversation } = valid;
    const cases = [
      await h.postRaw('{"type": "message", '),
      await h.postRaw('[1, 2, 3]'),
      await h.postRaw('"message"'),
      await h.postRaw('', { 'content-type': 'text/plain' }),
      await h.post(withoutType),
      await h.post(withoutConversation),
      await h.post({ ...valid, conversation: { name: 'no id' } }),
      await h.post({ ...valid, serviceUrl: 'file:///etc/passwd' }),
      await h.post({ ...valid, type: 42 }),
    ];
    expect(cases.map((c) => c.status)).toEqual([400, 400, 400, 400, 400, 400, 400, 400, 400]);
    expect(h.connector.calls).toEqual([]);
    // Still serving after all of that.
    expect((await h.post(valid)).status).toBe(200);
    expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
  });

  it('ignores activity types it has no use for, and odd but valid shapes, without failing', async () => {
    h = await startTeamsHarness();
    expect((await h.post(h.personal(ada, { type: 'typing' }))).status).toBe(200);
    expect((await h.post(h.personal(ada, { type: 'messageReaction', reactionsAdded: [{ type: 'like' }] }))).status).toBe(200);
    expect((await h.post(h.personal(ada, { type: 'message', from: { id: '29:x' }, channelData: 'not an object', text: 'help' }))).status).toBe(200);
    expect((await h.post(h.personal(ada, { type: 'message', value: { verb: 'break_done', promptId: 42 } }))).status).toBe(200);
    expect((await h.post(h.personal(ada, { type: 'invoke', name: 'adaptiveCard/action', value: 'nonsense' }))).status).toBe(400);
  });

  it('TEAMS_ALLOW_ANONYMOUS=true logs a warning that authentication is off', async () => {
    h = await startTeamsHarness();
    expect(h.logs).toContainEqual(expect.objectContaining({ level: 40, msg: expect.stringMatching(/TEAMS_ALLOW_ANONYMOUS=true: Bot Framework authentication is OFF/) }));
  });

  it('sends nothing but to the loopback serviceUrl, and without a token, when authentication is off', async () => {
    h = await startTeamsHarness();
    await h.post(h.install(ada));
    await h.post(h.message(ada, 'now'));
    expect(h.connector.calls.length).toBeGreaterThan(1);
    expect(h.connector.calls.every((call) => call.headers.authorization === undefined)).toBe(true);
  });
});

describe('Teams endpoint: authentication', () => {
  let bot: Bot | null = null;
  let connector: FakeConnector | null = null;
  afterEach(async () => {
    await bot?.close();
    await connector?.close();
    bot = null;
    connector = null;
  });

  it('with an app id set, a request without a valid Bot Framework token gets 401 and does nothing', async () => {
    connector = await startFakeConnector();
    const env = { MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000001', MICROSOFT_APP_PASSWORD: 'not-a-real-secret', SCHEDULER_ENABLED: 'false', HOST: '127.0.0.1' };
    const config = { ...loadConfig(env), PORT: 0 };
    const store = new MemoryStore();
    bot = await createBot(config, pino({ level: 'silent' }), { store, defaultMetrics: false });
    const { port } = await bot.listen();
    const activity = {
      type: 'message',
      id: 'm1',
      channelId: 'msteams',
      serviceUrl: connector.serviceUrl,
      from: { id: '29:ada', aadObjectId: 'aad-ada', name: 'Ada' },
      recipient: { id: '28:bot' },
      conversation: { id: 'a:personal', conversationType: 'personal', tenantId: 't' },
      channelData: { tenant: { id: 't' } },
      text: 'start',
    };
    const post = (headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) });
    expect((await post({})).status).toBe(401);
    expect((await post({ authorization: 'Bearer not-a-jwt' })).status).toBe(401);
    expect((await post({ authorization: 'Basic YWRhOnNlY3JldA==' })).status).toBe(401);
    expect(connector.calls).toEqual([]);
    expect(await store.getMember('teams:t:aad-ada')).toBeNull();
  });

  it('refuses TEAMS_ALLOW_ANONYMOUS=true at start-up when NODE_ENV=production, naming the variable', () => {
    let error: unknown;
    try {
      loadConfig({ NODE_ENV: 'production', TEAMS_ALLOW_ANONYMOUS: 'true' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([expect.stringMatching(/^TEAMS_ALLOW_ANONYMOUS must not be true when NODE_ENV=production/)]);
  });
});
