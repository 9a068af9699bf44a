// A loopback Slack Web API: records every call, answers the methods the bot uses, and can be told to answer 429 once
// or to get into trouble once (no answer, a cut connection, 503).
// Also receives response_url posts. Tests point SLACK_API_URL at `apiUrl`. startSlackWorld builds the whole bot against it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino, type Logger as PinoLogger } from 'pino';
import type { Store } from '../../src/core/index.ts';
import { MemoryStore } from '../../src/adapters/memory/index.ts';
import { createBot, type Bot } from '../../src/bot.ts';
import { loadConfig } from '../../src/config.ts';
import { APP_TOKEN, FakeSocketMode } from './fake-socket-mode.ts';
import { blockActionBody, commandBody, postSigned, type ClickInput, type SignedPostOptions, type SlackBody } from './slack-sign.ts';

export interface RecordedCall {
  method: string;
  args: Record<string, string>;
  token: string | null;
  /** Real time the call arrived (ms). */
  at: number;
}

export interface ResponseUrlPost {
  path: string;
  body: Record<string, unknown>;
  at: number;
}

export interface DndAnswer {
  dnd_enabled: boolean;
  next_dnd_start_ts?: number;
  next_dnd_end_ts?: number;
  snooze_enabled?: boolean;
  snooze_endtime?: number;
}

type Answer = Record<string, unknown>;

/**
 * What one call gets instead of an answer, after it was read and recorded: `hang` never answers (the client times
 * out), `drop` cuts the connection, `unavailable` answers HTTP 503.
 */
export type Trouble = 'hang' | 'drop' | 'unavailable';

