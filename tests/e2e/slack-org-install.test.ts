// Enterprise Grid org-wide installs: the install names the org and no team (is_enterprise_install); the one
// installation, keyed by enterprise id, serves every workspace of the org; a person met in two workspaces is one
// member; uninstalling forgets the org's installation and people.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INSTALLATION_KIND } from '../../src/adapters/slack/index.ts';
import { startSlackWorld, type SlackWorld } from '../helpers/fake-slack.ts';
import { commandBody, eventBody, type SlackBody } from '../helpers/slack-sign.ts';

const ORG = 'E0ORG';
const ORG_TOKEN = 'xoxb-installed-T0OAUTH-secret';
const WORKSPACES = ['T0ONE', 'T0TWO'] as const;
const ADA = `slack:${ORG}:W0ADA`;
let world: SlackWorld;

beforeEach(async () => {
  world = await startSlackWorld({
    startIso: '2026-11-25T09:05:00Z',
    env: {
      SLACK_BOT_TOKEN: '',
      SLACK_CLIENT_ID: '1111.2222',
      SLACK_CLIENT_SECRET: 'client-secret-do-not-log',
      SLACK_STATE_SECRET: 'state-secret-for-tests-0123456789',
      TOKEN_ENCRYPTION_KEY: 'token-encryption-key-for-tests-0123456789',
    },
  });
  world.slack.oauthEnterprise = { id: ORG, name: 'Example Org' };
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

/** `/breaks <text>` typed in one workspace of the org, as Slack sends it for an org-wide install. */
async function orgCommand(workspace: string, userId: string, text: string) {
  const responseUrl = world.slack.responseUrl(userId);
  const body = commandBody({ teamId: workspace, userId, text, responseUrl }) as { form: Record<string, string> };
  const res = await world.post({ form: { ...body.form, enterprise_id: ORG, is_enterprise_install: 'true' } });
  expect(res.status).toBe(200);
  return world.slack.waitForResponse((p) => p.path === new URL(responseUrl).pathname);
}

function orgEvent(workspace: string, event: Record<string, unknown>): SlackBody {
  const body = eventBody(workspace, event) as { json: Record<string, unknown> };
  return { json: { ...body.json, enterprise_id: ORG, is_ext_shared_channel: false, authorizations: [{ enterprise_id: ORG, team_id: null, user_id: 'UBOT', is_bot: true, is_enterprise_install: true }] } };
}

describe('Slack org-wide installs (Enterprise Grid)', () => {
  it('the install has no team: it is stored under the enterprise id', async () => {
    await install();
    expect(await world.store.getRecord(INSTALLATION_KIND, `E:${ORG}`)).not.toBeNull();
    expect(world.slack.callsOf('oauth.v2.access')).toHaveLength(1);
  });

  it('one installation serves every workspace of the org, and a person met in two workspaces is one member', async () => {
    await install();
    const first = await orgCommand(WORKSPACES[0], 'W0ADA', 'start');
    expect(first.body['text']).toMatch(/Breaks are on/);
    const second = await orgCommand(WORKSPACES[1], 'W0ADA', 'stats');
    expect(JSON.stringify(second.body)).not.toMatch(/not started/i);
    await orgCommand(WORKSPACES[1], 'W0BOB', 'start');
    expect((await world.store.getMember(ADA))?.active).toBe(true);
    expect(await world.store.getMember(`slack:${WORKSPACES[0]}:W0ADA`)).toBeNull();
    expect(await world.store.getMember(`slack:${WORKSPACES[1]}:W0ADA`)).toBeNull();
    expect((await world.store.teamMemberIds(`slack:${ORG}:~members`)).sort()).toEqual([ADA, `slack:${ORG}:W0BOB`]);
    expect(world.slack.callsOf('users.info').every((c) => c.token === ORG_TOKEN)).toBe(true);
    // A scheduled send, with no Slack request to hand, finds the org's token from the member's id.
    await world.bot.service.promptNow(ADA);
    const post = world.slack.callsOf('chat.postMessage').at(-1);
    expect(post?.token).toBe(ORG_TOKEN);
    expect(post?.args['channel']).toBe('DW0ADA');
  });

  it('uninstalling the org app removes its installation and everything the bot knew about its people', async () => {
    await install();
    await orgCommand(WORKSPACES[0], 'W0ADA', 'start');
    await orgCommand(WORKSPACES[1], 'W0BOB', 'start');
    expect((await world.post(orgEvent(WORKSPACES[0], { type: 'app_uninstalled' }))).status).toBe(200);
    for (let i = 0; i < 200 && (await world.store.getMember(`slack:${ORG}:W0BOB`)) !== null; i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(await world.store.getRecord(INSTALLATION_KIND, `E:${ORG}`)).toBeNull();
    expect(await world.store.getMember(ADA)).toBeNull();
    expect(await world.store.getMember(`slack:${ORG}:W0BOB`)).toBeNull();
    expect(await world.store.teamMemberIds(`slack:${ORG}:~members`)).toEqual([]);
  });
});
