// Tokens at rest: AES-256-GCM with a key derived from TOKEN_ENCRYPTION_KEY (scrypt), bound to the record it belongs to.
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
// A fixed, public salt: the secret is the key material; the salt only separates this use from any other of the same secret.
const SALT = 'deskbreak/slack-installation/v1';

export class TokenCipherError extends Error {
  constructor() {
    // Never say more: a detail could help someone probing the ciphertext.
    super('stored installation could not be decrypted (wrong TOKEN_ENCRYPTION_KEY or tampered record)');
    this.name = 'TokenCipherError';
  }
}

export class TokenCipher {
  private constructor(private readonly key: Buffer) {}

  /** Derives the 256-bit key once (scrypt is deliberately slow; do this at start-up, not per call). */
  static fromSecret(secret: string): TokenCipher {
    if (secret.length < 16) throw new Error('the token encryption secret must be at least 16 characters');
    return new TokenCipher(scryptSync(secret, SALT, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }));
  }

  /** `context` (e.g. the record's kind and id) must match on decrypt, so a ciphertext cannot be moved to another record. */
  encrypt(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  decrypt(sealed: string, context: string): string {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== VERSION || iv === undefined || tag === undefined || body === undefined) throw new TokenCipherError();
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new TokenCipherError();
    }
  }
}