export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  /** users.info time zones by user id; anyone else is in Europe/Berlin. */
  readonly timezones = new Map<string, string>();
  /** users.info roles by user id: 'admin' (is_admin) or 'owner' (is_owner); anyone else is neither. */
  readonly roles = new Map<string, 'admin' | 'owner'>();
  readonly dnd = new Map<string, DndAnswer>();
  /** users.info locales (asked with include_locale) by user id; anyone else is en-US. */
  readonly locales = new Map<string, string>();
  /** users.profile.get profiles by user id (status, huddle); anyone else has no status. */
  readonly profiles = new Map<string, Record<string, unknown>>();
  /** Messages Slack has (posted, or received by a post whose answer never came), newest last: conversations.history reads them. */
  readonly messages: Array<{ channel: string; ts: string; text: string; metadata: unknown; at: number }> = [];
  /** While set, answers to chat.postMessage are held (the message is kept) until released with releasePosts(). */
  private heldPosts: Array<() => void> | null = null;
  /** Set by an OAuth test: what oauth.v2.access hands out. */
  oauthTeam = { id: 'T0OAUTH', name: 'OAuth Workspace' };
  /** Set for an Enterprise Grid org-wide install: oauth.v2.access then names the org and no team. */
  oauthEnterprise: { id: string; name: string } | null = null;
  /** Token rotation on: installs get a refresh token, bot tokens expire after `tokenLifetimeSeconds` by `now()`. */
  tokenRotation = false;
  tokenLifetimeSeconds = 43_200;
  /** How long a refresh takes to answer, so concurrent refreshes overlap. */
  refreshDelayMs = 0;
  now: () => number = () => Date.now();
  /** Rotating bot tokens and when each expires; refresh tokens not yet spent. */
  readonly tokenExpiry = new Map<string, number>();
  private readonly liveRefreshTokens = new Set<string>();
  private issued = 0;
  private readonly rateLimits = new Map<string, number>();
  private responseRateLimit: number | null = null;
  private readonly platformErrors = new Map<string, string>();
  private readonly platformErrorsOnce = new Map<string, string>();
  private readonly troubles = new Map<string, Trouble>();
  private readonly repeatedTroubles = new Map<string, { trouble: Trouble; left: number }>();
  private server: Server | null = null;
  private seq = 0;
  /** Bytes posted to an upload_url, by file id. */
  readonly uploads = new Map<string, Buffer>();

  /** As Slack answers a message whose image block names a file it does not have (deleted, never uploaded): invalid_blocks. */
  private unknownFileIn(blocks: string | undefined): boolean {
    const parsed = JSON.parse(blocks ?? '[]') as Array<{ type?: string; slack_file?: { id?: string } }>;
    const unknown = parsed.some((block) => block.type === 'image' && block.slack_file?.id !== undefined && !this.uploads.has(block.slack_file.id));
    if (unknown) this.refusedForFiles += 1;
    return unknown;
  }

  /** Messages refused with invalid_blocks for naming a file Slack does not have. */
  refusedForFiles = 0;
  baseUrl = '';
  /** Socket Mode: apps.connections.open hands out its ws:// URL on this same server. */
  readonly socketMode = new FakeSocketMode(() => this.baseUrl.replace(/^http:/, 'ws:'));

  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  responseUrl(name = 'r'): string {
    this.seq += 1;
    return `${this.baseUrl}/response/${name}-${this.seq}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.socketMode.attach(this.server);
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await this.socketMode.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** The next call of `method` gets HTTP 429 with Retry-After: `seconds`. */
  rateLimitOnce(method: string, seconds: number): void {
    this.rateLimits.set(method, seconds);
  }

  /** The next response_url post is recorded, then answered 429 with this Retry-After. */
  rateLimitNextResponse(seconds: number): void {
    this.responseRateLimit = seconds;
  }

  /** The next call of `method` is recorded, then gets `trouble` instead of an answer. */
  troubleOnce(method: string, trouble: Trouble): void {
    this.troubles.set(method, trouble);
  }

  /** The next `times` calls of `method` get `trouble`. */
  troubleTimes(method: string, trouble: Trouble, times: number): void {
    this.repeatedTroubles.set(method, { trouble, left: times });
  }

  /** Every call of `method` answers ok:false with this error word until cleared (null). */
  failWith(method: string, error: string | null): void {
    if (error === null) this.platformErrors.delete(method);
    else this.platformErrors.set(method, error);
  }

  /** Only the next call of `method` answers ok:false with this error word. */
  failOnce(method: string, error: string): void {
    this.platformErrorsOnce.set(method, error);
  }

  /** From now on every chat.postMessage is kept as a message but not answered until releasePosts(). */
  holdPosts(): void {
    this.heldPosts ??= [];
  }

  releasePosts(): void {
    const held = this.heldPosts ?? [];
    this.heldPosts = null;
    for (const answer of held) answer();
  }

  /** The prompt ids carried by the message metadata of every message Slack has, in order. */
  promptIdsPosted(): string[] {
    return this.messages.map((m) => (m.metadata as { event_payload?: { prompt_id?: string } } | null)?.event_payload?.prompt_id ?? '');
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /**
   * Waits until a call of `method` matching `match` has arrived (the bot works after its ack).
   * `after` skips calls already recorded when the caller took `calls.length`.
   */
  async waitForCall(method: string, match: (call: RecordedCall) => boolean = () => true, timeoutMs = 5000, after = 0): Promise<RecordedCall> {
    const found = await waitFor(() => this.calls.slice(after).find((c) => c.method === method && match(c)), timeoutMs);
    if (!found) throw new Error(`no ${method} call arrived; calls so far: ${this.calls.map((c) => c.method).join(', ')}`);
    return found;
  }

  /** response_url posts that replace the clicked message (a click's in-place update), oldest first. */
  replacements(): ResponseUrlPost[] {
    return this.responses.filter(isReplacement);
  }

  waitForReplacement(match: (post: ResponseUrlPost) => boolean = () => true, timeoutMs = 5000): Promise<ResponseUrlPost> {
    return this.waitForResponse((post) => isReplacement(post) && match(post), timeoutMs);
  }

  async waitForResponse(match: (post: ResponseUrlPost) => boolean = () => true, timeoutMs = 5000): Promise<ResponseUrlPost> {
    const found = await waitFor(() => this.responses.find(match), timeoutMs);
    if (!found) throw new Error(`no response_url post arrived; posts so far: ${this.responses.length}`);
    return found;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.baseUrl);
    if (url.pathname.startsWith('/upload/')) {
      // files.getUploadURLExternal's upload_url: the bytes of a file, posted before files.completeUploadExternal.
      this.uploads.set(url.pathname.slice('/upload/'.length), Buffer.concat(chunks));
      res.writeHead(200, { 'content-type': 'text/plain' }).end('OK - uploaded');
      return;
    }
    if (url.pathname.startsWith('/response/')) {
      this.responses.push({ path: url.pathname, body: JSON.parse(text || '{}') as Record<string, unknown>, at: Date.now() });
      const limited = this.responseRateLimit;
      this.responseRateLimit = null;
      if (limited !== null) res.writeHead(429, { 'retry-after': String(limited), 'content-type': 'text/plain' }).end('rate limited');
      else res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const method = url.pathname.replace(/^\/api\//, '');
    const args = (req.headers['content-type'] ?? '').includes('json')
      ? (Object.fromEntries(Object.entries(JSON.parse(text || '{}') as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])) as Record<string, string>)
      : Object.fromEntries(new URLSearchParams(text));
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : (args['token'] ?? null);
    this.calls.push({ method, args, token, at: Date.now() });

    const repeated = this.repeatedTroubles.get(method);
    if (repeated !== undefined && !this.troubles.has(method)) {
      repeated.left -= 1;
      if (repeated.left <= 0) this.repeatedTroubles.delete(method);
      this.troubles.set(method, repeated.trouble);
    }
    const trouble = this.troubles.get(method);
    // Slack acts on a post it received, whether or not its answer reaches the caller.
    const keep = () => {
      if (method !== 'chat.postMessage') return;
      const metadata = args['metadata'] ? (JSON.parse(args['metadata']) as unknown) : null;
      this.messages.push({ channel: args['channel'] ?? '', ts: `${Math.floor(Date.now() / 1000)}.${String(this.messages.length + 1).padStart(6, '0')}`, text: args['text'] ?? '', metadata, at: Date.now() });
    };
    if (trouble !== undefined) {
      this.troubles.delete(method);
      if (trouble !== 'unavailable') keep();
      if (trouble === 'drop') req.socket.destroy();
      if (trouble === 'unavailable') res.writeHead(503, { 'content-type': 'text/plain' }).end('service unavailable');
      // A hung call stays open until the client gives up or close() ends every connection.
      return;
    }
    const expiry = token === null ? undefined : this.tokenExpiry.get(token);
    if (expiry !== undefined && this.now() >= expiry) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'token_expired' }));
      return;
    }
    if (method === 'oauth.v2.access' && args['grant_type'] === 'refresh_token') {
      if (this.refreshDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.refreshDelayMs));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(this.refresh(args)));
      return;
    }
    const limited = this.rateLimits.get(method);
    if (limited !== undefined) {
      this.rateLimits.delete(method);
      res.writeHead(429, { 'retry-after': String(limited), 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    const once = this.platformErrorsOnce.get(method);
    this.platformErrorsOnce.delete(method);
    const failure = once ?? this.platformErrors.get(method);
    if (!failure) keep();
    const answer: Answer = failure ? { ok: false, error: failure } : this.answer(method, args, token);
    const send = () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    if (method === 'chat.postMessage' && this.heldPosts) this.heldPosts.push(send);
    else send();
  }

  private answer(method: string, args: Record<string, string>, token: string | null): Answer {
    this.seq += 1;
    const ts = `${Math.floor(Date.now() / 1000)}.${String(this.seq).padStart(6, '0')}`;
    switch (method) {
      case 'files.getUploadURLExternal': {
        const fileId = `F${String(this.seq).padStart(8, '0')}`;
        if (!args['filename'] || !(Number(args['length']) > 0)) return { ok: false, error: 'invalid_arguments' };
        return { ok: true, upload_url: `${this.baseUrl}/upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal': {
        const files = JSON.parse(args['files'] ?? '[]') as Array<{ id: string; title?: string }>;
        // Slack completes only files whose bytes arrived at their upload_url.
        if (files.length === 0 || files.some((f) => !this.uploads.has(f.id))) return { ok: false, error: 'file_not_found' };
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? '' })) };
      }
      case 'apps.connections.open':
        // Only the app-level token opens a socket (Slack: not_allowed_token_type for a bot token).
        return token === APP_TOKEN ? { ok: true, url: this.socketMode.connectionUrl() } : { ok: false, error: token?.startsWith('xapp-') ? 'invalid_auth' : 'not_allowed_token_type' };
      case 'auth.test':
        return this.oauthEnterprise
          ? { ok: true, url: 'https://org.enterprise.slack.com/', user: 'breakbot', enterprise_id: this.oauthEnterprise.id, user_id: 'UBOT', bot_id: 'BBOT', is_enterprise_install: true }
          : { ok: true, url: 'https://example.slack.com/', team: 'Example', user: 'breakbot', team_id: 'T0TEST', user_id: 'UBOT', bot_id: 'BBOT' };
      case 'users.info': {
        const user = args['user'] ?? 'U0';
        const role = this.roles.get(user);
        return {
          ok: true,
          user: {
            id: user,
            name: user.toLowerCase(),
            real_name: `Person ${user}`,
            tz: this.timezones.get(user) ?? 'Europe/Berlin',
            is_admin: role === 'admin' || role === 'owner',
            is_owner: role === 'owner',
            ...(args['include_locale'] === 'true' ? { locale: this.locales.get(user) ?? 'en-US' } : {}),
            profile: { display_name: `person-${user.toLowerCase()}` },
          },
        };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: `D${args['users'] ?? 'X'}` } };
      case 'conversations.history': {
        const channel = args['channel'] ?? '';
        const limit = Number(args['limit'] ?? 100);
        const inChannel = this.messages.filter((m) => m.channel === channel).slice(-limit).reverse();
        // Slack returns message metadata only when asked to.
        const withMetadata = args['include_all_metadata'] === 'true';
        return { ok: true, messages: inChannel.map((m) => ({ type: 'message', ts: m.ts, text: m.text, ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}) })), has_more: false };
      }
      case 'conversations.info':
        return { ok: true, channel: { id: args['channel'], name: 'secret-team' } };
      case 'chat.postMessage':
        if (this.unknownFileIn(args['blocks'])) return { ok: false, error: 'invalid_blocks' };
        return { ok: true, channel: args['channel'], ts, message: { ts } };
      case 'chat.update':
        if (this.unknownFileIn(args['blocks'])) return { ok: false, error: 'invalid_blocks' };
        return { ok: true, channel: args['channel'], ts: args['ts'] };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: ts };
      case 'views.open':
        return { ok: true, view: { id: `V${this.seq}` } };
      case 'views.publish':
        return { ok: true, view: { id: `V${this.seq}` } };
      case 'users.profile.get':
        return { ok: true, profile: { status_text: '', status_emoji: '', status_expiration: 0, huddle_state: 'default_unset', ...(this.profiles.get(args['user'] ?? '') ?? {}) } };
      case 'dnd.info':
        return { ok: true, ...(this.dnd.get(args['user'] ?? '') ?? { dnd_enabled: false, snooze_enabled: false }) };
      case 'oauth.v2.access':
        return {
          ok: true,
          app_id: 'A0TEST',
          authed_user: { id: 'UINSTALLER' },
          scope: 'commands,chat:write,im:write,users:read,dnd:read',
          token_type: 'bot',
          bot_user_id: 'UBOT',
          team: this.oauthEnterprise ? null : this.oauthTeam,
          enterprise: this.oauthEnterprise,
          is_enterprise_install: this.oauthEnterprise !== null,
          ...(this.tokenRotation ? this.issueRotating() : { access_token: `xoxb-installed-${this.oauthTeam.id}-secret` }),
        };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  /** A rotating bot token (xoxe.xoxb-) with its single-use refresh token (xoxe-). */
  private issueRotating(): RotatingTokens {
    this.issued += 1;
    const access = `xoxe.xoxb-rotating-${this.issued}-secret`;
    const refresh = `xoxe-1-refresh-${this.issued}-secret`;
    this.tokenExpiry.set(access, this.now() + this.tokenLifetimeSeconds * 1000);
    this.liveRefreshTokens.add(refresh);
    return { access_token: access, refresh_token: refresh, expires_in: this.tokenLifetimeSeconds };
  }

  /** grant_type=refresh_token: a refresh token works once (Slack hands out the next one with the new bot token). */
  private refresh(args: Record<string, string>): Answer {
    const refreshToken = args['refresh_token'] ?? '';
    if (args['client_secret'] === undefined || !this.liveRefreshTokens.delete(refreshToken)) return { ok: false, error: 'invalid_refresh_token' };
    return { ok: true, app_id: 'A0TEST', token_type: 'bot', scope: 'commands,chat:write', bot_user_id: 'UBOT', team: this.oauthTeam, enterprise: null, is_enterprise_install: false, ...this.issueRotating() };
  }
}

