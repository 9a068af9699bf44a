// A loopback HTTP proxy in front of a fake platform (FakeSlack, the fake Bot Connector) that decides, per request,
// to forward it or to answer 429 with Retry-After, 500, never answer (a timeout) or hold it (a stall the test
// releases by killing the caller). It records every request with what it did, so tests can check the bot's retries.
// A path prefix "/<instance>/" names the bot process that made the call and is stripped before forwarding.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault = { kind: 'forward' } | { kind: 'rate-limit'; retryAfterSeconds: number } | { kind: 'error'; status: number } | { kind: 'timeout' } | { kind: 'stall' };

/** What the proxy knows of a request when it decides. */
export interface ProxiedRequest {
  instance: string | null;
  method: string;
  /** Path after the instance prefix. */
  path: string;
  /** What one retry sequence shares (e.g. "chat.postMessage DU12"); the bot retries a failed call with the same key. */
  target: string;
  /** The rate-limit scope (Slack workspace, Teams tenant or conversation). */
  scope: string;
  /** Earlier requests with this target (0 for the first). */
  attempt: number;
}

export interface ProxyRecord extends ProxiedRequest {
  /** Arrival, epoch ms. */
  at: number;
  fault: Fault;
  /** The upstream status for a forwarded request. */
  status: number | null;
}

export interface Classified {
  target: string;
  scope: string;
}

export interface FaultProxyOptions {
  /** Base URL of the fake platform, without a trailing slash. */
  upstream: string;
  classify(path: string, headers: IncomingMessage['headers'], body: string): Classified;
  decide(request: ProxiedRequest): Fault;
  /** A request held for a timeout is dropped after this long if the caller has not given up (default 30 s). */
  holdLimitMs?: number;
}

export interface FaultProxy {
  baseUrl: string;
  records: ProxyRecord[];
  /** Base URL for one instance's requests. */
  urlFor(instance: string): string;
  /** Resolves when a request matching `match` has arrived. */
  waitFor(match: (record: ProxyRecord) => boolean, timeoutMs: number): Promise<ProxyRecord>;
  close(): Promise<void>;
}

const INSTANCE_PREFIX = /^\/(i\d+)(\/.*)$/;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((done) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => done(''));
  });
}

/** Hop-by-hop headers are the proxy's own business; the rest pass through. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host', 'content-length']);

function forwardHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(key)) continue;
    out[key] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const records: ProxyRecord[] = [];
  const attempts = new Map<string, number>();
  const held = new Set<ServerResponse>();
  const waiters = new Set<{ match: (r: ProxyRecord) => boolean; done: (r: ProxyRecord) => void }>();
  const holdLimitMs = options.holdLimitMs ?? 30_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const body = await readBody(req);
    const rawPath = req.url ?? '/';
    const prefixed = INSTANCE_PREFIX.exec(rawPath);
    const instance = prefixed?.[1] ?? null;
    const path = prefixed?.[2] ?? rawPath;
    const { target, scope } = options.classify(path, req.headers, body);
    const attempt = attempts.get(target) ?? 0;
    attempts.set(target, attempt + 1);
    const request: ProxiedRequest = { instance, method: req.method ?? 'GET', path, target, scope, attempt };
    const fault = options.decide(request);
    const record: ProxyRecord = { ...request, at, fault, status: null };
    records.push(record);
    for (const waiter of waiters) {
      if (waiter.match(record)) {
        waiters.delete(waiter);
        waiter.done(record);
      }
    }

    switch (fault.kind) {
      case 'rate-limit':
        res.writeHead(429, { 'retry-after': String(fault.retryAfterSeconds), 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        return;
      case 'error':
        res.writeHead(fault.status, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'internal_error' }));
        return;
      case 'timeout':
      case 'stall': {
        // Never forwarded: the platform never saw it. Released when the caller gives up (or dies), or after the limit.
        held.add(res);
        const timer = setTimeout(() => res.destroy(), holdLimitMs);
        res.once('close', () => {
          clearTimeout(timer);
          held.delete(res);
        });
        return;
      }
      case 'forward': {
        try {
          const upstream = await fetch(`${options.upstream}${path}`, {
            method: req.method ?? 'GET',
            headers: forwardHeaders(req.headers),
            ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body }),
          });
          const text = await upstream.text();
          record.status = upstream.status;
          res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' }).end(text);
        } catch {
          res.writeHead(502).end();
        }
      }
    }
  }

  const server: Server = createServer((req, res) => void handle(req, res));
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    records,
    urlFor: (instance) => `${baseUrl}/${instance}`,
    waitFor(match, timeoutMs) {
      const seen = records.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((done, fail) => {
        const waiter = { match, done };
        waiters.add(waiter);
        setTimeout(() => {
          if (waiters.delete(waiter)) fail(new Error(`fault proxy: no matching request within ${timeoutMs} ms (${records.length} so far)`));
        }, timeoutMs).unref();
      });
    },
    close: () =>
      new Promise<void>((done) => {
        for (const res of held) res.destroy();
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

/** Slack Web API calls: the method and its channel/user argument make the target; the bot token names the workspace. */
export function classifySlack(path: string, headers: IncomingMessage['headers'], body: string): Classified {
  const method = path.replace(/^\/api\//, '').split('?')[0] ?? path;
  const args: Record<string, string> = (headers['content-type'] ?? '').includes('json')
    ? (JSON.parse(body || '{}') as Record<string, string>)
    : Object.fromEntries(new URLSearchParams(body));
  const auth = headers.authorization ?? '';
  const token = auth.startsWith('Bearer ') ? auth.slice(7) : (args['token'] ?? '');
  // A picture upload is one call per file: its file name (or the completed file ids) tells one upload from another.
  const subject = args['channel'] ?? args['user'] ?? args['users'] ?? args['filename'] ?? args['files'] ?? '';
  return { target: `${token} ${method} ${subject}`, scope: workspaceOfToken(token) };
}

/** Tokens the multi-process tests hand out are "xoxb-<workspace>-<secret>". */
export function workspaceOfToken(token: string): string {
  return token.split('-')[1] ?? token;
}

/** Bot Connector calls: the conversation is both the target of a retry and the per-conversation limit's scope. */
export function classifyConnector(path: string): Classified {
  const conversation = /^\/v3\/conversations\/([^/]+)/.exec(path)?.[1] ?? path;
  const id = decodeURIComponent(conversation);
  return { target: `${path.includes('/activities/') ? 'update' : 'post'} ${id}`, scope: id };
}

/** mulberry32: a small seeded PRNG, so a failing run can be replayed with its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of a string, to derive a per-request seed from (seed, target, attempt) whatever order requests arrive in. */
export function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
