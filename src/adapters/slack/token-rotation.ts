// Slack token rotation (OAuth installs with token_rotation_enabled): a bot token lives 12 hours and comes with a
// refresh token. Before a token is used (an event's authorize or a scheduled send) one that expires within the margin
// is swapped for a new one. A short lock on the store lets one instance refresh an installation while the others wait
// for its result, so no instance spends a refresh token another one already used.
import { webApi, type Installation, type InstallationQuery } from '@slack/bolt';
import type { Logger, Store } from '../../core/index.ts';
import { underStoreLock } from '../shared/store-lock.ts';
import { boltLogger } from './bolt-logger.ts';
import { installationKey, NoInstallationError, type StoreInstallationStore } from './installation-store.ts';

/** Refresh when less than this is left: covers clock skew and a send's retries. */
export const REFRESH_MARGIN_MS = 10 * 60_000;
/** How long a refresh may hold the lock; a crashed holder's lock is gone after this. */
const LOCK_MS = 15_000;
const LOCK_KIND = 'slack-token-refresh';
const POLL_MS = 50;

type AnyInstallation = Installation<'v1' | 'v2', boolean>;

export interface RefreshedToken {
  accessToken: string;
  refreshToken: string;
  expiresInSeconds: number;
}

export interface TokenRotationDeps {
  installations: StoreInstallationStore;
  store: Store;
  /** oauth.v2.access with grant_type=refresh_token. */
  refresh: (refreshToken: string) => Promise<RefreshedToken>;
  now: () => number;
  logger: Logger;
  sleep?: (ms: number) => Promise<void>;
}

export class TokenRotation {
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly deps: TokenRotationDeps) {
    this.sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** The installation for `query` with a bot token good for at least the margin (refreshed first when needed). */
  async fresh(query: InstallationQuery<boolean>): Promise<AnyInstallation> {
    const installation = await this.deps.installations.fetchInstallation(query);
    if (!this.expiring(installation)) return installation;
    return this.refreshOnce(query, (current) => this.expiring(current));
  }

  /** After Slack answered token_expired for `expiredToken`: refresh now unless another caller already has. */
  async replaceExpired(query: InstallationQuery<boolean>, expiredToken: string): Promise<AnyInstallation> {
    return this.refreshOnce(query, (current) => current.bot?.token === expiredToken && Boolean(current.bot?.refreshToken));
  }

  private expiring(installation: AnyInstallation): boolean {
    const bot = installation.bot;
    if (!bot?.refreshToken || bot.expiresAt === undefined) return false;
    return bot.expiresAt * 1000 - this.deps.now() < REFRESH_MARGIN_MS;
  }

  /** Takes the lock, checks again under it (another instance may have just refreshed), refreshes, stores. */
  private async refreshOnce(query: InstallationQuery<boolean>, stillNeeded: (current: AnyInstallation) => boolean): Promise<AnyInstallation> {
    const deadline = Date.now() + LOCK_MS * 2;
    for (;;) {
      const current = await this.deps.installations.fetchInstallation(query);
      if (!stillNeeded(current)) return current;
      const key = recordKey(current);
      const refreshed = await underStoreLock(this.deps.store, { kind: LOCK_KIND, key, ttlMs: LOCK_MS }, async () => {
        const locked = await this.deps.installations.fetchInstallation(query);
        return stillNeeded(locked) ? this.refreshAndStore(locked) : locked;
      });
      if (refreshed) return refreshed.value;
      // Another instance is refreshing: wait for its result rather than spend the same refresh token.
      if (Date.now() > deadline) throw new Error('slack token refresh: another instance held the lock too long');
      await this.sleep(POLL_MS);
    }
  }

  private async refreshAndStore(installation: AnyInstallation): Promise<AnyInstallation> {
    const bot = installation.bot;
    if (!bot?.refreshToken) return installation;
    const answer = await this.deps.refresh(bot.refreshToken);
    const fresh = { token: answer.accessToken, refreshToken: answer.refreshToken, expiresAt: Math.floor(this.deps.now() / 1000) + answer.expiresInSeconds };
    const refreshed: AnyInstallation = { ...installation, bot: { ...bot, ...fresh } };
    // Only the bot's token fields, on the record as stored now: a re-install stored meanwhile is kept, not overwritten.
    if (!(await this.deps.installations.storeRefreshedBot(installation, bot.refreshToken, fresh))) {
      this.deps.logger.warn({ installation: recordKey(installation) }, 'slack installation changed during a token refresh; the newer record is kept');
      return this.deps.installations.fetchInstallation({ teamId: installation.team?.id, enterpriseId: installation.enterprise?.id, isEnterpriseInstall: installation.isEnterpriseInstall === true });
    }
    this.deps.logger.info({ installation: recordKey(installation), expiresInSeconds: answer.expiresInSeconds }, 'slack bot token refreshed');
    return refreshed;
  }
}

function recordKey(installation: AnyInstallation): string {
  return installationKey({ teamId: installation.team?.id, enterpriseId: installation.enterprise?.id, isEnterpriseInstall: installation.isEnterpriseInstall });
}

/** The bot token of an installation, for calls made outside a Slack request (the scheduler's prompts). */
export function botTokenOf(installation: AnyInstallation, teamId: string): string {
  const token = installation.bot?.token;
  if (!token) throw new NoInstallationError(`T:${teamId}`);
  return token;
}

/** oauth.v2.access with grant_type=refresh_token against SLACK_API_URL; the answer carries the next refresh token. */
export function refreshWith(apiUrl: string, clientId: string, clientSecret: string, logger: Logger): (refreshToken: string) => Promise<RefreshedToken> {
  // No retry: a refresh Slack took but whose answer was lost has spent the refresh token; the next use tries afresh.
  const client = new webApi.WebClient(undefined, { slackApiUrl: apiUrl, retryConfig: { retries: 0 }, timeout: 10_000, logger: boltLogger(logger, webApi.LogLevel.ERROR) });
  return async (refreshToken) => {
    const answer = await client.oauth.v2.access({ client_id: clientId, client_secret: clientSecret, grant_type: 'refresh_token', refresh_token: refreshToken });
    if (!answer.access_token || !answer.refresh_token || answer.expires_in === undefined) throw new Error('slack token refresh: the answer lacks a token, refresh token or expiry');
    return { accessToken: answer.access_token, refreshToken: answer.refresh_token, expiresInSeconds: answer.expires_in };
  };
}
