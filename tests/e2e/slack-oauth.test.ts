// Multi-workspace installs through OAuth: /slack/install, /slack/oauth_redirect, tokens encrypted at rest, and
// app_uninstalled / tokens_revoked removing the installation and the workspace's data. No token reaches a log.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { jobId } from '../../src/core/index.ts';
import { INSTALLATION_KIND } from '../../src/adapters/slack/index.ts';
import { startSlackWorld, WORKSPACE, type SlackWorld } from '../helpers/fake-slack.ts';
import { commandBody, eventBody } from '../helpers/slack-sign.ts';

const INSTALLED_TOKEN = `xoxb-installed-${WORKSPACE}-secret`;
const ADA = `slack:${WORKSPACE}:UADA`;
let world: SlackWorld;
let logLines: string[];

beforeEach(async () => {
  logLines = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) });
  world = await startSlackWorld({
    startIso: '2026-11-25T09:05:00Z',
    logger,
    env: {
      SLACK_BOT_TOKEN: '',
      SLACK_CLIENT_ID: '1111.2222',
      SLACK_CLIENT_SECRET: 'client-secret-do-not-log',
      SLACK_STATE_SECRET: 'state-secret-for-tests-0123456789',
      TOKEN_ENCRYPTION_KEY: 'token-encryption-key-for-tests-0123456789',
    },
  });
  world.slack.oauthTeam = { id: WORKSPACE, name: 'Example' };
});
afterEach(async () => {
  await world.close();
});

