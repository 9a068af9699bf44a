// OAuth installations live on the Store port, encrypted with AES-256-GCM: no token is readable at rest, a record
// cannot be moved to another workspace, and the wrong key cannot read it.
import { describe, expect, it } from 'vitest';
import type { Installation } from '@slack/bolt';
import { MemoryStore } from '../../src/adapters/memory/index.ts';
import { INSTALLATION_KIND, NoInstallationError, StoreInstallationStore } from '../../src/adapters/slack/installation-store.ts';
import { TokenCipher, TokenCipherError } from '../../src/adapters/slack/token-cipher.ts';

const KEY = 'a-long-test-key-for-token-encryption-000000';
const cipher = TokenCipher.fromSecret(KEY);

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

describe('token cipher', () => {
  it('round-trips and produces a different ciphertext each time', () => {
    const a = cipher.encrypt('xoxb-secret', 'ctx');
    const b = cipher.encrypt('xoxb-secret', 'ctx');
    expect(a).not.toBe(b);
    expect(cipher.decrypt(a, 'ctx')).toBe('xoxb-secret');
  });

  it('refuses another context, another key, or a tampered ciphertext', () => {
    const sealed = cipher.encrypt('xoxb-secret', 'slack-installation:T:T1');
    expect(() => cipher.decrypt(sealed, 'slack-installation:T:T2')).toThrow(TokenCipherError);
    expect(() => TokenCipher.fromSecret('another-key-entirely-0000000000000').decrypt(sealed, 'slack-installation:T:T1')).toThrow(TokenCipherError);
    const parts = sealed.split('.');
    const body = Buffer.from(parts[4] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    parts[4] = body.toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'), 'slack-installation:T:T1')).toThrow(TokenCipherError);
  });

  it('its error never contains the plaintext or the key', () => {
    const sealed = cipher.encrypt('xoxb-secret', 'a');
    try {
      cipher.decrypt(sealed, 'b');
    } catch (err) {
      expect(String(err)).not.toContain('xoxb-secret');
      expect(String(err)).not.toContain(KEY);
    }
  });
});

describe('installation store on the Store port', () => {
  it('stores an installation without the token in clear text and reads it back', async () => {
    const store = new MemoryStore();
    const installations = new StoreInstallationStore(store, cipher);
    await installations.storeInstallation(installation('T1', 'xoxb-very-secret-token'));
    const raw = await store.getRecord(INSTALLATION_KIND, 'T:T1');
    expect(raw).not.toBeNull();
    expect(raw).not.toContain('xoxb');
    expect(await installations.botToken('T1')).toBe('xoxb-very-secret-token');
    const fetched = await installations.fetchInstallation({ teamId: 'T1', enterpriseId: undefined, isEnterpriseInstall: false });
    expect(fetched.team?.id).toBe('T1');
  });

  it('a workspace without an installation is refused, and a deleted one is gone', async () => {
    const store = new MemoryStore();
    const installations = new StoreInstallationStore(store, cipher);
    await expect(installations.botToken('T9')).rejects.toBeInstanceOf(NoInstallationError);
    await installations.storeInstallation(installation('T2', 'xoxb-2'));
    await installations.deleteInstallation({ teamId: 'T2', enterpriseId: undefined, isEnterpriseInstall: false });
    await expect(installations.botToken('T2')).rejects.toBeInstanceOf(NoInstallationError);
  });

  it('a record copied onto another workspace\'s key cannot be read', async () => {
    const store = new MemoryStore();
    const installations = new StoreInstallationStore(store, cipher);
    await installations.storeInstallation(installation('T1', 'xoxb-1'));
    await store.putRecord(INSTALLATION_KIND, 'T:T3', (await store.getRecord(INSTALLATION_KIND, 'T:T1')) ?? '');
    await expect(installations.botToken('T3')).rejects.toBeInstanceOf(TokenCipherError);
  });
});
