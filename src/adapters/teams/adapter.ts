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

export class TeamsCloudAdapter extends CloudAdapter {
  private readonly verifiedTokens = new VerifiedTokens<AuthenticateRequestResult>();

  /** Authenticates and runs one turn; returns the invoke response, if the turn set one. Bad auth rejects with TeamsAuthenticationError. */
  async runTurn(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    const authenticated = await this.verifiedTokens
      .verify(authHeader, activity, () => this.botFrameworkAuthentication.authenticateRequest(activity, authHeader))
      .catch((err: unknown) => {
        throw classify(err);
      });
    return this.processActivity(authenticated, activity, logic);
  }
}
