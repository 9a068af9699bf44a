// Bot Framework tokens made offline: a test signing key that the SDK's OpenID metadata cache is told about (no network
// is reached), so a forged token fails on its signature or claims exactly as it would against Microsoft's keys.
import { createHmac, createSign, generateKeyPairSync } from 'node:crypto';
import { JwtTokenExtractor } from 'botframework-connector/lib/auth/jwtTokenExtractor.js';
import fc from 'fast-check';

export const CHANNEL_ISSUER = 'https://api.botframework.com';
const EMULATOR_ISSUER = 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/';
/** Where the SDK would fetch the signing keys of Teams (channel) and of the Emulator / skills. */
const METADATA_URLS = ['https://login.botframework.com/v1/.well-known/openidconfiguration', 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration'];
const KID = 'fuzz-key-1';

const trusted = generateKeyPairSync('rsa', { modulusLength: 2048 });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
const trustedPem = trusted.publicKey.export({ type: 'spki', format: 'pem' }).toString();

/** Makes the SDK trust the test key (and only it) without fetching anything. */
export function trustTestSigningKey(): void {
  const cache = (JwtTokenExtractor as unknown as { openIdMetadataCache: Map<string, unknown> }).openIdMetadataCache;
  const metadata = { getKey: async (kid: string) => (kid === KID ? { key: trustedPem, endorsements: ['msteams'] } : null) };
  for (const url of METADATA_URLS) cache.set(url, metadata);
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

type Signer = 'trusted' | 'stranger' | 'none' | 'hs256-with-public-key';

export function jwt(claims: Record<string, unknown>, signer: Signer = 'trusted', kid = KID): string {
  const alg = signer === 'none' ? 'none' : signer === 'hs256-with-public-key' ? 'HS256' : 'RS256';
  const unsigned = `${b64({ alg, typ: 'JWT', kid })}.${b64(claims)}`;
  if (signer === 'none') return `${unsigned}.`;
  if (signer === 'hs256-with-public-key') return `${unsigned}.${createHmac('sha256', trustedPem).update(unsigned).digest('base64url')}`;
  const key = signer === 'trusted' ? trusted.privateKey : stranger.privateKey;
  return `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(key).toString('base64url')}`;
}

/** The claims Teams' channel token carries for this bot and serviceUrl, valid for ten minutes. */
export function channelClaims(appId: string, serviceUrl: string): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { iss: CHANNEL_ISSUER, aud: appId, serviceurl: serviceUrl, nbf: now - 10, exp: now + 600 };
}

/** Missing, malformed and forged Authorization headers, each labelled. */
export function forgedAuthorization(appId: string, serviceUrl: string): fc.Arbitrary<{ label: string; header: string | null }> {
  const good = channelClaims(appId, serviceUrl);
  const now = Math.floor(Date.now() / 1000);
  const bearer = (token: string) => `Bearer ${token}`;
  const valid = jwt(good);
  const [head, , signature] = valid.split('.');
  const variants: Array<[string, string | null]> = [
    ['missing', null],
    ['empty', ''],
    ['basic', 'Basic YWRhOnNlY3JldA=='],
    ['bearer-only', 'Bearer'],
    ['lowercase-scheme', `bearer ${valid.slice(0, -2)}xx`],
    ['three-parts', `Bearer ${valid} extra`],
    ['alg-none', bearer(jwt(good, 'none'))],
    ['alg-hs256', bearer(jwt(good, 'hs256-with-public-key'))],
    ['other-key', bearer(jwt(good, 'stranger'))],
    ['unknown-kid', bearer(jwt(good, 'trusted', 'no-such-key'))],
    ['expired', bearer(jwt({ ...good, nbf: now - 7200, exp: now - 3600 }))],
    ['not-yet-valid', bearer(jwt({ ...good, nbf: now + 3600, exp: now + 7200 }))],
    ['wrong-audience', bearer(jwt({ ...good, aud: '00000000-0000-0000-0000-00000000dead' }))],
    ['wrong-issuer', bearer(jwt({ ...good, iss: 'https://evil.example' }))],
    ['wrong-serviceurl', bearer(jwt({ ...good, serviceurl: 'https://smba.example/elsewhere/' }))],
    ['tampered-claims', bearer(`${head}.${b64({ ...good, aud: 'someone-else' })}.${signature}`)],
    ['truncated-signature', bearer(valid.slice(0, -10))],
    ['emulator-other-key', bearer(jwt({ ...good, iss: EMULATOR_ISSUER, ver: '1.0', appid: appId }, 'stranger'))],
    ['emulator-wrong-appid', bearer(jwt({ ...good, iss: EMULATOR_ISSUER, ver: '1.0', appid: 'not-this-app' }))],
    ['skill-claims', bearer(jwt({ ...good, iss: EMULATOR_ISSUER, ver: '1.0', appid: '11111111-1111-1111-1111-111111111111' }))],
  ];
  const printable = fc.string({ unit: 'binary-ascii', maxLength: 60 }).map((s) => s.replace(/[^\x20-\x7e]/g, ''));
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...variants).map(([label, header]) => ({ label, header })) },
    { weight: 1, arbitrary: printable.map((junk) => ({ label: 'junk-bearer', header: `Bearer ${junk}` })) },
    { weight: 1, arbitrary: fc.tuple(printable, printable, printable).map((parts) => ({ label: 'junk-jwt', header: `Bearer ${parts.map((p) => Buffer.from(p).toString('base64url')).join('.')}` })) },
  );
}

/** Makes every signing-key lookup fail as the SDK's does when Microsoft's metadata cannot be fetched. */
export function signingKeysUnavailable(): void {
  const cache = (JwtTokenExtractor as unknown as { openIdMetadataCache: Map<string, unknown> }).openIdMetadataCache;
  const failing = {
    getKey: async () => {
      throw Object.assign(new Error('Failed to load openID config: 503'), { statusCode: 500 });
    },
  };
  for (const url of METADATA_URLS) cache.set(url, failing);
}
