// The Microsoft Teams adapter: the only place that imports botbuilder. Mount `router`, register `messenger`.
import type { Router } from 'express';
import type { BreakService, Logger, Messenger, PictureSource, Store } from '../../core/index.ts';
import { TeamsCloudAdapter } from './adapter.ts';
import { createAuthentication, type TeamsConfig } from './authentication.ts';
import { createReferenceStore } from './conversation-references.ts';
import { createLiveCount } from './live-count.ts';
import { createTeamsMessenger } from './messenger.ts';
import { createOutbox } from './outbox.ts';
import { createTeamsRouter } from './routes.ts';
import { sdkRetriesOff } from './sdk-retries.ts';
import { createTurnLogic } from './turn-router.ts';
import { GraphTokens } from './graph-token.ts';
import { createPresenceReader } from './presence.ts';

export type { TeamsConfig } from './authentication.ts';
export { MESSAGES_PATH } from './routes.ts';

export interface TeamsAdapterDeps {
  config: TeamsConfig;
  service: BreakService;
  store: Store;
  logger: Logger;
  /** Challenge pictures for prompt cards (linked from PUBLIC_URL, else inline). */
  pictures?: PictureSource | null;
}

export interface TeamsAdapter {
  /** Serves POST /api/messages. */
  router: Router;
  /** Register with the service: prompts for `teams:` members and teams go out through it. */
  messenger: Messenger;
}

export function createTeamsAdapter(deps: TeamsAdapterDeps): TeamsAdapter {
  const { authentication, appId } = createAuthentication(deps.config, deps.logger);
  const adapter = new TeamsCloudAdapter(authentication);
  adapter.use(sdkRetriesOff(deps.logger));
  adapter.onTurnError = async (_context, err) => {
    deps.logger.error({ err: err instanceof Error ? `${err.name}: ${err.message}` : 'unknown' }, 'teams: unhandled turn error');
  };
  const references = createReferenceStore(deps.store);
  const outbox = createOutbox({ adapter, appId, store: deps.store, logger: deps.logger, perSecond: deps.config.TEAMS_SENDS_PER_SECOND });
  const liveCount = createLiveCount(outbox, deps.logger);
  const logic = createTurnLogic({ service: deps.service, references, outbox, liveCount, logger: deps.logger, pictures: deps.pictures ?? null });
  return {
    router: createTeamsRouter({ adapter, logic, logger: deps.logger }),
    messenger: createTeamsMessenger({ references, outbox, presence: presenceReader(deps), pictures: deps.pictures ?? null }),
  };
}

/** Graph presence for due members, when TEAMS_PRESENCE is on (config.ts has checked the credentials it needs). */
function presenceReader(deps: TeamsAdapterDeps) {
  const { config } = deps;
  if (!config.TEAMS_PRESENCE || !config.MICROSOFT_APP_ID || !config.MICROSOFT_APP_PASSWORD) return undefined;
  const tokens = new GraphTokens({
    loginUrl: config.MICROSOFT_LOGIN_URL,
    graphUrl: config.GRAPH_API_URL,
    clientId: config.MICROSOFT_APP_ID,
    clientSecret: config.MICROSOFT_APP_PASSWORD,
    fixedTenant: config.MICROSOFT_APP_TYPE === 'SingleTenant' ? config.MICROSOFT_APP_TENANT_ID : undefined,
  });
  return createPresenceReader({ graphUrl: config.GRAPH_API_URL, tokens, logger: deps.logger });
}
