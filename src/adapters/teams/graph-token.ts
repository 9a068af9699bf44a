// An app-only Microsoft Graph token per tenant (OAuth client credentials with the bot's own app id and secret), kept
// until shortly before it expires. Tokens and the secret never reach a log or an error message.
import { z } from 'zod';

const tokenAnswer = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().positive() });

/** A token is renewed this long before Microsoft's expiry, so a call never goes out with one about to lapse. */
const RENEW_BEFORE_MS = 5 * 60_000;
const TIMEOUT_MS = 5_000;

export interface GraphTokenOptions {
  /** Ends in "/", e.g. https://login.microsoftonline.com/ */
  loginUrl: string;
  /** Graph base URL ending in "/"; its origin names the scope (https://graph.microsoft.com/.default). */
  graphUrl: string;
  clientId: string;
  clientSecret: string;
  /** SingleTenant apps get tokens from their own tenant; multi-tenant ones from each member's tenant. */
  fixedTenant?: string | undefined;
  now?: () => number;
}

export class GraphTokenError extends Error {
  constructor(readonly status: number) {
    super(`Graph token request failed (HTTP ${status})`);
    this.name = 'GraphTokenError';
  }
}

export class GraphTokens {
  private readonly cache = new Map<string, { token: string; renewAt: number }>();
  private readonly pending = new Map<string, Promise<string>>();
  private readonly now: () => number;

  constructor(private readonly options: GraphTokenOptions) {
    this.now = options.now ?? (() => Date.now());
  }

  /** The token for `tenantId`'s members; one request at a time per tenant, however many ask at once. */
  async tokenFor(tenantId: string): Promise<string> {
    const tenant = this.options.fixedTenant ?? tenantId;
    const cached = this.cache.get(tenant);
    if (cached && cached.renewAt > this.now()) return cached.token;
    const inFlight = this.pending.get(tenant);
    if (inFlight) return inFlight;
    const request = this.request(tenant).finally(() => this.pending.delete(tenant));
    this.pending.set(tenant, request);
    return request;
  }

  private async request(tenant: string): Promise<string> {
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.options.clientId,
      client_secret: this.options.clientSecret,
      scope: `${new URL(this.options.graphUrl).origin}/.default`,
    });
    const res = await fetch(`${this.options.loginUrl}${encodeURIComponent(tenant)}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const json: unknown = await res.json().catch(() => null);
    const parsed = tokenAnswer.safeParse(json);
    if (!res.ok || !parsed.success) throw new GraphTokenError(res.status);
    this.cache.set(tenant, { token: parsed.data.access_token, renewAt: this.now() + parsed.data.expires_in * 1000 - RENEW_BEFORE_MS });
    return parsed.data.access_token;
  }
}