/** Walks the install flow as a browser would: the install page sets a state cookie, Slack redirects back with a code. */
async function install(): Promise<Response> {
  const page = await fetch(`${world.baseUrl}/slack/install`);
  expect(page.status).toBe(200);
  const html = await page.text();
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const state = /[?&;]state=([^"&]+)/.exec(html.replace(/&amp;/g, '&'))?.[1] ?? '';
  expect(state).not.toBe('');
  return fetch(`${world.baseUrl}/slack/oauth_redirect?code=the-code&state=${state}`, { headers: { cookie } });
}

describe('Slack OAuth installs', () => {
  it('the install page links to Slack\'s authorize URL with our client id and bot scopes', async () => {
    const html = await (await fetch(`${world.baseUrl}/slack/install`)).text();
    const href = /href="(https:\/\/slack\.com\/oauth\/v2\/authorize[^"]+)"/.exec(html)?.[1] ?? '';
    const url = new URL(href.replace(/&amp;/g, '&'));
    expect(url.searchParams.get('client_id')).toBe('1111.2222');
    expect(url.searchParams.get('scope')?.split(',')).toEqual(['commands', 'chat:write', 'chat:write.public', 'im:write', 'im:history', 'users:read', 'users.profile:read', 'dnd:read', 'channels:read', 'groups:read', 'files:write']);
    expect(url.searchParams.get('state')).toBeTruthy();
  });

  it('the redirect exchanges the code, stores the installation encrypted, and the workspace can use the bot', async () => {
    const done = await install();
    expect(done.status).toBe(200);
    expect(world.slack.callsOf('oauth.v2.access')[0]?.args['code']).toBe('the-code');
    const raw = await world.store.getRecord(INSTALLATION_KIND, `T:${WORKSPACE}`);
    expect(raw).not.toBeNull();
    expect(raw).not.toContain('xoxb');
    expect(raw).not.toContain('UINSTALLER');

    const reply = await world.command('UADA', 'start');
    expect(reply.body['text']).toMatch(/Breaks are on/);
    expect(world.slack.callsOf('users.info')[0]?.token).toBe(INSTALLED_TOKEN);
    // The scheduler's messenger finds the token without a Slack request to hand.
    await world.bot.service.promptNow(ADA);
    expect(world.slack.callsOf('chat.postMessage').at(-1)?.token).toBe(INSTALLED_TOKEN);
    expect(logLines.join('\n')).not.toMatch(/xoxb-|client-secret-do-not-log/);
  });

  it('a redirect whose state is not from this browser installs nothing', async () => {
    const page = await fetch(`${world.baseUrl}/slack/install`);
    const html = await page.text();
    const state = /[?&;]state=([^"&]+)/.exec(html.replace(/&amp;/g, '&'))?.[1] ?? '';
    const res = await fetch(`${world.baseUrl}/slack/oauth_redirect?code=the-code&state=${state}`, { headers: { cookie: 'slack-app-oauth-state=someone-else' } });
    expect(res.status).not.toBe(200);
    expect(world.slack.callsOf('oauth.v2.access')).toHaveLength(0);
    expect(await world.store.getRecord(INSTALLATION_KIND, `T:${WORKSPACE}`)).toBeNull();
  });

  it('a request from a workspace that never installed the app is acknowledged and ignored', async () => {
    const res = await world.post(commandBody({ teamId: 'T0STRANGER', userId: 'UX', text: 'start', responseUrl: world.slack.responseUrl() }));
    expect(res.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(world.slack.responses).toHaveLength(0);
    expect(await world.store.getMember('slack:T0STRANGER:UX')).toBeNull();
  });

  for (const event of ['app_uninstalled', 'tokens_revoked'] as const) {
    it(`${event} removes the installation and everything the bot knew about the workspace's people and teams`, async () => {
      await install();
      await world.command('UADA', 'start');
      await world.command('UADA', 'join', { id: 'C0DESIGN', name: 'design' });
      await world.command('UADA', 'team-time 11:30', { id: 'C0DESIGN', name: 'design' });
      await world.command('UBOB', 'stats');
      const { prompt } = await world.bot.service.promptNow(ADA);
      await world.bot.service.click(prompt.id, ADA, { kind: 'done' });
      const teamId = `slack:${WORKSPACE}:C0DESIGN`;
      expect(await world.store.getDue(jobId({ kind: 'team', teamId }))).not.toBeNull();
      expect((await world.store.listTeams('slack', WORKSPACE)).map((team) => team.id)).toEqual([teamId]);
      expect((await world.store.getTeamDays(teamId))['2026-11-25']?.completers).toBe(1);

      const body = eventBody(WORKSPACE, event === 'app_uninstalled' ? { type: event } : { type: event, tokens: { oauth: [], bot: ['UBOT'] } });
      expect((await world.post(body)).status).toBe(200);
      for (let i = 0; i < 200 && (await world.store.getRecord(INSTALLATION_KIND, `T:${WORKSPACE}`)) !== null; i += 1) await new Promise((r) => setTimeout(r, 10));
      for (let i = 0; i < 200 && (await world.store.getMember(`slack:${WORKSPACE}:UBOB`)) !== null; i += 1) await new Promise((r) => setTimeout(r, 10));
      // Teams are forgotten after the people.
      for (let i = 0; i < 200 && (await world.store.getTeam(teamId)) !== null; i += 1) await new Promise((r) => setTimeout(r, 10));

      expect(await world.store.getRecord(INSTALLATION_KIND, `T:${WORKSPACE}`)).toBeNull();
      expect(await world.store.getMember(ADA)).toBeNull();
      expect(await world.store.getMember(`slack:${WORKSPACE}:UBOB`)).toBeNull();
      expect(await world.store.getDue(ADA)).toBeNull();
      expect(await world.store.getPrompt(prompt.id)).toBeNull();
      expect((await world.store.getActivity(ADA)).totalCompletions).toBe(0);
      expect(await world.store.teamMemberIds(teamId)).toEqual([]);
      expect(await world.store.getDue(jobId({ kind: 'team', teamId }))).toBeNull();
      expect(await world.store.getDue(jobId({ kind: 'digest', teamId }))).toBeNull();
      expect(await world.store.getTeam(teamId)).toBeNull();
      expect(await world.store.listTeams('slack', WORKSPACE)).toEqual([]);
      expect(await world.store.getTeamDays(teamId)).toEqual({});
      expect(await world.store.getTeamTotals(teamId)).toEqual({ promptsSent: 0, completions: 0 });

      // The workspace is gone: its requests are no longer served.
      const res = await world.post(commandBody({ teamId: WORKSPACE, userId: 'UADA', text: 'start', responseUrl: world.slack.responseUrl() }));
      expect(res.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(await world.store.getMember(ADA)).toBeNull();
      expect(logLines.join('\n')).not.toMatch(/xoxb-/);
    });
  }

  it('tokens_revoked for a user token only keeps the installation, the people and the teams', async () => {
    await install();
    await world.command('UADA', 'start');
    await world.command('UADA', 'join', { id: 'C0DESIGN', name: 'design' });
    const teamId = `slack:${WORKSPACE}:C0DESIGN`;

    const body = eventBody(WORKSPACE, { type: 'tokens_revoked', tokens: { oauth: ['UADA'], bot: [] } });
    expect((await world.post(body)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(await world.store.getRecord(INSTALLATION_KIND, `T:${WORKSPACE}`)).not.toBeNull();
    expect((await world.store.getMember(ADA))?.active).toBe(true);
    expect(await world.store.getDue(ADA)).not.toBeNull();
    expect(await world.store.getTeam(teamId)).not.toBeNull();
    const reply = await world.command('UADA', 'stats');
    expect(reply.body['text'] ?? JSON.stringify(reply.body)).not.toMatch(/went wrong/);
  });
});

describe('changing TOKEN_ENCRYPTION_KEY', () => {
  it('a bot restarted with a new key and the old one as TOKEN_ENCRYPTION_KEY_PREVIOUS still serves the workspace and re-encrypts its record', async () => {
    await install();
    const before = await world.store.getRecord(INSTALLATION_KIND, `T:${WORKSPACE}`);
    const store = world.store;
    await world.close();

    const oauthEnv = {
      SLACK_BOT_TOKEN: '',
      SLACK_CLIENT_ID: '1111.2222',
      SLACK_CLIENT_SECRET: 'client-secret-do-not-log',
      SLACK_STATE_SECRET: 'state-secret-for-tests-0123456789',
    };
    world = await startSlackWorld({
      startIso: '2026-11-25T09:05:00Z',
      store: () => store,
      env: { ...oauthEnv, TOKEN_ENCRYPTION_KEY: 'the-new-token-encryption-key-9876543210', TOKEN_ENCRYPTION_KEY_PREVIOUS: 'token-encryption-key-for-tests-0123456789' },
    });
    const reply = await world.command('UADA', 'start');
    expect(reply.text).toMatch(/Breaks are on/);
    expect(world.slack.callsOf('users.info')[0]?.token).toBe(INSTALLED_TOKEN);
    const after = await store.getRecord(INSTALLATION_KIND, `T:${WORKSPACE}`);
    expect(after).not.toBe(before);
    expect(after?.split('.')[1]).not.toBe(before?.split('.')[1]);
    await world.close();

    // The old key can now go.
    world = await startSlackWorld({ startIso: '2026-11-25T09:05:00Z', store: () => store, env: { ...oauthEnv, TOKEN_ENCRYPTION_KEY: 'the-new-token-encryption-key-9876543210' } });
    expect((await world.command('UADA', 'stats')).status).toBe(200);
    await world.bot.service.promptNow(ADA);
    expect(world.slack.callsOf('chat.postMessage').at(-1)?.token).toBe(INSTALLED_TOKEN);
  });
});
