// slack-manifest.yml asks for exactly the scopes the OAuth install requests and sends everything to POST /slack/events.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BOT_SCOPES, EVENTS_PATH } from '../../src/adapters/slack/index.ts';

const manifest = readFileSync(resolve(import.meta.dirname, '../../slack-manifest.yml'), 'utf8');

/** The "- item" lines right under `key:` (the manifest is plain block YAML). */
function listUnder(key: string): string[] {
  const lines = manifest.split('\n');
  const start = lines.findIndex((line) => line.trim() === `${key}:`);
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const item = /^\s+- (.+)$/.exec(line);
    if (!item?.[1]) break;
    items.push(item[1].trim());
  }
  return items;
}

describe('slack-manifest.yml', () => {
  it('requests the same bot scopes as the OAuth install', () => {
    expect(listUnder('bot')).toEqual(BOT_SCOPES);
  });

  it('sends the slash command, events and interactivity to POST /slack/events', () => {
    const urls = [...manifest.matchAll(/(?:url|request_url): (\S+)/g)].map((m) => m[1]);
    expect(urls).toHaveLength(3);
    for (const url of urls) expect(new URL(url ?? '').pathname).toBe(EVENTS_PATH);
    expect(manifest).toContain('command: /breaks');
  });

  it('subscribes to the events the adapter handles and turns on the Home tab', () => {
    expect(listUnder('bot_events')).toEqual(['app_home_opened', 'app_uninstalled', 'tokens_revoked']);
    expect(manifest).toMatch(/home_tab_enabled: true/);
    expect(listUnder('redirect_urls').map((u) => new URL(u).pathname)).toEqual(['/slack/oauth_redirect']);
  });
});
