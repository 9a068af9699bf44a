// The event hub behind the live prompt stream: heartbeats, a bounded backlog, and clean-up.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_EVENT_HUB_OPTIONS, EventHub, type EventSink } from '../../src/adapters/web/event-hub.ts';
import { SseClient } from './web-sse-client.ts';
import { startWebChatServer, type WebChatServer } from './web-server.ts';

class RecordingSink implements EventSink {
  frames: string[] = [];
  ended = false;
  write(frame: string): void {
    this.frames.push(frame);
  }
  end(): void {
    this.ended = true;
  }
}

const ADA = 'web:local:ada';
const hubs: EventHub[] = [];
function newHub(backlogSize = 3, backlogMembers = 100): EventHub {
  const hub = new EventHub({ ...DEFAULT_EVENT_HUB_OPTIONS, heartbeatMs: 60_000, backlogSize, backlogMembers });
  hubs.push(hub);
  return hub;
}

afterEach(() => {
  for (const hub of hubs.splice(0)) hub.closeAll();
});

describe('event hub', () => {
  it('keeps only the newest events for a member with no open stream and flushes them in order on open', () => {
    const hub = newHub(3);
    for (let i = 1; i <= 5; i += 1) hub.publish(ADA, 'prompt', { n: i });
    const sink = new RecordingSink();
    hub.open(ADA, sink);
    expect(sink.frames.map((frame) => JSON.parse(frame.split('data: ')[1] ?? '').n)).toEqual([3, 4, 5]);
    const later = new RecordingSink();
    hub.open(ADA, later);
    expect(later.frames).toEqual([]);
  });

  it('keeps backlogs for a bounded number of offline members, dropping the one written to longest ago', () => {
    const hub = newHub(3, 2);
    hub.publish('web:local:a', 'prompt', { n: 1 });
    hub.publish('web:local:b', 'prompt', { n: 2 });
    hub.publish('web:local:a', 'prompt', { n: 3 });
    hub.publish('web:local:c', 'prompt', { n: 4 });
    const [a, b, c] = [new RecordingSink(), new RecordingSink(), new RecordingSink()];
    hub.open('web:local:a', a);
    hub.open('web:local:b', b);
    hub.open('web:local:c', c);
    expect([a.frames.length, b.frames.length, c.frames.length]).toEqual([2, 0, 1]);
  });

  it('sends an event to every open stream of the member and to nobody else', () => {
    const hub = newHub();
    const [tab1, tab2, other] = [new RecordingSink(), new RecordingSink(), new RecordingSink()];
    hub.open(ADA, tab1);
    hub.open(ADA, tab2);
    hub.open('web:local:bob', other);
    expect(hub.publish(ADA, 'prompt', { title: 'Bridge' })).toBe(true);
    expect(tab1.frames).toHaveLength(1);
    expect(tab1.frames[0]).toMatch(/^id: \d+\nevent: prompt\ndata: \{"title":"Bridge"\}\n\n$/);
    expect(tab2.frames).toEqual(tab1.frames);
    expect(other.frames).toEqual([]);
  });

  it('card updates for a member with no open stream are not kept', () => {
    const hub = newHub();
    expect(hub.publish(ADA, 'prompt-update', { outcome: 'done' }, false)).toBe(false);
    const sink = new RecordingSink();
    hub.open(ADA, sink);
    expect(sink.frames).toEqual([]);
  });

  it('a closed stream gets nothing more and forget ends the member\'s streams and drops the backlog', () => {
    const hub = newHub();
    const gone = new RecordingSink();
    const close = hub.open(ADA, gone);
    close?.();
    hub.publish(ADA, 'prompt', { n: 1 });
    expect(gone.frames).toEqual([]);
    const open = new RecordingSink();
    hub.open(ADA, open);
    hub.forget(ADA);
    expect(open.ended).toBe(true);
    expect(hub.openStreamCount(ADA)).toBe(0);
    hub.publish(ADA, 'prompt', { n: 2 });
    hub.forget(ADA);
    const fresh = new RecordingSink();
    hub.open(ADA, fresh);
    expect(fresh.frames).toEqual([]);
  });
});

describe('event stream over HTTP', () => {
  let server: WebChatServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it('an open stream receives heartbeat comments while idle', async () => {
    server = await startWebChatServer('2026-11-25T09:05:00Z', { heartbeatMs: 30 });
    const stream = new SseClient(`${server.baseUrl}/web/api/events?name=Ada`);
    await stream.ready;
    await stream.waitFor((s) => s.comments >= 2);
    stream.close();
    expect(stream.events).toEqual([]);
  });

  it('the stream is served as text/event-stream and not cached', async () => {
    server = await startWebChatServer('2026-11-25T09:05:00Z');
    const controller = new AbortController();
    const response = await fetch(`${server.baseUrl}/web/api/events?name=Ada`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('cache-control')).toMatch(/no-store/);
    controller.abort();
  });
});