export interface RotatingTokens {
  access_token: string;
  refresh_token: string;
  expires_in: number;
}

async function waitFor<T>(find: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A response_url post that replaces the clicked message (a click's in-place update). */
function isReplacement(post: ResponseUrlPost): boolean {
  return post.body['replace_original'] === true;
}

/** JSON-decoded `blocks` of a recorded call (the WebClient sends them as a JSON string in the form). */
export function blocksOf(call: RecordedCall | ResponseUrlPost): Array<Record<string, unknown>> {
  if (!('method' in call)) return (call.body['blocks'] ?? []) as Array<Record<string, unknown>>;
  return JSON.parse(call.args['blocks'] ?? '[]') as Array<Record<string, unknown>>;
}

/** Every piece of text in a call's blocks (or view), joined: what a person reads in Slack. The fallback `text` is separate. */
export function textOf(call: RecordedCall | ResponseUrlPost): string {
  const source = 'method' in call ? { blocks: blocksOf(call), view: call.args['view'] ? JSON.parse(call.args['view']) : undefined } : call.body['blocks'];
  const texts: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') return;
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'text' && typeof inner === 'string') texts.push(inner);
        else walk(inner);
      }
    }
  };
  walk(source);
  return texts.join('\n');
}

/** What Socket Mode carries for a body the HTTP tests post: the parsed payload of a click, a command's fields, an event's JSON. */
export function socketPayload(body: SlackBody): Record<string, unknown> {
  if ('json' in body) return body.json as Record<string, unknown>;
  if ('form' in body) return body.form['payload'] !== undefined ? (JSON.parse(body.form['payload']) as Record<string, unknown>) : body.form;
  throw new Error('a raw body has no Socket Mode form');
}

