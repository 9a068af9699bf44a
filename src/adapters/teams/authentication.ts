// Bot Framework authentication from the environment, or none at all for the Emulator and tests (never in production).
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { Logger } from '../../core/index.ts';
import type { Config } from '../../config.ts';

export type TeamsConfig = Pick<
  Config,
  'MICROSOFT_APP_ID' | 'MICROSOFT_APP_PASSWORD' | 'MICROSOFT_APP_TYPE' | 'MICROSOFT_APP_TENANT_ID' | 'TEAMS_ALLOW_ANONYMOUS' | 'TEAMS_PRESENCE' | 'GRAPH_API_URL' | 'MICROSOFT_LOGIN_URL' | 'TEAMS_SENDS_PER_SECOND'
>;

export interface TeamsAuthentication {
  authentication: ConfigurationBotFrameworkAuthentication;
  /** The app id proactive turns run as; empty when authentication is off. */
  appId: string;
}

export function createAuthentication(config: TeamsConfig, logger: Logger): TeamsAuthentication {
  if (config.TEAMS_ALLOW_ANONYMOUS) {
    // With no app id the SDK accepts unsigned requests and sends without a token (config.ts refuses this in production).
    logger.warn(
      { appIdIgnored: Boolean(config.MICROSOFT_APP_ID) },
      'TEAMS_ALLOW_ANONYMOUS=true: Bot Framework authentication is OFF; anyone who can reach /api/messages can act as any user',
    );
    return { authentication: new ConfigurationBotFrameworkAuthentication({}), appId: '' };
  }
  const appId = config.MICROSOFT_APP_ID ?? '';
  const options: Record<string, string> = { MicrosoftAppId: appId };
  if (config.MICROSOFT_APP_PASSWORD) options['MicrosoftAppPassword'] = config.MICROSOFT_APP_PASSWORD;
  if (config.MICROSOFT_APP_TYPE) options['MicrosoftAppType'] = config.MICROSOFT_APP_TYPE;
  if (config.MICROSOFT_APP_TENANT_ID) options['MicrosoftAppTenantId'] = config.MICROSOFT_APP_TENANT_ID;
  return { authentication: new ConfigurationBotFrameworkAuthentication(options), appId };
}
