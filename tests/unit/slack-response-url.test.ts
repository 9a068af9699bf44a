// The response_url post: the answer's status and Retry-After come back, a post without an answer fails with a
// network error that names what happened, and nothing it throws carries the URL (it can post into the conversation).
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { postJson, ResponseUrlNetworkError } from '../../src/adapters/slack/response-url.ts';
import { freeLoopbackPort } from '../helpers/bot-process.ts';

const SECRET_PATH = '/actions/T0TEST/1234567890/secret-hook-part';
const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

async function serve(answer: (body: string, res: ServerResponse) => void): Promise<string> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => answer(Buffer.concat(chunks).toString('utf8'), res));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}${SECRET_PATH}`;
}

describe('postJson to a response_url', () => {
  it('sends the JSON body and resolves with the status once answered', async () => {
    const received: string[] = [];
    const url = await serve((body, res) => {
      received.push(body);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    expect(await postJson(url, '{"replace_original":true,"text":"Done"}', 5000)).toEqual({ status: 200, retryAfterMs: undefined });
    expect(received).toEqual(['{"replace_original":true,"text":"Done"}']);
  });

  it('passes on a 429 with its Retry-After in ms', async () => {
    const url = await serve((_body, res) => res.writeHead(429, { 'retry-after': '3' }).end());
    expect(await postJson(url, '{}', 5000)).toEqual({ status: 429, retryAfterMs: 3000 });
  });

  it('fails with a timeout when no answer comes in time, and the error does not hold the URL', async () => {
    const url = await serve(() => undefined);
    const failure = await postJson(url, '{}', 200).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(ResponseUrlNetworkError);
    expect((failure as ResponseUrlNetworkError).timedOut).toBe(true);
    expect(inspect(failure, { depth: 10, showHidden: true })).not.toContain('secret-hook-part');
  });

  it('fails with the network code when nothing listens, and the error does not hold the URL', async () => {
    const url = `http://127.0.0.1:${await freeLoopbackPort()}${SECRET_PATH}`;
    const failure = await postJson(url, '{}', 5000).catch((err: unknown) => err);
    expect(failure).toMatchObject({ name: 'ResponseUrlNetworkError', code: 'ECONNREFUSED', timedOut: false });
    expect(inspect(failure, { depth: 10, showHidden: true })).not.toContain('secret-hook-part');
  });

  it('refuses a URL that is not http or https without sending anything', async () => {
    await expect(postJson('ftp://hooks.example/x', '{}', 5000)).rejects.toMatchObject({ code: 'ERR_INVALID_PROTOCOL' });
    await expect(postJson('not a url', '{}', 5000)).rejects.toMatchObject({ code: 'ERR_INVALID_URL' });
  });
});

describe('postJson when the answer is cut off', () => {
  it('fails at once with a network error, not at the deadline', async () => {
    const url = await serve((_body, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"ok":');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const started = performance.now();
    const failure = await postJson(url, '{}', 5000).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(ResponseUrlNetworkError);
    expect((failure as ResponseUrlNetworkError).timedOut).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
