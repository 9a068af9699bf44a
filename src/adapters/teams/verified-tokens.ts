// Verified Bot Framework tokens, remembered until they expire: verifying one costs a signature check (~0.3 ms of CPU)
// on every request, and Teams sends the same token with many activities. The key holds the whole Authorization header
// and the activity's serviceUrl and channel, so a token is never accepted for another service URL or channel; its
// audience is inside the token itself.
import type { Activity } from 'botbuilder';

const DEFAULT_LIMIT = 10_000;

interface Remembered<T> {
  verified: T;
  expiresAt: number;
}

export class VerifiedTokens<T> {
  private readonly entries = new Map<string, Remembered<T>>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly limit = DEFAULT_LIMIT,
  ) {}

  /** The verification remembered for this header and activity, or `verify()`'s answer, remembered until the token's exp. */
  async verify(authHeader: string, activity: Partial<Activity>, verify: () => Promise<T>): Promise<T> {
    const key = keyOf(authHeader, activity);
    if (key === null) return verify();
    const known = this.entries.get(key);
    if (known !== undefined) {
      if (known.expiresAt > this.now()) return known.verified;
      this.entries.delete(key);
    }
    const verified = await verify();
    const expiresAt = expiryOf(authHeader);
    if (expiresAt !== null && expiresAt > this.now()) {
      // Bounded: starts over when full rather than keeping per-entry order.
      if (this.entries.size >= this.limit) this.entries.clear();
      this.entries.set(key, { verified, expiresAt });
    }
    return verified;
  }
}

function keyOf(authHeader: string, activity: Partial<Activity>): string | null {
  if (!authHeader.startsWith('Bearer ') || typeof activity.serviceUrl !== 'string') return null;
  return `${authHeader}\n${activity.serviceUrl}\n${String(activity.channelId ?? '')}`;
}

/** The token's exp claim in ms; read only after the SDK has verified the signature, so it can be trusted. */
function expiryOf(authHeader: string): number | null {
  const payload = authHeader.slice('Bearer '.length).split('.')[1];
  if (payload === undefined) return null;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const exp = (claims as { exp?: unknown }).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : null;
  } catch {
    return null;
  }
}
