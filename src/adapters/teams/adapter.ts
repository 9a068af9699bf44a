// The SDK's CloudAdapter, with its turn processing exposed so the route (not the SDK) writes the HTTP answer, and
// with authentication run as its own step so a refused token is told apart from a turn that failed.
import { CloudAdapter, type Activity, type ConfigurationBotFrameworkAuthentication, type InvokeResponse, type TurnContext } from 'botbuilder';
import { VerifiedTokens } from './verified-tokens.ts';

/** The request could not be authenticated: refused (401), or the signing keys could not be fetched (503). */
export class TeamsAuthenticationError extends Error {
  constructor(
    readonly outcome: 'refused' | 'unverifiable',
    readonly reason: string,
  ) {
    super(`teams authentication ${outcome}: ${reason}`);
    this.name = 'TeamsAuthenticationError';
  }
}

/**
 * The SDK throws its AuthenticationError (401/403) for most bad tokens, but jsonwebtoken's own errors (bad signature,
 * algorithm, expiry) pass through untouched; only a failure to load Microsoft's signing keys (500, or a network error)
 * says nothing about the token itself.
 */
function classify(err: unknown): TeamsAuthenticationError {
  const { name, statusCode, message } = (err ?? {}) as { name?: unknown; statusCode?: unknown; message?: unknown };
  // Kept short: some messages quote a claim from the (untrusted) token.
  const reason = `${typeof name === 'string' ? name : 'Error'}: ${typeof message === 'string' ? message : 'unknown'}`.slice(0, 160);
  return new TeamsAuthenticationError(statusCode === 500 || name === 'FetchError' ? 'unverifiable' : 'refused', reason);
}

/** What the SDK's authentication answers for a request: the caller's claims, audience and a connector factory. */
type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

/** The promise `make` gives for `key`, made once and kept; a failed one is dropped, so the next call tries again. */
function kept<K, V>(promises: { get(key: K): Promise<V> | undefined; set(key: K, value: Promise<V>): unknown; delete(key: K): unknown }, key: K, make: () => Promise<V>): Promise<V> {
  const known = promises.get(key);
  if (known) return known;
  const made = make();
  made.catch(() => promises.delete(key));
  promises.set(key, made);
  return made;
}

/**
 * The same verification, with a connector factory that builds each connector client once: the SDK builds one (an HTTP
 * pipeline, ~6% of an invoke's CPU) on every turn, though a remembered token always meets the same service URL.
 */
function withReusedConnector(result: AuthenticateRequestResult): AuthenticateRequestResult {
  const factory = result.connectorFactory;
  if (!factory) return result;
  type Factory = typeof factory;
  const clients = new Map<string, ReturnType<Factory['create']>>();
  const create: Factory['create'] = (serviceUrl, audience) => kept(clients, `${serviceUrl}\n${audience ?? ''}`, () => factory.create(serviceUrl, audience));
  return { ...result, connectorFactory: Object.assign(Object.create(factory) as Factory, { create }) };
}

/**
 * The authentication with one user-token client per verified caller: the SDK builds one (another HTTP pipeline) on
 * every turn, and a remembered token comes back with the same claims object each time.
 */
function withReusedUserTokenClients(authentication: ConfigurationBotFrameworkAuthentication): ConfigurationBotFrameworkAuthentication {
  type Auth = ConfigurationBotFrameworkAuthentication;
  const clients = new WeakMap<Parameters<Auth['createUserTokenClient']>[0], ReturnType<Auth['createUserTokenClient']>>();
  const createUserTokenClient: Auth['createUserTokenClient'] = (claimsIdentity) => kept(clients, claimsIdentity, () => authentication.createUserTokenClient(claimsIdentity));
  return Object.assign(Object.create(authentication) as Auth, { createUserTokenClient });
}

export class TeamsCloudAdapter extends CloudAdapter {
  private readonly verifiedTokens = new VerifiedTokens<AuthenticateRequestResult>();

  constructor(authentication: ConfigurationBotFrameworkAuthentication) {
    super(withReusedUserTokenClients(authentication));
  }

  /** Authenticates and runs one turn; returns the invoke response, if the turn set one. Bad auth rejects with TeamsAuthenticationError. */
  async runTurn(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    const authenticated = await this.verifiedTokens
      .verify(authHeader, activity, async () => withReusedConnector(await this.botFrameworkAuthentication.authenticateRequest(activity, authHeader)))
      .catch((err: unknown) => {
        throw classify(err);
      });
    return this.processActivity(authenticated, activity, logic);
  }
}
