// Tokens at rest: AES-256-GCM with a key derived from TOKEN_ENCRYPTION_KEY (scrypt), bound to the record it belongs to.
// Each sealed value names the id of the key that sealed it, so a key can change: TOKEN_ENCRYPTION_KEY_PREVIOUS still
// opens what the old key sealed, and the caller writes it back under the current key.
import { createCipheriv, createDecipheriv, createHash, randomBytes, scryptSync } from 'node:crypto';

/** v2: `v2.<key id>.<iv>.<tag>.<body>`. v1 (no key id) is still read: it is tried with every key. */
const VERSION = 'v2';
const LEGACY_VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
// A fixed, public salt: the secret is the key material; the salt only separates this use from any other of the same secret.
const SALT = 'deskbreak/slack-installation/v1';
const MIN_SECRET_LENGTH = 16;

export class TokenCipherError extends Error {
  constructor(reason = 'wrong TOKEN_ENCRYPTION_KEY or tampered record') {
    // Never say more: a detail could help someone probing the ciphertext.
    super(`stored installation could not be decrypted (${reason})`);
    this.name = 'TokenCipherError';
  }
}

/** One derived key and its public id (a hash of the derived key: it names the key without revealing it). */
class SealingKey {
  readonly id: string;
  constructor(readonly key: Buffer) {
    this.id = createHash('sha256').update('deskbreak/key-id').update(key).digest('base64url').slice(0, 10);
  }

  static derive(secret: string): SealingKey {
    if (secret.length < MIN_SECRET_LENGTH) throw new Error(`the token encryption secret must be at least ${MIN_SECRET_LENGTH} characters`);
    return new SealingKey(scryptSync(secret, SALT, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }));
  }

  open(iv: string, tag: string, body: string, context: string): string | null {
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}

export interface OpenedToken {
  plaintext: string;
  /** False when the current key did not seal it (a previous key, or a record from before key ids): seal it again. */
  current: boolean;
}

export class TokenCipher {
  private constructor(
    private readonly current: SealingKey,
    private readonly previous: SealingKey | null,
  ) {}

  /** Derives the keys once (scrypt is deliberately slow; do this at start-up, not per call). */
  static fromSecret(secret: string, previousSecret?: string): TokenCipher {
    return new TokenCipher(SealingKey.derive(secret), previousSecret ? SealingKey.derive(previousSecret) : null);
  }

  /** The id every new sealed value carries. */
  get keyId(): string {
    return this.current.id;
  }

  /** `context` (e.g. the record's kind and id) must match on decrypt, so a ciphertext cannot be moved to another record. */
  encrypt(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, this.current.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  decrypt(sealed: string, context: string): string {
    return this.open(sealed, context).plaintext;
  }

  /** Opens with whichever configured key sealed it, and says whether that was the current one. */
  open(sealed: string, context: string): OpenedToken {
    const parts = sealed.split('.');
    if (parts[0] === VERSION && parts.length === 5) {
      const [, keyId, iv = '', tag = '', body = ''] = parts;
      const key = [this.current, this.previous].find((candidate) => candidate?.id === keyId);
      if (!key) throw new TokenCipherError('sealed with a key that is neither TOKEN_ENCRYPTION_KEY nor TOKEN_ENCRYPTION_KEY_PREVIOUS');
      const plaintext = key.open(iv, tag, body, context);
      if (plaintext === null) throw new TokenCipherError();
      return { plaintext, current: key === this.current };
    }
    if (parts[0] === LEGACY_VERSION && parts.length === 4) {
      const [, iv = '', tag = '', body = ''] = parts;
      for (const key of [this.current, this.previous]) {
        const plaintext = key?.open(iv, tag, body, context) ?? null;
        if (plaintext !== null) return { plaintext, current: false };
      }
      throw new TokenCipherError('sealed with a key that is neither TOKEN_ENCRYPTION_KEY nor TOKEN_ENCRYPTION_KEY_PREVIOUS, or tampered');
    }
    throw new TokenCipherError();
  }
}
