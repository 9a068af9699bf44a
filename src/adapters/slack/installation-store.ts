// Bolt's InstallationStore on the Store port: one encrypted record per workspace (or per Enterprise Grid org install).
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Store } from '../../core/index.ts';
import type { TokenCipher } from './token-cipher.ts';

export const INSTALLATION_KIND = 'slack-installation';

/** "T:<team>" for a workspace install, "E:<enterprise>" for an org-wide one. */
export function installationKey(query: { teamId?: string | undefined; enterpriseId?: string | undefined; isEnterpriseInstall?: boolean | undefined }): string {
  if (query.isEnterpriseInstall && query.enterpriseId) return `E:${query.enterpriseId}`;
  if (query.teamId) return `T:${query.teamId}`;
  if (query.enterpriseId) return `E:${query.enterpriseId}`;
  throw new Error('an installation needs a team or an enterprise id');
}

/**
 * The installation that serves a tenant id as the adapter uses it: an org-wide install's tenant is its enterprise id
 * (E…), so one installation serves every workspace of the org; any other tenant is a workspace (T…).
 */
export function installationQueryOf(tenantId: string): InstallationQuery<boolean> {
  return tenantId.startsWith('E') ? { teamId: undefined, enterpriseId: tenantId, isEnterpriseInstall: true } : { teamId: tenantId, enterpriseId: undefined, isEnterpriseInstall: false };
}

export class NoInstallationError extends Error {
  constructor(readonly key: string) {
    super(`no Slack installation for ${key}`);
    this.name = 'NoInstallationError';
  }
}

export class StoreInstallationStore implements InstallationStore {
  constructor(
    private readonly store: Store,
    private readonly cipher: TokenCipher,
  ) {}

  private context(key: string): string {
    return `${INSTALLATION_KIND}:${key}`;
  }

  async storeInstallation<AuthVersion extends 'v1' | 'v2'>(installation: Installation<AuthVersion, boolean>): Promise<void> {
    const key = installationKey({
      teamId: installation.team?.id,
      enterpriseId: installation.enterprise?.id,
      isEnterpriseInstall: installation.isEnterpriseInstall,
    });
    await this.store.putRecord(INSTALLATION_KIND, key, this.cipher.encrypt(JSON.stringify(installation), this.context(key)));
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation<'v1' | 'v2', boolean>> {
    const keys = [installationKey(query)];
    // A workspace inside an org-wide install has no record of its own.
    if (!query.isEnterpriseInstall && query.enterpriseId) keys.push(`E:${query.enterpriseId}`);
    for (const key of keys) {
      const sealed = await this.store.getRecord(INSTALLATION_KIND, key);
      if (sealed === null) continue;
      const opened = this.cipher.open(sealed, this.context(key));
      // Sealed by TOKEN_ENCRYPTION_KEY_PREVIOUS (or before key ids): written back under the current key, same content,
      // only while the record is still the one read (a token refresh or re-install stored meanwhile is kept).
      if (!opened.current) {
        const resealed = this.cipher.encrypt(opened.plaintext, this.context(key));
        await this.store.updateRecord(INSTALLATION_KIND, key, (value) => (value === sealed ? resealed : null));
      }
      return JSON.parse(opened.plaintext) as Installation<'v1' | 'v2', boolean>;
    }
    throw new NoInstallationError(keys[0] ?? 'unknown');
  }

  /**
   * Stores a refreshed bot token on the installation as stored now, and only while it still holds the refresh token
   * that was spent for it: a re-install stored meanwhile (new tokens) is kept. False when nothing was stored.
   */
  async storeRefreshedBot(installation: Installation<'v1' | 'v2', boolean>, spentRefreshToken: string, bot: { token: string; refreshToken: string; expiresAt: number }): Promise<boolean> {
    const key = installationKey({ teamId: installation.team?.id, enterpriseId: installation.enterprise?.id, isEnterpriseInstall: installation.isEnterpriseInstall });
    let stored = false;
    await this.store.updateRecord(INSTALLATION_KIND, key, (sealed) => {
      stored = false;
      if (sealed === null) return null;
      const current = JSON.parse(this.cipher.open(sealed, this.context(key)).plaintext) as Installation<'v1' | 'v2', boolean>;
      if (!current.bot || current.bot.refreshToken !== spentRefreshToken) return null;
      stored = true;
      return this.cipher.encrypt(JSON.stringify({ ...current, bot: { ...current.bot, ...bot } }), this.context(key));
    });
    return stored;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    await this.store.deleteRecord(INSTALLATION_KIND, installationKey(query));
  }

  /** The bot token of a workspace, for calls made outside a Slack request (the scheduler's prompts). */
  async botToken(teamId: string): Promise<string> {
    const installation = await this.fetchInstallation({ teamId, enterpriseId: undefined, isEnterpriseInstall: false });
    const token = installation.bot?.token;
    if (!token) throw new NoInstallationError(`T:${teamId}`);
    return token;
  }
}
