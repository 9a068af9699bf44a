// The web chat has no login, so it caps how many people it holds and how many event streams stay open (any mode).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WEB_CHAT_LIMITS } from '../../src/adapters/web/index.ts';
import { SseClient } from './web-sse-client.ts';
import { startWebChatServer, type WebChatServer } from './web-server.ts';

let server: WebChatServer;
const streams: SseClient[] = [];

beforeEach(async () => {
  server = await startWebChatServer('2026-11-25T09:05:00Z');
});

afterEach(async () => {
  for (const stream of streams.splice(0)) stream.close();
  await server.close();
});

async function post(path: string, body: unknown): Promise<{ status: number; json: { error?: string } & Record<string, unknown> }> {
  const response = await fetch(`${server.baseUrl}/web/api/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as { error?: string } };
}

async function streamStatus(name: string): Promise<number> {
  const controller = new AbortController();
  const response = await fetch(`${server.baseUrl}/web/api/events?name=${encodeURIComponent(name)}`, { signal: controller.signal });
  controller.abort();
  return response.status;
}

async function openStream(name: string): Promise<void> {
  const stream = new SseClient(`${server.baseUrl}/web/api/events?name=${encodeURIComponent(name)}`);
  streams.push(stream);
  await stream.ready;
}

describe('web chat limits', () => {
  it(`holds at most ${WEB_CHAT_LIMITS.maxMembers} people; the next new name is refused and creates nobody, known names still work`, async () => {
    for (let i = 0; i < WEB_CHAT_LIMITS.maxMembers; i += 1) expect((await post('session', { name: `person ${i}` })).status).toBe(200);
    const refused = await post('session', { name: 'one too many' });
    expect(refused.status).toBe(403);
    expect(refused.json.error).toMatch(/at most 100 people/);
    const byCommand = await post('command', { name: 'another one', text: 'start' });
    expect(byCommand.status).toBe(403);
    expect(await server.store.getMember('web:local:one too many')).toBeNull();
    expect(await server.store.getMember('web:local:another one')).toBeNull();
    expect((await post('command', { name: 'person 7', text: 'start' })).status).toBe(200);

    // Forgetting someone makes room.
    expect((await post('forget', { name: 'person 0' })).status).toBe(200);
    expect((await post('session', { name: 'one too many' })).status).toBe(200);
  });

  it(`keeps at most ${WEB_CHAT_LIMITS.streamsPerMember} open event streams per person and ${WEB_CHAT_LIMITS.maxStreams} in all`, async () => {
    await post('session', { name: 'Ada' });
    for (let i = 0; i < WEB_CHAT_LIMITS.streamsPerMember; i += 1) await openStream('Ada');
    expect(await streamStatus('Ada')).toBe(429);
    for (let i = WEB_CHAT_LIMITS.streamsPerMember; i < WEB_CHAT_LIMITS.maxStreams; i += 1) await openStream(`p${Math.floor(i / WEB_CHAT_LIMITS.streamsPerMember)}`);
    expect(await streamStatus('somebody new')).toBe(429);
    // A closed stream frees its place.
    streams.shift()?.close();
    let status = 429;
    for (let i = 0; i < 50 && status === 429; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = await streamStatus('somebody new');
    }
    expect(status).toBe(200);
  });
});
