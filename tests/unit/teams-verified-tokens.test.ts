import { describe, expect, it } from 'vitest';
import { VerifiedTokens } from '../../src/adapters/teams/verified-tokens.ts';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const header = (exp: number, id = 'x') => `Bearer ${b64({ alg: 'RS256' })}.${b64({ exp, id })}.signature`;
const activity = (serviceUrl: string) => ({ serviceUrl, channelId: 'msteams' });

describe('verified Bot Framework tokens', () => {
  it('verifies a token once while it lives, then again once it has expired', async () => {
    let now = 1_000_000;
    const tokens = new VerifiedTokens<string>(() => now);
    let checks = 0;
    const verify = async () => `ok-${(checks += 1)}`;
    const auth = header(now / 1000 + 60);
    expect(await tokens.verify(auth, activity('https://a/'), verify)).toBe('ok-1');
    expect(await tokens.verify(auth, activity('https://a/'), verify)).toBe('ok-1');
    now += 61_000;
    expect(await tokens.verify(auth, activity('https://a/'), verify)).toBe('ok-2');
  });

  it('never answers for another serviceUrl or channel from what one verified', async () => {
    const tokens = new VerifiedTokens<string>(() => 0);
    const auth = header(600);
    await tokens.verify(auth, activity('https://a/'), async () => 'for-a');
    await expect(tokens.verify(auth, activity('https://b/'), async () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    await expect(tokens.verify(auth, { serviceUrl: 'https://a/', channelId: 'webchat' }, async () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
  });

  it('remembers no refusal, and nothing without an expiry or a bearer token', async () => {
    const tokens = new VerifiedTokens<string>(() => 0);
    let checks = 0;
    const auth = header(600);
    await expect(tokens.verify(auth, activity('https://a/'), async () => Promise.reject(new Error(`refused ${(checks += 1)}`)))).rejects.toThrow('refused 1');
    await expect(tokens.verify(auth, activity('https://a/'), async () => Promise.reject(new Error(`refused ${(checks += 1)}`)))).rejects.toThrow('refused 2');
    const noExp = `Bearer ${b64({ alg: 'RS256' })}.${b64({ id: 'x' })}.sig`;
    await tokens.verify(noExp, activity('https://a/'), async () => 'once');
    expect(await tokens.verify(noExp, activity('https://a/'), async () => 'twice')).toBe('twice');
    await tokens.verify('', activity('https://a/'), async () => 'anonymous');
    expect(await tokens.verify('', activity('https://a/'), async () => 'again')).toBe('again');
  });
});
