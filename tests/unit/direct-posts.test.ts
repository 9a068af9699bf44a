// Which requests skip express: only a POST to a listed path (its query string aside); the rest reach the app.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { withDirectPosts } from '../../src/http/direct-posts.ts';

function served(method: string, url: string): string {
  let by = 'nobody';
  const app: RequestListener = () => (by = 'app');
  const listener = withDirectPosts(app, new Map<string, RequestListener>([['/slack/events', () => (by = 'direct')]]));
  listener({ method, url } as IncomingMessage, {} as ServerResponse);
  return by;
}

describe('direct posts', () => {
  it('a POST to a listed path goes straight to its handler, with or without a query string', () => {
    expect(served('POST', '/slack/events')).toBe('direct');
    expect(served('POST', '/slack/events?retry=1')).toBe('direct');
  });

  it('any other method, path or spelling goes to the app', () => {
    expect(served('GET', '/slack/events')).toBe('app');
    expect(served('POST', '/slack/events/')).toBe('app');
    expect(served('POST', '/api/messages')).toBe('app');
    expect(served('POST', '/slack/eventsX')).toBe('app');
  });

  it('with no direct paths the app itself is the listener', () => {
    const app: RequestListener = () => undefined;
    expect(withDirectPosts(app, new Map())).toBe(app);
  });
});
