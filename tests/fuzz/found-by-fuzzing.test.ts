// The bugs the fuzz runs found, each pinned by a plain example: signed or authenticated input of the wrong shape got
// a 5xx (Bolt or the Bot Framework SDK threw on it), and forged Bot Framework tokens got a 500 instead of a 401.
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryStore } from '../../src/adapters/memory/index.ts';
import { createBot, type Bot } from '../../src/bot.ts';
import { loadConfig } from '../../src/config.ts';
import { startTeamsHarness, teamsUser, type TeamsHarness } from '../e2e/teams-harness.ts';
import { startFakeConnector, type FakeConnector } from '../helpers/fake-connector.ts';
import { startSlackWorld, WORKSPACE, type SlackWorld } from '../helpers/fake-slack.ts';
import { blockActionBody, eventBody, type SlackBody } from '../helpers/slack-sign.ts';
import { channelClaims, jwt, signingKeysUnavailable, trustTestSigningKey } from './bot-framework-tokens.ts';

describe('Slack: signed bodies Bolt cannot read', () => {
  let world: SlackWorld;
  afterEach(async () => {
    await world.close();
  });

  const appHome = (event: Record<string, unknown>) => eventBody(WORKSPACE, { type: 'app_home_opened', user: 'UADA', tab: 'home', channel: 'DUADA', ...event });
  const withField = (body: SlackBody, field: string, value: unknown): SlackBody => ('json' in body ? { json: { ...(body.json as object), [field]: value } } : body);
  const clickWith = (extra: Record<string, unknown>): SlackBody => {
    const base = blockActionBody({ teamId: WORKSPACE, userId: 'UADA', actionId: 'break_done', value: 'slack:T0TEST:pnone', channelId: 'DUADA', messageTs: '1.1' });
    const payload = JSON.parse('form' in base ? (base.form['payload'] ?? '{}') : '{}') as Record<string, unknown>;
    const { response_url: _dropped, ...rest } = payload;
    return { form: { payload: JSON.stringify({ ...rest, ...extra }) } };
  };

  const cases: Array<[string, () => SlackBody]> = [
    ['an event whose authorizations list holds null', () => withField(appHome({}), 'authorizations', [null])],
    ['an event whose user is null', () => appHome({ user: null })],
    ['an event whose channel is null', () => appHome({ channel: null })],
    ['an event whose item is not an object', () => appHome({ item: 'C1' })],
    ['a click whose response_urls list holds null', () => clickWith({ response_urls: [null] })],
  ];

  for (const [what, body] of cases) {
    it(`answers 400, not 500, to ${what}, and writes nothing`, async () => {
      world = await startSlackWorld({ startIso: '2026-11-25T09:05:00Z' });
      const res = await world.post(body());
      expect(res.status).toBe(400);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await world.store.getMember(`slack:${WORKSPACE}:UADA`)).toBeNull();
    });
  }

  it('still takes a well-formed App Home event with authorizations', async () => {
    world = await startSlackWorld({ startIso: '2026-11-25T09:05:00Z' });
    const res = await world.post(withField(appHome({}), 'authorizations', [{ team_id: WORKSPACE, user_id: 'UBOT', is_bot: true, enterprise_id: null }]));
    expect(res.status).toBe(200);
    await world.slack.waitForCall('views.publish');
  });
});

