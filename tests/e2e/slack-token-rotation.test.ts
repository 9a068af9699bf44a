// Slack token rotation on OAuth installs: the refresh token and expiry are stored encrypted; a bot token that expires
// within the margin is refreshed before use, on an event and before a scheduled send alike; an early token_expired
// answer is recovered from; two instances refreshing the same installation at once spend its refresh token once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { INSTALLATION_KIND } from '../../src/adapters/slack/index.ts';
import { StoreInstallationStore } from '../../src/adapters/slack/installation-store.ts';
import { TokenCipher } from '../../src/adapters/slack/token-cipher.ts';
import { startSlackWorld, WORKSPACE, type SlackWorld } from '../helpers/fake-slack.ts';

const ENCRYPTION_KEY = 'token-encryption-key-for-tests-0123456789';
const ADA = `slack:${WORKSPACE}:UADA`;
const HOUR = 3_600_000;
let world: SlackWorld;
let logLines: string[];

beforeEach(async () => {
  logLines = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) });
  // The test clock starts at the real time: the OAuth library stamps the install's expiry from the real clock.
  world = await startSlackWorld({
    startIso: new Date().toISOString(),
    logger,
    env: {
      SLACK_BOT_TOKEN: '',
      SLACK_CLIENT_ID: '1111.2222',
      SLACK_CLIENT_SECRET: 'client-secret-do-not-log',
      SLACK_STATE_SECRET: 'state-secret-for-tests-0123456789',
      TOKEN_ENCRYPTION_KEY: ENCRYPTION_KEY,
    },
  });
  world.slack.oauthTeam = { id: WORKSPACE, name: 'Example' };
  world.slack.tokenRotation = true;
});
afterEach(async () => {
  await world.close();
});

async function install(): Promise<void> {
  const page = await fetch(`${world.baseUrl}/slack/install`);
  const html = await page.text();
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const state = /[?&;]state=([^"&]+)/.exec(html.replace(/&amp;/g, '&'))?.[1] ?? '';
  const done = await fetch(`${world.baseUrl}/slack/oauth_redirect?code=the-code&state=${state}`, { headers: { cookie } });
  expect(done.status).toBe(200);
}

const refreshes = () => world.slack.callsOf('oauth.v2.access').filter((c) => c.args['grant_type'] === 'refresh_token');
const stored = () => new StoreInstallationStore(world.store, TokenCipher.fromSecret(ENCRYPTION_KEY)).fetchInstallation({ teamId: WORKSPACE, enterpriseId: undefined, isEnterpriseInstall: false });

describe('Slack token rotation', () => {
  it('the install keeps the refresh token and expiry, encrypted with the bot token', async () => {
    await install();
    const raw = await world.store.getRecord(INSTALLATION_KIND, `T:${WORKSPACE}`);
    expect(raw).not.toContain('xoxe');
    const installation = await stored();
    expect(installation.bot?.token).toBe('xoxe.xoxb-rotating-1-secret');
    expect(installation.bot?.refreshToken).toBe('xoxe-1-refresh-1-secret');
    expect((installation.bot?.expiresAt ?? 0) * 1000).toBeGreaterThan(world.now() + 11 * HOUR);
  });

  it('a token far from expiry is used as it is: no refresh', async () => {
    await install();
    await world.command('UADA', 'start');
    expect(refreshes()).toHaveLength(0);
    expect(world.slack.callsOf('users.info')[0]?.token).toBe('xoxe.xoxb-rotating-1-secret');
  });

  it('an event 5 minutes before expiry refreshes first, then its calls use the new token; the new pair is stored', async () => {
    await install();
    world.advance(12 * HOUR - 5 * 60_000);
    const reply = await world.command('UADA', 'start');
    expect(reply.body['text']).toMatch(/Breaks are on/);
    expect(refreshes()).toHaveLength(1);
    expect(refreshes()[0]?.args['refresh_token']).toBe('xoxe-1-refresh-1-secret');
    expect(world.slack.callsOf('users.info')[0]?.token).toBe('xoxe.xoxb-rotating-2-secret');
    const installation = await stored();
    expect(installation.bot?.token).toBe('xoxe.xoxb-rotating-2-secret');
    expect(installation.bot?.refreshToken).toBe('xoxe-1-refresh-2-secret');
    expect(logLines.join('\n')).not.toMatch(/xoxe|client-secret-do-not-log/);
  });

  it('a scheduled send after the token expired, with no event since, refreshes before posting', async () => {
    await install();
    await world.command('UADA', 'start');
    // The command's last piece of work (its Home tab refresh) is done before time moves on.
    await world.slack.waitForCall('views.publish');
    world.advance(13 * HOUR);
    const before = world.slack.calls.length;
    await world.bot.service.promptNow(ADA);
    const post = world.slack.callsOf('chat.postMessage').at(-1);
    expect(post?.token).toBe('xoxe.xoxb-rotating-2-secret');
    expect(refreshes()).toHaveLength(1);
    // Nothing was sent with the expired token.
    expect(world.slack.calls.slice(before).filter((c) => c.token === 'xoxe.xoxb-rotating-1-secret')).toHaveLength(0);
  });

  it('a token Slack calls expired before its time is renewed once and the call made again', async () => {
    await install();
    await world.command('UADA', 'start');
    await world.slack.waitForCall('views.publish');
    // Slack says the token expired although the stored expiry is hours away.
    world.slack.tokenExpiry.set('xoxe.xoxb-rotating-1-secret', world.now() - 1);
    const before = world.slack.calls.length;
    await world.bot.service.promptNow(ADA);
    const calls = world.slack.calls.slice(before).filter((c) => c.method !== 'oauth.v2.access');
    // The first call met token_expired; the same call again and everything after went with the new token.
    expect(calls[0]?.token).toBe('xoxe.xoxb-rotating-1-secret');
    expect(calls[1]?.method).toBe(calls[0]?.method);
    expect(calls.slice(1).every((c) => c.token === 'xoxe.xoxb-rotating-2-secret')).toBe(true);
    expect(world.slack.callsOf('chat.postMessage').at(-1)?.token).toBe('xoxe.xoxb-rotating-2-secret');
    expect(refreshes()).toHaveLength(1);
  });

  it('two instances needing a refresh at the same moment refresh once and both use the new token', async () => {
    await install();
    await world.command('UADA', 'start');
    await world.command('UBOB', 'start');
    await world.slack.waitForCall('views.publish', (c) => c.args['user_id'] === 'UBOB');
    const other = await world.anotherBot();
    world.advance(12 * HOUR - 60_000);
    // A slow refresh, so the second instance asks while the first is still waiting for Slack.
    world.slack.refreshDelayMs = 300;
    const before = world.slack.calls.length;
    await Promise.all([world.bot.service.promptNow(ADA), other.service.promptNow(`slack:${WORKSPACE}:UBOB`)]);
    expect(refreshes()).toHaveLength(1);
    const posts = world.slack.calls.slice(before).filter((c) => c.method === 'chat.postMessage');
    expect(posts).toHaveLength(2);
    expect(posts.every((c) => c.token === 'xoxe.xoxb-rotating-2-secret')).toBe(true);
    expect((await stored()).bot?.refreshToken).toBe('xoxe-1-refresh-2-secret');
  });
});
