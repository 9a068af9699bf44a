// A loopback stand-in for Slack's Socket Mode: `apps.connections.open` (answered by FakeSlack) hands out a
// ws://127.0.0.1 URL served here; each new socket gets `hello`, then the envelopes a test sends. The bot must ack
// every envelope_id within 3 s. A test can drop every socket mid-test; envelopes sent while no socket is open wait and
// go out on the next one (Slack keeps them for a reconnecting app), and an unacked envelope can be sent again.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

export const APP_TOKEN = 'xapp-1-A0TEST-0000-test-app-token-do-not-log';

export interface EnvelopeAck {
  envelopeId: string;
  /** ms from sending the envelope to its ack. */
  ms: number;
  /** What the bot put in the ack (view errors, for example); undefined for a bare ack. */
  payload: unknown;
  /** Which socket (in connection order, from 1) acked it. */
  socket: number;
}

interface Pending {
  envelope: Record<string, unknown>;
  sentAt: number;
  resolve: (ack: EnvelopeAck) => void;
}

export class FakeSocketMode {
  readonly acks: EnvelopeAck[] = [];
  /** Sockets opened so far (each reconnect opens one more). */
  connections = 0;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly open = new Map<WebSocket, number>();
  private readonly pending = new Map<string, Pending>();
  private readonly waiting: Array<Record<string, unknown>> = [];
  private seq = 0;
  private next = 0;
  private pinger: NodeJS.Timeout | null = null;

  constructor(private readonly baseWsUrl: () => string) {}

  /** Takes the HTTP server's upgrade requests for /link. */
  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (!(req.url ?? '').startsWith('/link')) {
        socket.destroy();
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
    });
    // Slack pings every few seconds; the client drops a socket that stays silent for 30 s.
    this.pinger = setInterval(() => {
      for (const ws of this.open.keys()) ws.ping();
    }, 2000);
  }

  /** What apps.connections.open answers. */
  connectionUrl(): string {
    this.seq += 1;
    return `${this.baseWsUrl()}/link/?ticket=${this.seq}`;
  }

  get openSockets(): number {
    return this.open.size;
  }

  /** Resolves once `count` sockets have said hello. */
  async waitForSockets(count: number, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.open.size < count) {
      if (Date.now() > deadline) throw new Error(`only ${this.open.size} of ${count} Socket Mode connections opened`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /**
   * Sends one envelope (`type` events_api, slash_commands or interactive) and resolves with its ack. `socket` picks
   * a socket by connection number; otherwise they take turns. With no socket open it waits for the next one.
   */
  send(type: string, payload: Record<string, unknown>, options: { socket?: number; retryAttempt?: number } = {}): Promise<EnvelopeAck> {
    this.seq += 1;
    const envelopeId = `env-${this.seq}-${Math.random().toString(36).slice(2, 8)}`;
    const envelope = { envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api', retry_attempt: options.retryAttempt ?? 0, retry_reason: options.retryAttempt ? 'timeout' : '' };
    return new Promise<EnvelopeAck>((resolve) => {
      this.pending.set(envelopeId, { envelope, sentAt: Date.now(), resolve });
      const target = this.pick(options.socket);
      if (target) target.send(JSON.stringify(envelope));
      else this.waiting.push(envelope);
    });
  }

  /** Cuts every open socket at once (no close frame), as a network drop does. */
  dropAll(): void {
    for (const ws of this.open.keys()) ws.terminate();
    this.open.clear();
  }

  async close(): Promise<void> {
    if (this.pinger) clearInterval(this.pinger);
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private accept(ws: WebSocket): void {
    this.connections += 1;
    const number = this.connections;
    ws.on('message', (data) => this.onAck(data.toString(), number));
    ws.on('close', () => this.open.delete(ws));
    ws.send(JSON.stringify({ type: 'hello', num_connections: this.open.size + 1, debug_info: { host: 'loopback' }, connection_info: { app_id: 'A0TEST' } }));
    this.open.set(ws, number);
    for (const envelope of this.waiting.splice(0)) ws.send(JSON.stringify(envelope));
  }

  private onAck(text: string, socket: number): void {
    const message = JSON.parse(text) as { envelope_id?: string; payload?: unknown };
    const pending = message.envelope_id ? this.pending.get(message.envelope_id) : undefined;
    if (!pending || !message.envelope_id) return;
    this.pending.delete(message.envelope_id);
    const ack: EnvelopeAck = { envelopeId: message.envelope_id, ms: Date.now() - pending.sentAt, payload: message.payload, socket };
    this.acks.push(ack);
    pending.resolve(ack);
  }

  private pick(socket: number | undefined): WebSocket | undefined {
    const entries = [...this.open.entries()];
    if (socket !== undefined) return entries.find(([, n]) => n === socket)?.[0];
    if (entries.length === 0) return undefined;
    this.next += 1;
    return entries[this.next % entries.length]?.[0];
  }
}
