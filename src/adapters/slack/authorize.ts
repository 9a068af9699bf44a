// Authorization for a single workspace (SLACK_BOT_TOKEN): Bolt's built-in one caches a failed auth.test forever;
// this one checks the token in the background, keeps only a success, and never holds a request back for it.
// For OAuth installs, the stored installation.
import type { Authorize, AuthorizeResult } from '@slack/bolt';
import type { Logger } from '../../core/index.ts';
import { installationKey, NoInstallationError } from './installation-store.ts';
import type { SlackApi } from './slack-api.ts';
import { describeSlackError } from './slack-errors.ts';
import type { TokenRotation } from './token-rotation.ts';

export function singleWorkspaceAuthorize(api: SlackApi, token: string, logger: Logger): Authorize<boolean> {
  let identity: { botUserId: string; botId: string } | null = null;
  let checking = false;
  const check = (teamId: string) => {
    if (checking) return;
    checking = true;
    api
      .call(teamId, 'auth.test', {}, token)
      .then((result) => {
        if (typeof result['user_id'] === 'string' && typeof result['bot_id'] === 'string') identity = { botUserId: result['user_id'], botId: result['bot_id'] };
      })
      .catch((err: unknown) => logger.error({ err: describeSlackError(err) }, 'SLACK_BOT_TOKEN was not accepted by auth.test'))
      .finally(() => {
        checking = false;
      });
  };
  return async (source) => {
    if (identity === null) check(source.teamId ?? 'unknown');
    const result: AuthorizeResult = { botToken: token };
    if (identity !== null) Object.assign(result, identity);
    return result;
  };
}

/**
 * Authorization for OAuth installs: the stored installation of the workspace, or of its org for an org-wide install,
 * its bot token refreshed first when token rotation is on and it expires soon.
 */
export function installationAuthorize(rotation: TokenRotation): Authorize<boolean> {
  return async (source) => {
    const installation = await rotation.fresh({ teamId: source.teamId, enterpriseId: source.enterpriseId, isEnterpriseInstall: source.isEnterpriseInstall });
    const bot = installation.bot;
    if (!bot) throw new NoInstallationError(installationKey(source));
    const result: AuthorizeResult = { botToken: bot.token, botUserId: bot.userId, botId: bot.id };
    const teamId = source.teamId ?? installation.team?.id;
    if (teamId) result.teamId = teamId;
    if (installation.enterprise?.id) result.enterpriseId = installation.enterprise.id;
    return result;
  };
}