// ---------------------------------------------------------------------------------------------------------------
// The whole bot, built by createBot exactly as in production, wired to a FakeSlack, with a clock the test sets.

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const BOT_TOKEN = 'xoxb-test-bot-token-do-not-log';
export const WORKSPACE = 'T0TEST';

export interface SlackWorld {
  slack: FakeSlack;
  bot: Bot;
  store: Store;
  baseUrl: string;
  eventsUrl: string;
  setTime(iso: string): void;
  advance(ms: number): void;
  now(): number;
  /** Posts a body to /slack/events signed as Slack signs it. */
  post(body: SlackBody, options?: SignedPostOptions): Promise<Response>;
  /** `/breaks <text>` by `userId`; resolves with the response_url post the bot makes. */
  command(userId: string, text: string, channel?: { id: string; name: string }): Promise<ResponsePostWithStatus>;
  click(input: Omit<ClickInput, 'teamId'> & { teamId?: string }, options?: SignedPostOptions): Promise<Response>;
  metric(name: string, platform: string): Promise<number>;
  /** Another instance of the bot on the same store, clock and fake Slack (closed with the world). */
  anotherBot(): Promise<Bot>;
  close(): Promise<void>;
}

export interface ResponsePostWithStatus extends ResponseUrlPost {
  status: number;
  text: string;
}

