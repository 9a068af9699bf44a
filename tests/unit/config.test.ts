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

  it('refuses a port out of range', () => {
    expect(problemsOf({ PORT: '70000' })).toEqual(['PORT must be 0-65535 (0 picks a free port)']);
  });

  it('never echoes a secret value in its message', () => {
    const problems = problemsOf({ SLACK_SIGNING_SECRET: 'super-secret-value' });
    expect(problems.join('\n')).toMatch(/SLACK_BOT_TOKEN is required/);
    expect(problems.join('\n')).not.toContain('super-secret-value');
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
