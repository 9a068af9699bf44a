// A loopback Microsoft Graph and login endpoint: the client-credentials token endpoint and
// POST communications/getPresencesByUserId. Records every call; presences are set per user id; a call can be told to
// answer 429, 500 or hang. Tests point GRAPH_API_URL at `graphUrl` and MICROSOFT_LOGIN_URL at `loginUrl`.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GraphCall {
  path: string;
  /** The form (token) or JSON (presence) body. */
  body: Record<string, unknown>;
  authorization: string | null;
}

export type GraphTrouble = 429 | 500 | 'hang';

export const GRAPH_TOKEN = 'graph-app-token-do-not-log';

export class FakeGraph {
  readonly calls: GraphCall[] = [];
  /** Presence by user id: activity and availability as Graph names them; anyone else is Available. */
  readonly presences = new Map<string, { activity: string; availability?: string; isOutOfOffice?: boolean }>();
  private readonly troubles: GraphTrouble[] = [];
  private server: Server | null = null;
  baseUrl = '';

  get graphUrl(): string {
    return `${this.baseUrl}/v1.0/`;
  }

  get loginUrl(): string {
    return `${this.baseUrl}/login/`;
  }

  presenceCalls(): GraphCall[] {
    return this.calls.filter((c) => c.path.endsWith('/communications/getPresencesByUserId'));
  }

  tokenCalls(): GraphCall[] {
    return this.calls.filter((c) => c.path.endsWith('/oauth2/v2.0/token'));
  }

  /** The next presence call gets this instead of an answer. */
  troubleOnce(trouble: GraphTrouble): void {
    this.troubles.push(trouble);
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const path = new URL(req.url ?? '/', this.baseUrl).pathname;
    const form = (req.headers['content-type'] ?? '').includes('x-www-form-urlencoded');
    const body = form ? Object.fromEntries(new URLSearchParams(text)) : (JSON.parse(text || '{}') as Record<string, unknown>);
    this.calls.push({ path, body, authorization: req.headers.authorization ?? null });
    const json = (status: number, value: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));

    if (path.startsWith('/login/') && path.endsWith('/oauth2/v2.0/token')) {
      if (body['grant_type'] !== 'client_credentials' || body['client_secret'] !== 'app-secret') return void json(401, { error: 'invalid_client' });
      return void json(200, { token_type: 'Bearer', expires_in: 3599, access_token: GRAPH_TOKEN });
    }
    if (path === '/v1.0/communications/getPresencesByUserId' && req.method === 'POST') {
      if (req.headers.authorization !== `Bearer ${GRAPH_TOKEN}`) return void json(401, { error: { code: 'InvalidAuthenticationToken' } });
      const trouble = this.troubles.shift();
      if (trouble === 'hang') return;
      if (trouble === 429) return void res.writeHead(429, { 'retry-after': '5', 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'TooManyRequests' } }));
      if (trouble === 500) return void json(500, { error: { code: 'InternalServerError' } });
      const ids = Array.isArray(body['ids']) ? (body['ids'] as string[]) : [];
      if (ids.length > 650) return void json(400, { error: { code: 'BadRequest', message: 'too many ids' } });
      const value = ids.map((id) => {
        const set = this.presences.get(id);
        return {
          id,
          availability: set?.availability ?? (set ? 'Busy' : 'Available'),
          activity: set?.activity ?? 'Available',
          outOfOfficeSettings: { message: null, isOutOfOffice: set?.isOutOfOffice ?? false },
        };
      });
      return void json(200, { value });
    }
    json(404, { error: { code: 'NotFound' } });
  }
}

export async function startFakeGraph(): Promise<FakeGraph> {
  const graph = new FakeGraph();
  await graph.start();
  return graph;
}
