// OAuth installs (SLACK_CLIENT_ID/SECRET/STATE_SECRET): GET /slack/install and /slack/oauth_redirect on the shared
// HTTP server, whichever way Slack traffic arrives (HTTP or Socket Mode). The installation goes to the encrypted store.
import type { Router } from 'express';
import type { Logger as BoltLogger } from '@slack/bolt';
import { InstallProvider, type InstallURLOptions } from '@slack/oauth';
import type { Logger } from '../../core/index.ts';
import type { StoreInstallationStore } from './installation-store.ts';

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

export interface OAuthSettings {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  apiUrl: string;
  scopes: string[];
}

export function mountOAuthRoutes(router: Router, settings: OAuthSettings, installations: StoreInstallationStore, boltLogger: BoltLogger, logger: Logger): void {
  const installer = new InstallProvider({
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    stateSecret: settings.stateSecret,
    installationStore: installations,
    logger: boltLogger,
    authVersion: 'v2',
    clientOptions: { slackApiUrl: settings.apiUrl },
  });
  const installUrl: InstallURLOptions = { scopes: settings.scopes };
  router.get(INSTALL_PATH, async (req, res) => {
    try {
      await installer.handleInstallPath(req, res, undefined, installUrl);
    } catch (err) {
      logger.error({ err: err instanceof Error ? err.name : 'unknown' }, 'slack install page failed');
      if (!res.headersSent) res.status(500).send('The install page could not be shown.');
    }
  });
  router.get(REDIRECT_PATH, async (req, res) => {
    try {
      await installer.handleCallback(req, res);
    } catch (err) {
      logger.error({ err: err instanceof Error ? err.name : 'unknown' }, 'slack install callback failed');
      if (!res.headersSent) res.status(500).send('The installation could not be completed.');
    }
  });
}
