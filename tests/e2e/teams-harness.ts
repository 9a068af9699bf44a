// Test harness for Teams: the whole bot from createBot (anonymous auth, memory store, a clock the test sets) and a
// loopback fake Bot Connector that every activity's serviceUrl points at. Activity builders play the Teams client.
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { MemoryStore } from '../../src/adapters/memory/index.ts';
import { createBot, type Bot } from '../../src/bot.ts';
import { loadConfig } from '../../src/config.ts';
import { memberId, teamId } from '../../src/core/index.ts';
import { startFakeConnector, type FakeConnector } from '../helpers/fake-connector.ts';

export const TENANT = 'tenant-1';
export const BOT = { id: '28:desk-breaks-bot', name: 'Desk breaks' };
/** A Monday, 08:00 in Berlin (CET): the first default slot is 10:00 local, 09:00Z. */
export const MONDAY_0800_BERLIN = '2026-03-02T07:00:00Z';

export interface TeamsUser {
  aad: string;
  name: string;
  memberId: string;
  /** The 1:1 chat with the bot. */
  conversationId: string;
}

export function teamsUser(name: string): TeamsUser {
  const aad = `aad-${name.toLowerCase()}`;
  return { aad, name, memberId: memberId('teams', TENANT, aad), conversationId: `a:personal-${aad}` };
}

export interface TeamsChannel {
  teamThreadId: string;
  name: string;
  teamId: string;
}

export function teamsChannel(name: string): TeamsChannel {
  const teamThreadId = `19:${name.toLowerCase()}@thread.tacv2`;
  return { teamThreadId, name, teamId: teamId('teams', TENANT, teamThreadId) };
}

export interface PostResult {
  status: number;
  body: unknown;
  ms: number;
}

export interface TeamsHarness {
  bot: Bot;
  connector: FakeConnector;
  baseUrl: string;
  logs: Array<Record<string, unknown>>;
  setTime(iso: string): void;
  advance(ms: number): void;
  post(activity: unknown, headers?: Record<string, string>): Promise<PostResult>;
  postRaw(body: string, headers?: Record<string, string>): Promise<PostResult>;
  /** Activity builders with this harness's serviceUrl. */
  personal(user: TeamsUser, fields: Record<string, unknown>): Record<string, unknown>;
  message(user: TeamsUser, text: string, fields?: Record<string, unknown>): Record<string, unknown>;
  submit(user: TeamsUser, value: Record<string, unknown>, replyToId?: string, conversationId?: string): Record<string, unknown>;
  execute(user: TeamsUser, verb: string, data: Record<string, unknown>, conversationId?: string): Record<string, unknown>;
  install(user: TeamsUser): Record<string, unknown>;
  channelMessage(user: TeamsUser, channel: TeamsChannel, text: string): Record<string, unknown>;
  installInTeam(user: TeamsUser, channel: TeamsChannel): Record<string, unknown>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  start?: string;
  env?: Record<string, string>;
}

export async function startTeamsHarness(options: HarnessOptions = {}): Promise<TeamsHarness> {
  let t = Date.parse(options.start ?? MONDAY_0800_BERLIN);
  const clock = { now: () => t };
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const logger = pino({ level: 'info' }, sink);
  const env = { TEAMS_ALLOW_ANONYMOUS: 'true', PROMPT_SPREAD_SECONDS: '0', SCHEDULER_ENABLED: 'false', HOST: '127.0.0.1', ...options.env };
  // PORT 0 (any free port) is set after loading: the config schema asks for 1-65535.
  const config = { ...loadConfig(env), PORT: 0 };
  const connector = await startFakeConnector();
  const bot = await createBot(config, logger, { store: new MemoryStore({ now: clock.now }), clock, defaultMetrics: false });
  const { port } = await bot.listen();
  const baseUrl = `http://127.0.0.1:${port}`;
  const serviceUrl = connector.serviceUrl;

  async function send(body: string, headers: Record<string, string>): Promise<PostResult> {
    const started = performance.now();
    const response = await fetch(`${baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      // Left as text.
    }
    return { status: response.status, body: parsed, ms: performance.now() - started };
  }

  const base = (user: TeamsUser) => ({
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date(t).toISOString(),
    from: { id: `29:${user.aad}`, aadObjectId: user.aad, name: user.name },
    recipient: BOT,
    channelData: { tenant: { id: TENANT } },
  });

  const personal = (user: TeamsUser, fields: Record<string, unknown>) => ({
    ...base(user),
    conversation: { id: user.conversationId, conversationType: 'personal', tenantId: TENANT },
    localTimezone: 'Europe/Berlin',
    ...fields,
  });

  // Messages in a channel come from a thread (";messageid=..."); install events from the channel itself.
  const inChannel = (user: TeamsUser, channel: TeamsChannel, fields: Record<string, unknown>, thread = true) => ({
    ...base(user),
    conversation: { id: thread ? `${channel.teamThreadId};messageid=1700000000000` : channel.teamThreadId, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    channelData: { tenant: { id: TENANT }, team: { id: channel.teamThreadId, name: channel.name }, channel: { id: channel.teamThreadId } },
    localTimezone: 'Europe/Berlin',
    ...fields,
  });

  return {
    bot,
    connector,
    baseUrl,
    logs,
    setTime: (iso) => void (t = Date.parse(iso)),
    advance: (ms) => void (t += ms),
    post: (activity, headers = {}) => send(JSON.stringify(activity), headers),
    postRaw: (body, headers = {}) => send(body, headers),
    personal,
    message: (user, text, fields = {}) => personal(user, { type: 'message', text, ...fields }),
    submit: (user, value, replyToId, conversationId) =>
      personal(user, {
        type: 'message',
        value,
        ...(replyToId ? { replyToId } : {}),
        ...(conversationId ? { conversation: { id: conversationId, conversationType: 'personal', tenantId: TENANT } } : {}),
      }),
    execute: (user, verb, data, conversationId) =>
      personal(user, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
        ...(conversationId ? { conversation: { id: conversationId, conversationType: 'channel', tenantId: TENANT } } : {}),
      }),
    install: (user) => personal(user, { type: 'installationUpdate', action: 'add' }),
    channelMessage: (user, channel, text) =>
      inChannel(user, channel, {
        type: 'message',
        text: `<at>${BOT.name}</at> ${text}`,
        entities: [{ type: 'mention', mentioned: BOT, text: `<at>${BOT.name}</at>` }],
      }),
    installInTeam: (user, channel) => inChannel(user, channel, { type: 'conversationUpdate', membersAdded: [{ id: BOT.id }] }, false),
    async close() {
      await bot.close();
      await connector.close();
    },
  };
}

/** The Adaptive Card in a call's activity body (the first attachment), or null. */
export function cardOf(body: unknown): Record<string, unknown> | null {
  const attachments = (body as { attachments?: Array<{ contentType?: string; content?: unknown }> } | null)?.attachments ?? [];
  const card = attachments.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
  return (card as Record<string, unknown> | undefined) ?? null;
}

/** All the text a card shows, joined, for "the card says ..." assertions. */
export function cardText(card: unknown): string {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'text' || key === 'title' || key === 'value') && typeof value === 'string') texts.push(value);
        else if (key !== 'data') walk(value);
      }
    }
  };
  walk(card);
  return texts.join('\n');
}

/** Every action in a card, fallbacks included, flattened. */
export function actionsOf(card: unknown): Array<Record<string, unknown>> {
  const actions = ((card as { actions?: Array<Record<string, unknown>> } | null)?.actions ?? []).slice();
  return actions;
}
