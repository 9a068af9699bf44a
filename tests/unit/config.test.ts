import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('configuration', () => {
  it('starts the local web chat on the memory store with no settings', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.webChatEnabled).toBe(true);
    expect(config.slackEnabled).toBe(false);
    expect(config.teamsEnabled).toBe(false);
    expect(config.PROMPT_SPREAD_SECONDS).toBe(180);
  });

  it('refuses a bad PORT, a bad REDIS_URL and an unknown default time zone in one message naming each', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', REDIS_URL: 'localhost:6379', DEFAULT_TIMEZONE: 'Mars/Olympus_Mons' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/PORT must be a port number/);
    expect(message).toMatch(/REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(message).toMatch(/DEFAULT_TIMEZONE must be an IANA time zone name/);
    expect(message).not.toMatch(/at .*\.ts:\d+/);
  });

  it('takes PUBLIC_URL only as an https URL with a host, naming the variable otherwise', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://breaks.example.com' }).PUBLIC_URL).toBe('https://breaks.example.com');
    expect(loadConfig({}).PUBLIC_URL).toBeUndefined();
    for (const bad of ['http://breaks.example.com', 'breaks.example.com', 'https://', 'https://x.example.com/?a=1', 'ftp://x']) {
      expect(problemsOf({ PUBLIC_URL: bad }).join(" "), bad).toMatch(/PUBLIC_URL.*must be an https:\/\/ URL/);
    }
  });

  it('refuses a port out of range', () => {
    expect(problemsOf({ PORT: '70000' })).toEqual(['PORT must be 0-65535 (0 picks a free port)']);
  });

  it('never echoes a secret value in its message', () => {
    const problems = problemsOf({ SLACK_SIGNING_SECRET: 'super-secret-value' });
    expect(problems.join('\n')).toMatch(/SLACK_BOT_TOKEN is required/);
    expect(problems.join('\n')).not.toContain('super-secret-value');
  });

  it('TEAMS_PRESENCE is off by default and needs the app id and client secret', () => {
    const plain = loadConfig({});
    expect(plain.TEAMS_PRESENCE).toBe(false);
    expect(plain.GRAPH_API_URL).toBe('https://graph.microsoft.com/v1.0/');
    expect(plain.MICROSOFT_LOGIN_URL).toBe('https://login.microsoftonline.com/');
    expect(problemsOf({ TEAMS_PRESENCE: 'true', TEAMS_ALLOW_ANONYMOUS: 'true' }).join()).toMatch(/TEAMS_PRESENCE needs MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD/);
    expect(problemsOf({ TEAMS_PRESENCE: 'true', MICROSOFT_APP_ID: 'a', MICROSOFT_APP_PASSWORD: 'p', GRAPH_API_URL: 'not a url' }).join()).toMatch(/GRAPH_API_URL must be a URL/);
    expect(loadConfig({ TEAMS_PRESENCE: 'true', MICROSOFT_APP_ID: 'a', MICROSOFT_APP_PASSWORD: 'p' }).TEAMS_PRESENCE).toBe(true);
  });

  it('refuses TEAMS_ALLOW_ANONYMOUS in production', () => {
    expect(problemsOf({ TEAMS_ALLOW_ANONYMOUS: 'true', NODE_ENV: 'production' }).join()).toMatch(/TEAMS_ALLOW_ANONYMOUS must not be true/);
    expect(loadConfig({ TEAMS_ALLOW_ANONYMOUS: 'true' }).teamsEnabled).toBe(true);
  });

  it('refuses WEB_CHAT_ENABLED=true in production, naming the variable', () => {
    expect(problemsOf({ NODE_ENV: 'production', WEB_CHAT_ENABLED: 'true', SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'x' })).toEqual([
      expect.stringMatching(/^WEB_CHAT_ENABLED must not be true when NODE_ENV=production/),
    ]);
    expect(loadConfig({ WEB_CHAT_ENABLED: 'true', SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'x' }).webChatEnabled).toBe(true);
  });

  it('never serves the web chat in production, and asks for a platform when none is set there', () => {
    expect(loadConfig({ NODE_ENV: 'production', SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'x' }).webChatEnabled).toBe(false);
    expect(problemsOf({ NODE_ENV: 'production' }).join()).toMatch(/NODE_ENV is production but neither Slack nor Teams is set/);
    expect(loadConfig({ NODE_ENV: 'development' }).webChatEnabled).toBe(true);
  });

  it('in production, OAuth installs require TOKEN_ENCRYPTION_KEY', () => {
    const oauth = { SLACK_SIGNING_SECRET: 's', SLACK_CLIENT_ID: 'c', SLACK_CLIENT_SECRET: 'cs', SLACK_STATE_SECRET: 'a-state-secret-of-enough-length' };
    expect(problemsOf({ ...oauth, NODE_ENV: 'production' }).join()).toMatch(/TOKEN_ENCRYPTION_KEY is required for OAuth installs when NODE_ENV=production/);
    expect(problemsOf({ ...oauth, NODE_ENV: 'production', TOKEN_ENCRYPTION_KEY: 'k'.repeat(32) })).toEqual([]);
    expect(problemsOf(oauth)).toEqual([]);
  });

  it('a SLACK_STATE_SECRET under 16 characters gets the config message, not a crash', () => {
    const problems = problemsOf({ SLACK_SIGNING_SECRET: 's', SLACK_CLIENT_ID: 'c', SLACK_CLIENT_SECRET: 'cs', SLACK_STATE_SECRET: 'short' });
    expect(problems).toEqual([expect.stringMatching(/^SLACK_STATE_SECRET must be at least 16 characters/)]);
    expect(problems.join()).not.toContain('short');
  });

  it('TOKEN_ENCRYPTION_KEY_PREVIOUS needs TOKEN_ENCRYPTION_KEY and the same length', () => {
    expect(problemsOf({ TOKEN_ENCRYPTION_KEY_PREVIOUS: 'p'.repeat(32) }).join()).toMatch(/TOKEN_ENCRYPTION_KEY_PREVIOUS is only used with TOKEN_ENCRYPTION_KEY/);
    expect(problemsOf({ TOKEN_ENCRYPTION_KEY: 'k'.repeat(32), TOKEN_ENCRYPTION_KEY_PREVIOUS: 'short' }).join()).toMatch(/TOKEN_ENCRYPTION_KEY_PREVIOUS must be at least 32 characters/);
    expect(loadConfig({ TOKEN_ENCRYPTION_KEY: 'k'.repeat(32), TOKEN_ENCRYPTION_KEY_PREVIOUS: 'p'.repeat(32) }).TOKEN_ENCRYPTION_KEY_PREVIOUS).toBe('p'.repeat(32));
  });

  it('docker-compose.yml does not turn the web chat on', () => {
    const compose = readFileSync(resolve(import.meta.dirname, '../../docker-compose.yml'), 'utf8');
    expect(compose).not.toMatch(/^\s*WEB_CHAT_ENABLED:/m);
  });

  it('turns Slack on with a signing secret and a bot token, and the web chat off unless asked', () => {
    const config = loadConfig({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1' });
    expect(config.slackEnabled).toBe(true);
    expect(config.webChatEnabled).toBe(false);
    expect(loadConfig({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'x', WEB_CHAT_ENABLED: 'true' }).webChatEnabled).toBe(true);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ REDIS_URL: '', PORT: '' }).PORT).toBe(3000);
  });
});

