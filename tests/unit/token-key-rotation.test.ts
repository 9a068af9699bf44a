// Token keys change without breaking installations: every record names its key id, TOKEN_ENCRYPTION_KEY_PREVIOUS
// still decrypts, and a record read with the previous key is written back under the new one.
import { createCipheriv, randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Installation } from '@slack/bolt';
import { MemoryStore } from '../../src/adapters/memory/index.ts';
import { INSTALLATION_KIND, StoreInstallationStore } from '../../src/adapters/slack/installation-store.ts';
import { TokenCipher, TokenCipherError } from '../../src/adapters/slack/token-cipher.ts';

/** A record as the first format wrote it (`v1.<iv>.<tag>.<body>`, no key id), from its documented derivation. */
function sealV1(secret: string, plaintext: string, context: string): string {
  const key = scryptSync(secret, 'deskbreak/slack-installation/v1', 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

const OLD_KEY = 'the-old-token-encryption-key-0000000000';
const NEW_KEY = 'the-new-token-encryption-key-1111111111';

function installation(teamId: string, token: string): Installation<'v2', false> {
  return {
    team: { id: teamId, name: 'Example' },
    enterprise: undefined,
    user: { id: 'UINSTALLER', token: undefined, scopes: undefined },
    bot: { id: 'BBOT', userId: 'UBOT', token, scopes: ['chat:write'] },
    tokenType: 'bot',
    isEnterpriseInstall: false,
    appId: 'A1',
    authVersion: 'v2',
  };
}

describe('token key rotation', () => {
  it('a sealed token names its key id, which reveals nothing of the key', () => {
    const cipher = TokenCipher.fromSecret(NEW_KEY);
    const sealed = cipher.encrypt('xoxb-secret', 'ctx');
    const [version, keyId] = sealed.split('.');
    expect(version).toBe('v2');
    expect(keyId).toBe(cipher.keyId);
    expect(keyId).not.toBe(TokenCipher.fromSecret(OLD_KEY).keyId);
    expect(NEW_KEY).not.toContain(keyId ?? '');
  });

  it('with the old key as TOKEN_ENCRYPTION_KEY_PREVIOUS, installations stored under it still work and are re-encrypted with the new key', async () => {
    const store = new MemoryStore();
    await new StoreInstallationStore(store, TokenCipher.fromSecret(OLD_KEY)).storeInstallation(installation('T1', 'xoxb-one'));
    const before = await store.getRecord(INSTALLATION_KIND, 'T:T1');

    const rotated = TokenCipher.fromSecret(NEW_KEY, OLD_KEY);
    const installations = new StoreInstallationStore(store, rotated);
    expect(await installations.botToken('T1')).toBe('xoxb-one');
    const after = await store.getRecord(INSTALLATION_KIND, 'T:T1');
    expect(after).not.toBe(before);
    expect(after?.split('.')[1]).toBe(rotated.keyId);
    // Once re-encrypted, the old key is no longer needed.
    expect(await new StoreInstallationStore(store, TokenCipher.fromSecret(NEW_KEY)).botToken('T1')).toBe('xoxb-one');
  });

  it('records written before key ids existed (v1) are read with either key and re-encrypted', async () => {
    const store = new MemoryStore();
    const legacy = sealV1(OLD_KEY, JSON.stringify(installation('T2', 'xoxb-two')), `${INSTALLATION_KIND}:T:T2`);
    expect(legacy.startsWith('v1.')).toBe(true);
    await store.putRecord(INSTALLATION_KIND, 'T:T2', legacy);
    const installations = new StoreInstallationStore(store, TokenCipher.fromSecret(NEW_KEY, OLD_KEY));
    expect(await installations.botToken('T2')).toBe('xoxb-two');
    expect((await store.getRecord(INSTALLATION_KIND, 'T:T2'))?.startsWith('v2.')).toBe(true);
  });

  it('a record under a key that is neither current nor previous fails with an error that names both variables and no secret', async () => {
    const store = new MemoryStore();
    await new StoreInstallationStore(store, TokenCipher.fromSecret(OLD_KEY)).storeInstallation(installation('T3', 'xoxb-three'));
    const installations = new StoreInstallationStore(store, TokenCipher.fromSecret(NEW_KEY));
    const error = await installations.botToken('T3').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(TokenCipherError);
    expect(String(error)).toMatch(/TOKEN_ENCRYPTION_KEY_PREVIOUS/);
    expect(String(error)).not.toContain(OLD_KEY);
    expect(String(error)).not.toContain('xoxb');
  });
});
