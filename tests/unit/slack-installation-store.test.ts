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

describe('installation changes at the same moment (issue 10)', () => {
  const query = { teamId: 'T1', enterpriseId: undefined, isEnterpriseInstall: false };

  it('re-encrypting a record read under the previous key never overwrites a re-install stored meanwhile', async () => {
    const OLD = 'the-old-token-encryption-key-0000000000';
    const store = new MemoryStore();
    await new StoreInstallationStore(store, TokenCipher.fromSecret(OLD)).storeInstallation(installation('T1', 'xoxb-old-install'));
    const rotated = TokenCipher.fromSecret(KEY, OLD);
    // The workspace is re-installed (new token) just after this instance read the old record.
    const racing = Object.create(store, {
      getRecord: {
        value: async (kind: string, id: string) => {
          const value = await store.getRecord(kind, id);
          await new StoreInstallationStore(store, rotated).storeInstallation(installation('T1', 'xoxb-reinstalled'));
          return value;
        },
      },
    }) as MemoryStore;
    expect((await new StoreInstallationStore(racing, rotated).fetchInstallation(query)).bot?.token).toBe('xoxb-old-install');
    expect(await new StoreInstallationStore(store, rotated).botToken('T1')).toBe('xoxb-reinstalled');
  });

  it('a refreshed token is stored on the record as it is now, and not over a re-install that replaced the spent refresh token', async () => {
    const store = new MemoryStore();
    const installations = new StoreInstallationStore(store, cipher);
    const rotating = { ...installation('T1', 'xoxe.xoxb-1'), bot: { ...installation('T1', 'xoxe.xoxb-1').bot!, refreshToken: 'xoxe-1-r1', expiresAt: 100 } };
    await installations.storeInstallation(rotating);
    const fresh = { token: 'xoxe.xoxb-2', refreshToken: 'xoxe-1-r2', expiresAt: 200 };
    expect(await installations.storeRefreshedBot(rotating, 'xoxe-1-r1', fresh)).toBe(true);
    expect((await installations.fetchInstallation(query)).bot).toMatchObject({ ...fresh, id: 'BBOT', scopes: ['chat:write'] });
    // A refresh that spent r1 again (its answer came late) finds r2 stored: the newer record stays.
    expect(await installations.storeRefreshedBot(rotating, 'xoxe-1-r1', { token: 'xoxe.xoxb-stale', refreshToken: 'xoxe-1-stale', expiresAt: 300 })).toBe(false);
    expect((await installations.fetchInstallation(query)).bot?.token).toBe('xoxe.xoxb-2');
  });
});