describe('Teams: forged tokens and activities of the wrong shape', () => {
  const appId = '00000000-0000-0000-0000-0000000000f1';
  let bot: Bot | null = null;
  let connector: FakeConnector | null = null;
  let harness: TeamsHarness | null = null;
  afterEach(async () => {
    await bot?.close();
    await connector?.close();
    await harness?.close();
    bot = null;
    connector = null;
    harness = null;
  });

  async function authenticatedBot(): Promise<{ post: (authorization: string) => Promise<number>; store: MemoryStore; serviceUrl: string }> {
    connector = await startFakeConnector();
    const store = new MemoryStore();
    const config = { ...loadConfig({ MICROSOFT_APP_ID: appId, MICROSOFT_APP_PASSWORD: 'not-a-real-secret', SCHEDULER_ENABLED: 'false', HOST: '127.0.0.1' }), PORT: 0 };
    bot = await createBot(config, pino({ level: 'silent' }), { store, defaultMetrics: false });
    const { port } = await bot.listen();
    const serviceUrl = connector.serviceUrl;
    const activity = { type: 'message', id: 'm1', channelId: 'msteams', serviceUrl, from: { id: '29:ada', aadObjectId: 'aad-ada' }, recipient: { id: '28:bot' }, conversation: { id: 'a:personal', conversationType: 'personal', tenantId: 't' }, text: 'start' };
    const post = async (authorization: string) =>
      (await fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify(activity) })).status;
    return { post, store, serviceUrl };
  }

  it('answers 401, not 500, to tokens with a bad signature, algorithm or lifetime, and writes nothing', async () => {
    trustTestSigningKey();
    const { post, store, serviceUrl } = await authenticatedBot();
    const claims = channelClaims(appId, serviceUrl);
    const now = Math.floor(Date.now() / 1000);
    // The SDK prints each failed verification to console.error.
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const statuses = [
      await post(`Bearer ${jwt(claims, 'stranger')}`),
      await post(`Bearer ${jwt(claims, 'none')}`),
      await post(`Bearer ${jwt(claims, 'hs256-with-public-key')}`),
      await post(`Bearer ${jwt({ ...claims, nbf: now + 3600, exp: now + 7200 })}`),
      await post(`Bearer ${jwt({ ...claims, exp: now - 3600 })}`),
    ];
    consoleError.mockRestore();
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    expect(await store.getMember('teams:t:aad-ada')).toBeNull();
    expect(connector?.calls).toEqual([]);
  });

  it('answers 503 when the signing keys cannot be loaded, and writes nothing', async () => {
    signingKeysUnavailable();
    const { post, store, serviceUrl } = await authenticatedBot();
    expect(await post(`Bearer ${jwt(channelClaims(appId, serviceUrl))}`)).toBe(503);
    expect(await store.getMember('teams:t:aad-ada')).toBeNull();
  });

  it('answers 400, not 501, to an invoke the bot has no feature for', async () => {
    harness = await startTeamsHarness();
    const res = await harness.post(harness.personal(teamsUser('Ada'), { type: 'invoke', name: 'composeExtension/query', value: {} }));
    expect(res.status).toBe(400);
  });

  it('answers 400, not 500, to an Action.Execute whose entities, sender name or text have the wrong type', async () => {
    harness = await startTeamsHarness();
    const ada = teamsUser('Ada');
    const click = harness.execute(ada, 'break_done', { promptId: 'teams:tenant-1:pnone' });
    const statuses = [
      (await harness.post({ ...click, entities: 'not a list' })).status,
      (await harness.post({ ...click, entities: [null] })).status,
      (await harness.post({ ...click, entities: [{ type: 'mention' }] })).status,
      (await harness.post({ ...click, from: { id: '29:ada', aadObjectId: ada.aad, name: { first: 'Ada' } } })).status,
      (await harness.post(harness.message(ada, 'x', { text: 42 }))).status,
    ];
    expect(statuses).toEqual([400, 400, 400, 400, 400]);
    expect(await harness.bot.store.getMember(ada.memberId)).toBeNull();
  });

  it('takes null fields as absent, and a mention without text as an empty message', async () => {
    harness = await startTeamsHarness();
    const ada = teamsUser('Ada');
    expect((await harness.post(harness.message(ada, 'start', { entities: null, replyToId: null, localTimezone: null }))).status).toBe(200);
    expect(await harness.bot.store.getMember(ada.memberId)).not.toBeNull();
    const mentionOnly = harness.message(ada, '', { entities: [{ type: 'mention', mentioned: { id: '28:desk-breaks-bot' }, text: '<at>Desk breaks</at>' }] });
    delete mentionOnly['text'];
    expect((await harness.post(mentionOnly)).status).toBe(200);
  });
});