describe('Teams bot identity', () => {
  const TENANT = '72f988bf-0000-0000-0000-000000000000';

  it('single tenant starts with the app id, its secret and the tenant id', () => {
    const config = loadConfig({ MICROSOFT_APP_TYPE: 'SingleTenant', MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'pw', MICROSOFT_APP_TENANT_ID: TENANT });
    expect(config.teamsEnabled).toBe(true);
    expect(config.MICROSOFT_APP_TENANT_ID).toBe(TENANT);
  });

  it('single tenant without a tenant id stops start-up with one message naming it', () => {
    expect(problemsOf({ MICROSOFT_APP_TYPE: 'SingleTenant', MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'pw' })).toEqual([
      'MICROSOFT_APP_TYPE is SingleTenant, which needs MICROSOFT_APP_TENANT_ID: missing',
    ]);
  });

  it('single tenant with nothing else names all three missing variables in one message', () => {
    expect(problemsOf({ MICROSOFT_APP_TYPE: 'SingleTenant' })).toEqual([
      'MICROSOFT_APP_TYPE is SingleTenant, which needs MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID: missing',
    ]);
  });

  it('a user-assigned managed identity starts with its client id and the tenant id, and no password', () => {
    const config = loadConfig({ MICROSOFT_APP_TYPE: 'UserAssignedMSI', MICROSOFT_APP_ID: 'client-id', MICROSOFT_APP_TENANT_ID: TENANT });
    expect(config.teamsEnabled).toBe(true);
    expect(config.MICROSOFT_APP_PASSWORD).toBeUndefined();
  });

  it('a managed identity without its client id or tenant names both', () => {
    const [problem] = problemsOf({ MICROSOFT_APP_TYPE: 'UserAssignedMSI' });
    expect(problem).toBe("MICROSOFT_APP_TYPE is UserAssignedMSI, which needs MICROSOFT_APP_ID and MICROSOFT_APP_TENANT_ID: missing; MICROSOFT_APP_ID is the managed identity's client id");
  });

  it('a managed identity with a password is refused, without echoing the password', () => {
    const problems = problemsOf({ MICROSOFT_APP_TYPE: 'UserAssignedMSI', MICROSOFT_APP_ID: 'client-id', MICROSOFT_APP_TENANT_ID: TENANT, MICROSOFT_APP_PASSWORD: 'leaked-secret-value' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/takes no MICROSOFT_APP_PASSWORD/);
    expect(problems.join()).not.toContain('leaked-secret-value');
  });

  it('an app id with no type is multi-tenant and needs its password', () => {
    expect(problemsOf({ MICROSOFT_APP_ID: 'app' }).join()).toMatch(/MICROSOFT_APP_TYPE is unset, so MultiTenant .* needs MICROSOFT_APP_PASSWORD: missing/);
    expect(loadConfig({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'pw' }).teamsEnabled).toBe(true);
  });

  it('an unknown app type is refused with the three allowed', () => {
    expect(problemsOf({ MICROSOFT_APP_TYPE: 'SystemAssignedMSI', MICROSOFT_APP_ID: 'x' }).join()).toMatch(/MICROSOFT_APP_TYPE must be MultiTenant, SingleTenant or UserAssignedMSI/);
  });
});

describe('Slack Socket Mode', () => {
  it('SLACK_APP_TOKEN turns Slack on over Socket Mode without a signing secret', () => {
    const config = loadConfig({ SLACK_APP_TOKEN: 'xapp-1-A1-1-abc', SLACK_BOT_TOKEN: 'xoxb-1' });
    expect(config.slackEnabled).toBe(true);
    expect(config.slackSocketMode).toBe(true);
    expect(loadConfig({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1' }).slackSocketMode).toBe(false);
  });

  it('refuses an app token that is not an xapp- token, without echoing it', () => {
    const problems = problemsOf({ SLACK_APP_TOKEN: 'xoxb-a-bot-token-by-mistake', SLACK_BOT_TOKEN: 'xoxb-1' });
    expect(problems.join()).toMatch(/SLACK_APP_TOKEN must be an app-level token starting with xapp-/);
    expect(problems.join()).not.toContain('xoxb-a-bot-token-by-mistake');
  });

  it('Socket Mode still needs a bot token or the OAuth settings', () => {
    expect(problemsOf({ SLACK_APP_TOKEN: 'xapp-1-A1-1-abc' }).join()).toMatch(/SLACK_BOT_TOKEN is required with SLACK_APP_TOKEN/);
  });

  it('counts as a configured platform in production', () => {
    expect(loadConfig({ NODE_ENV: 'production', SLACK_APP_TOKEN: 'xapp-1-A1-1-abc', SLACK_BOT_TOKEN: 'xoxb-1' }).webChatEnabled).toBe(false);
  });
});
