// A verified Bot Framework token is remembered for its lifetime, but only for the serviceUrl it was verified with:
// the same token on another serviceUrl is verified afresh (and refused), and a new token is never taken on trust.
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryStore } from '../../src/adapters/memory/index.ts';
import { createBot, type Bot } from '../../src/bot.ts';
import { loadConfig } from '../../src/config.ts';
import { channelClaims, jwt, signingKeysUnavailable, trustTestSigningKey } from '../fuzz/bot-framework-tokens.ts';

const appId = '00000000-0000-0000-0000-0000000000c5';
const serviceA = 'http://127.0.0.1:9/a/';
const serviceB = 'http://127.0.0.1:9/b/';

describe('Teams: verified tokens are cached by token and serviceUrl', () => {
  let bot: Bot | null = null;
  afterEach(async () => {
    vi.restoreAllMocks();
    await bot?.close();
    bot = null;
  });

  async function start(): Promise<(authorization: string, serviceUrl: string) => Promise<number>> {
    const config = { ...loadConfig({ MICROSOFT_APP_ID: appId, MICROSOFT_APP_PASSWORD: 'not-a-real-secret', SCHEDULER_ENABLED: 'false', HOST: '127.0.0.1' }), PORT: 0 };
    bot = await createBot(config, pino({ level: 'silent' }), { store: new MemoryStore(), defaultMetrics: false });
    const { port } = await bot.listen();
    // A typing activity runs a turn that sends nothing, so the answer is the authentication's alone.
    return async (authorization, serviceUrl) => {
      const activity = { type: 'typing', id: 't1', channelId: 'msteams', serviceUrl, from: { id: '29:ada', aadObjectId: 'aad-ada' }, recipient: { id: '28:bot' }, conversation: { id: 'a:personal', conversationType: 'personal', tenantId: 't' } };
      const res = await fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify(activity) });
      return res.status;
    };
  }

  it('a token verified once is accepted again without its keys, for the same serviceUrl only; a new token is not', async () => {
    trustTestSigningKey();
    const post = await start();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const tokenForA = `Bearer ${jwt(channelClaims(appId, serviceA))}`;
    expect(await post(tokenForA, serviceA)).toBe(200);
    // The token names serviceA: sent with serviceB it is verified afresh and refused.
    expect(await post(tokenForA, serviceB)).toBe(401);
    // From here the signing keys cannot be read: only what was verified before still passes.
    signingKeysUnavailable();
    expect(await post(tokenForA, serviceA)).toBe(200);
    expect(await post(`Bearer ${jwt({ ...channelClaims(appId, serviceA), jti: 'another' })}`, serviceA)).toBe(503);
    expect(await post(tokenForA, serviceB)).toBe(503);
  });
});
