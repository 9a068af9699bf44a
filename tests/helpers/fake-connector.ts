// A loopback Bot Connector: the serviceUrl Teams activities point at in tests. It records every call the bot makes
// (including ones it was told to fail) and can answer 429 with Retry-After, or any status, for the next requests.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorCall {
  method: string;
  path: string;
  conversationId: string | null;
  /** The activity an update (PUT) or reply (POST .../activities/:id) is about. */
  activityId: string | null;
  body: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  /** What the fake answered. */
  status: number;
  /** When the request arrived, epoch ms (real time). */
  at: number;
}

export interface Failure {
  status: number;
  retryAfter?: string;
}

export interface FakeConnector {
  /** The serviceUrl to put in activities, with a trailing slash as Teams sends it. */
  serviceUrl: string;
  calls: ConnectorCall[];
  /** The next requests (one per failure) get these answers instead of success. */
  failNext(...failures: Failure[]): void;
  /** Account ids (`29:...`) whose roster entry says userRole "owner"; anyone else is "user". */
  owners: Set<string>;
  /** Successful calls that sent an activity (posts, replies and updates). */
  sent(): ConnectorCall[];
  /** Resolves with the first call (already made or coming) that matches; rejects after `timeoutMs`. */
  waitFor(match: (call: ConnectorCall) => boolean, timeoutMs?: number): Promise<ConnectorCall>;
  reset(): void;
  close(): Promise<void>;
}

const ACTIVITIES = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;
/** GET one member of a conversation or team: the roster entry TeamsInfo.getMember reads. */
const MEMBER = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)\/?$/;

function readBody(req: import('node:http').IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      try {
        const parsed: unknown = raw === '' ? {} : JSON.parse(raw);
        resolve(typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {});
      } catch {
        resolve({ unparsable: raw });
      }
    });
  });
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  const failures: Failure[] = [];
  const owners = new Set<string>();
  const waiters = new Set<{ match: (call: ConnectorCall) => boolean; resolve: (call: ConnectorCall) => void }>();
  let nextId = 1;

  const server: Server = createServer(async (req, res) => {
    const at = Date.now();
    const body = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const match = ACTIVITIES.exec(path);
    const conversationId = match?.[1] ? decodeURIComponent(match[1]) : null;
    const activityId = match?.[2] ? decodeURIComponent(match[2]) : null;
    const failure = failures.shift();
    let status: number;
    let answer: unknown;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (failure) {
      status = failure.status;
      if (failure.retryAfter !== undefined) headers['retry-after'] = failure.retryAfter;
      answer = { error: { code: 'Failure', message: `fake connector answered ${failure.status}` } };
    } else if (match && (req.method === 'POST' || req.method === 'PUT')) {
      status = 200;
      answer = { id: req.method === 'PUT' && activityId ? activityId : `activity-${nextId++}` };
    } else if (MEMBER.test(path) && req.method === 'GET') {
      const memberId = decodeURIComponent(MEMBER.exec(path)?.[2] ?? '');
      status = 200;
      answer = { id: memberId, name: memberId, aadObjectId: memberId.replace(/^29:/, ''), userRole: owners.has(memberId) ? 'owner' : 'user' };
    } else if (path === '/v3/conversations' && req.method === 'POST') {
      status = 200;
      answer = { id: `conversation-${nextId++}`, activityId: `activity-${nextId++}` };
    } else {
      status = 404;
      answer = { error: { code: 'NotFound', message: 'no such route in the fake connector' } };
    }
    const call: ConnectorCall = { method: req.method ?? 'GET', path, conversationId, activityId, body, headers: req.headers, status, at };
    calls.push(call);
    res.writeHead(status, headers).end(JSON.stringify(answer));
    for (const waiter of waiters) {
      if (waiter.match(call)) {
        waiters.delete(waiter);
        waiter.resolve(call);
      }
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;

  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    calls,
    owners,
    failNext: (...next) => void failures.push(...next),
    sent: () => calls.filter((call) => call.status === 200 && call.conversationId !== null),
    waitFor(match, timeoutMs = 3_000) {
      const seen = calls.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve };
        waiters.add(waiter);
        setTimeout(() => {
          if (waiters.delete(waiter)) reject(new Error(`fake connector: no matching call within ${timeoutMs} ms; calls: ${calls.map((c) => `${c.method} ${c.path} ${c.status}`).join(', ')}`));
        }, timeoutMs).unref();
      });
    },
    reset: () => {
      calls.length = 0;
      failures.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
