// Every outgoing Slack call: the workspace's bot token, the shared per-workspace limiter, and retries that honour
// Retry-After. The WebClient's own retries are off, so a 429 reaches limitedSend instead of sleeping inside the client.
// A call that is not safe to repeat (a post) is not retried once Slack may have acted on it (see slack-errors.ts).
import { webApi } from '@slack/bolt';
import type { Logger, Store, WireGate } from '../../core/index.ts';
import { limitedSend, type LimitedSendDeps, type SendPolicy } from '../shared/limited-send.ts';
import { boltLogger } from './bolt-logger.ts';
import { postJson } from './response-url.ts';
import { classifySlackError, ResponseUrlError } from './slack-errors.ts';

/** Calls that share a limiter: Slack limits writes, reads and modal opens separately. */
export type Lane = 'write' | 'read' | 'modal' | 'respond';

const LANE_OF_METHOD: Record<string, Lane> = {
  'chat.postMessage': 'write',
  'chat.update': 'write',
  'chat.postEphemeral': 'write',
  'views.publish': 'write',
  'views.open': 'modal',
};

/** Sends per second per workspace and lane, across all instances. Slack's own figures are per minute and allow bursts. */
export const DEFAULT_LANE_RATES: Record<Lane, number> = { write: 5, read: 5, modal: 20, respond: 20 };

/**
 * Calls tried again even when Slack may already have acted on the failed one (a timeout, a cut connection, a 5xx):
 * - those that give the result of running once when run twice: in-place updates, opening the same DM, reads;
 * - chat.postMessage: a prompt lost is worse than a prompt shown twice, and the copy carries the same prompt id, so a
 *   click on either counts once (docs/slack.md).
 * Anything else (ephemeral replies, modal opens, response_url replies) would show twice for nothing, so it is not
 * repeated after such a failure; a method missing here is treated like them.
 */
const REPEATABLE_METHODS = new Set(['chat.update', 'views.publish', 'conversations.open', 'conversations.info', 'users.info', 'users.profile.get', 'conversations.history', 'dnd.info', 'auth.test', 'chat.postMessage']);

/** How long to wait for Slack's answer before giving up on a call. */
const DEFAULT_TIMEOUT_MS = 10_000;

const DEFAULT_POLICY: Omit<SendPolicy, 'perSecond'> = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 10_000 };

export type ApiResult = webApi.WebAPICallResult & Record<string, unknown>;

export interface SlackApiOptions {
  store: Store;
  /** Web API base URL, ending in "/". */
  apiUrl: string;
  /** The bot token of a workspace; rejects when the workspace has no installation. */
  tokenFor: (teamId: string) => Promise<string>;
  /** With token rotation: a new token after Slack answered token_expired for `expired` (the call is then made again). */
  renewToken?: (teamId: string, expired: string) => Promise<string>;
  logger: Logger;
  rates?: Partial<Record<Lane, number>>;
  retry?: Partial<Omit<SendPolicy, 'perSecond'>>;
  /** How long one attempt waits for Slack's answer (default 10 s). */
  timeoutMs?: number;
  /** Tests replace the timing; production uses real time (the limiter is wall-clock, not the domain clock). */
  timing?: Omit<LimitedSendDeps, 'store'>;
}

export class SlackApi {
  private readonly client: webApi.WebClient;
  private readonly rates: Record<Lane, number>;
  private readonly policy: Omit<SendPolicy, 'perSecond'>;
  private readonly sendDeps: LimitedSendDeps;
  private readonly timeoutMs: number;

  constructor(private readonly options: SlackApiOptions) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.client = new webApi.WebClient(undefined, {
      slackApiUrl: options.apiUrl,
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
      logger: boltLogger(options.logger, webApi.LogLevel.ERROR),
      timeout: this.timeoutMs,
    });
    this.rates = { ...DEFAULT_LANE_RATES, ...options.rates };
    this.policy = { ...DEFAULT_POLICY, ...options.retry };
    this.sendDeps = { store: options.store, ...options.timing };
  }

  /**
   * One Web API call for workspace `teamId`; `token` skips the lookup when the caller already has it. A `gate` is
   * passed once the workspace's limiter grants the call, right before it goes out (see WireGate).
   */
  async call(teamId: string, method: string, args: Record<string, unknown>, token?: string, gate?: WireGate): Promise<ApiResult> {
    const lane = LANE_OF_METHOD[method] ?? 'read';
    const repeatable = REPEATABLE_METHODS.has(method);
    let botToken = token ?? (await this.options.tokenFor(teamId));
    return limitedSend(
      this.sendDeps,
      `slack:${teamId}:${lane}`,
      { ...this.policy, perSecond: this.rates[lane] },
      async () => {
        try {
          return (await this.client.apiCall(method, { ...args, token: botToken })) as ApiResult;
        } catch (err) {
          // Expired before its expiry time (a clock off, a refresh elsewhere): renew once and make the call again.
          if (!(err instanceof webApi.WebAPIPlatformError && err.data.error === 'token_expired' && this.options.renewToken)) throw err;
          botToken = await this.options.renewToken(teamId, botToken);
          return (await this.client.apiCall(method, { ...args, token: botToken })) as ApiResult;
        }
      },
      (err) => classifySlackError(err, repeatable),
      gate,
    );
  }

  /** Posts to an interaction's response_url (ephemeral replies to commands): no token, same limiter; a post, so not repeatable. */
  async respond(teamId: string, responseUrl: string, body: Record<string, unknown>): Promise<void> {
    await this.postToResponseUrl(teamId, responseUrl, body, this.rates.respond, false);
  }

  /**
   * Replaces the clicked message through the click's response_url. Slack limits a response_url to five uses in 30
   * minutes, not by workspace: so no shared limiter (chat.update is Tier 3, about 50 a minute per workspace, which a
   * big workspace's clicks at one slot would queue behind) and no Redis round trip. Replacing twice shows the same.
   */
  async replaceOriginal(teamId: string, responseUrl: string, body: Record<string, unknown>): Promise<void> {
    await this.postToResponseUrl(teamId, responseUrl, { ...body, replace_original: true }, null, true);
  }

  private async postToResponseUrl(teamId: string, responseUrl: string, body: Record<string, unknown>, perSecond: number | null, repeatable: boolean): Promise<void> {
    await limitedSend(
      this.sendDeps,
      `slack:${teamId}:respond`,
      { ...this.policy, perSecond },
      async () => {
        const answer = await postJson(responseUrl, JSON.stringify(body), this.timeoutMs);
        if (answer.status < 200 || answer.status > 299) throw new ResponseUrlError(answer.status, answer.retryAfterMs);
      },
      (err) => classifySlackError(err, repeatable),
    );
  }
}