export interface SlackWorldOptions {
  startIso: string;
  /** Defaults to a fresh MemoryStore on the test clock. */
  store?: (now: () => number) => Store;
  /** Extra or replacing environment variables (e.g. OAuth ones); a value of '' unsets. */
  env?: Record<string, string>;
  logger?: PinoLogger;
  /** Socket Mode: SLACK_APP_TOKEN set and no signing secret, so no HTTP endpoint takes Slack traffic. */
  socketMode?: boolean;
  /** Sets the fake Slack up before the bot starts (troubles at start-up). */
  prepare?: (slack: FakeSlack) => void;
}

export async function startSlackWorld(options: SlackWorldOptions): Promise<SlackWorld> {
  const slack = new FakeSlack();
  await slack.start();
  options.prepare?.(slack);
  let t = Date.parse(options.startIso);
  const clock = { now: () => t };
  // Rotating tokens expire by the test's clock.
  slack.now = clock.now;
  const store = options.store ? options.store(clock.now) : new MemoryStore({ now: clock.now });
  const loaded = loadConfig({
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_API_URL: slack.apiUrl,
    HOST: '127.0.0.1',
    SCHEDULER_ENABLED: 'false',
    PROMPT_SPREAD_SECONDS: '0',
    LOG_LEVEL: 'silent',
    ...(options.socketMode ? { SLACK_APP_TOKEN: APP_TOKEN, SLACK_SIGNING_SECRET: '' } : {}),
    ...options.env,
  });
  // The config schema wants a real port; createBot listens on a free one when given 0.
  const config = { ...loaded, PORT: 0 };
  const bot = await createBot(config, options.logger ?? pino({ level: 'silent' }), { store, clock, defaultMetrics: false });
  const { port } = await bot.listen().catch(async (err: unknown) => {
    // A bot that cannot start (a refused Socket Mode token) leaves nothing running behind the test.
    await bot.close().catch(() => undefined);
    await slack.close();
    throw err;
  });
  const others: Bot[] = [];
  const baseUrl = `http://127.0.0.1:${port}`;
  const eventsUrl = `${baseUrl}/slack/events`;
  const post = (body: SlackBody, signed?: SignedPostOptions) => postSigned(eventsUrl, SIGNING_SECRET, body, signed);
  return {
    slack,
    bot,
    store,
    baseUrl,
    eventsUrl,
    setTime: (iso) => {
      t = Date.parse(iso);
    },
    advance: (ms) => {
      t += ms;
    },
    now: () => t,
    post,
    async command(userId, text, channel) {
      const responseUrl = slack.responseUrl(userId);
      const res = await post(commandBody({ teamId: WORKSPACE, userId, text, responseUrl, ...(channel ? { channelId: channel.id, channelName: channel.name } : {}) }));
      const reply = await slack.waitForResponse((p) => p.path === new URL(responseUrl).pathname);
      return { ...reply, status: res.status, text: textOf(reply) };
    },
    // Each click carries its own response_url on this fake, as Slack gives one with every interaction.
    click: (input, signed) => post(blockActionBody({ teamId: WORKSPACE, responseUrl: slack.responseUrl('click'), ...input }), signed),
    async metric(name, platform) {
      const text = await (await fetch(`${baseUrl}/metrics`)).text();
      const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(`platform="${platform}"`));
      return line ? Number(line.split(' ').pop()) : 0;
    },
    async anotherBot() {
      const other = await createBot(config, options.logger ?? pino({ level: 'silent' }), { store, clock, defaultMetrics: false });
      others.push(other);
      await other.listen();
      return other;
    },
    async close() {
      // The other instances first: they share the store the first one closes.
      for (const other of others) await other.close();
      await bot.close();
      await slack.close();
    },
  };
}
