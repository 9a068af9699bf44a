// The Slack adapter: Bolt with one receiver, HTTP (POST /slack/events on the shared server) or Socket Mode
// (SLACK_APP_TOKEN), the same listeners behind either; the OAuth install routes when configured; the Messenger.
import type { RequestListener } from 'node:http';
import express, { type Router } from 'express';
import { App, LogLevel, SocketModeReceiver, type Logger as BoltLogger, type Receiver } from '@slack/bolt';
import type { BreakService, Logger, PictureSource } from '../../core/index.ts';
import type { Config } from '../../config.ts';
import { installationAuthorize, singleWorkspaceAuthorize } from './authorize.ts';
import { boltLogger } from './bolt-logger.ts';
import type { ClickDeps } from './clicks.ts';
import { installationQueryOf, StoreInstallationStore } from './installation-store.ts';
import { registerListeners } from './listeners.ts';
import { createSlackMessenger, type SlackMessenger } from './messenger.ts';
import { createDmChannels } from './dm-channels.ts';
import { createSlackPictures } from './pictures.ts';
import { mountOAuthRoutes } from './oauth-install.ts';
import { EVENTS_PATH, SlackHttpReceiver } from './receivers/http.ts';
import { createSocketModeReceiver } from './receivers/socket-mode.ts';
import { SlackApi } from './slack-api.ts';
import { TeamCountUpdates } from './team-count.ts';
import { TokenCipher } from './token-cipher.ts';
import { botTokenOf, refreshWith, TokenRotation } from './token-rotation.ts';
import { WorkLimit } from './work-limit.ts';

export { slackMemberId, slackTeamId } from './ids.ts';
export { INSTALLATION_KIND } from './installation-store.ts';

export { EVENTS_PATH } from './receivers/http.ts';
/**
 * Enough to keep Redis busy; few enough that acknowledging a new request never waits behind a crowd. Measured with
 * the Slack clicks now in bench/done-http.bench.ts: at 300 clicks/s, 16 let the ack p99 reach seconds on a loaded
 * 2-core machine; 8 kept it near 300 ms with more completions per second.
 */
const WORK_LIMIT = 8;

/** Bot scopes an OAuth install asks for; slack-manifest.yml lists the same. */
export const BOT_SCOPES = ['commands', 'chat:write', 'chat:write.public', 'im:write', 'im:history', 'users:read', 'users.profile:read', 'dnd:read', 'channels:read', 'groups:read', 'files:write'];

export interface SlackAdapterOptions {
  config: Config;
  service: BreakService;
  logger: Logger;
  /** The rendered challenge pictures (linked from PUBLIC_URL or uploaded per workspace). */
  pictures?: PictureSource | null;
}

export interface SlackAdapter {
  /** Mount at the root of the shared app. */
  router: Router;
  /** Over HTTP, the events endpoint (also on `router`) for the server to serve ahead of express; null in Socket Mode. */
  events: { path: string; handle: RequestListener } | null;
  messenger: SlackMessenger;
  /** Opens the Socket Mode connection (resolves once Slack said hello); nothing to do over HTTP. */
  start(): Promise<void>;
  /** Closes the Socket Mode connection. */
  stop(): Promise<void>;
}

function encryptionSecret(config: Config, logger: Logger): string {
  if (config.TOKEN_ENCRYPTION_KEY) return config.TOKEN_ENCRYPTION_KEY;
  // Only outside production (the config refuses it there): one secret doing two jobs.
  logger.warn({}, 'TOKEN_ENCRYPTION_KEY is not set: Slack tokens are encrypted with a key derived from SLACK_STATE_SECRET; set TOKEN_ENCRYPTION_KEY');
  if (!config.SLACK_STATE_SECRET) throw new Error('TOKEN_ENCRYPTION_KEY or SLACK_STATE_SECRET is needed to store Slack installations');
  return config.SLACK_STATE_SECRET;
}

export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const { config, service, logger } = options;
  const store = service.ctx.store;
  const installations = config.slackOAuth
    ? new StoreInstallationStore(store, TokenCipher.fromSecret(encryptionSecret(config, logger), config.TOKEN_ENCRYPTION_KEY_PREVIOUS))
    : null;
  const rotation = installations && config.SLACK_CLIENT_ID && config.SLACK_CLIENT_SECRET ? new TokenRotation({ installations, store, refresh: refreshWith(config.SLACK_API_URL, config.SLACK_CLIENT_ID, config.SLACK_CLIENT_SECRET, logger), now: () => service.ctx.clock.now(), logger }) : null;
  const botToken = config.SLACK_BOT_TOKEN;
  const tokenFor = rotation
    ? async (teamId: string) => botTokenOf(await rotation.fresh(installationQueryOf(teamId)), teamId)
    : async () => {
        if (!botToken) throw new Error('SLACK_BOT_TOKEN is not set');
        return botToken;
      };
  const renewToken = rotation ? async (teamId: string, expired: string) => botTokenOf(await rotation.replaceExpired(installationQueryOf(teamId), expired), teamId) : undefined;
  // Prompts are posts: the workspace's write lane takes SLACK_SENDS_PER_SECOND, all instances together.
  const api = new SlackApi({ store, apiUrl: config.SLACK_API_URL, tokenFor, ...(renewToken ? { renewToken } : {}), logger, rates: { write: config.SLACK_SENDS_PER_SECOND } });
  const slackLog = boltLogger(logger, LogLevel.WARN);

  const router = express.Router();
  const receiver = createReceiver(config, router, logger, slackLog);
  if (installations && config.SLACK_CLIENT_ID && config.SLACK_CLIENT_SECRET && config.SLACK_STATE_SECRET) {
    const settings = { clientId: config.SLACK_CLIENT_ID, clientSecret: config.SLACK_CLIENT_SECRET, stateSecret: config.SLACK_STATE_SECRET, apiUrl: config.SLACK_API_URL, scopes: BOT_SCOPES };
    mountOAuthRoutes(router, settings, installations, slackLog, logger);
  }
  const app = new App({
    receiver,
    logger: slackLog,
    // Bolt's per-conversation state is unused here; skipping it saves a lookup on every request.
    convoStore: false,
    clientOptions: { slackApiUrl: config.SLACK_API_URL, rejectRateLimitedCalls: true, retryConfig: { retries: 0 } },
    authorize: rotation ? installationAuthorize(rotation) : singleWorkspaceAuthorize(api, botToken ?? '', logger),
  });
  const pictures = createSlackPictures(api, options.pictures ?? null, logger, () => service.ctx.clock.now(), store);
  const deps: ClickDeps = { service, store, api, logger, installations, work: new WorkLimit(WORK_LIMIT), teamCounts: new TeamCountUpdates(), pictures };
  registerListeners(app, deps);
  const socketMode = receiver instanceof SocketModeReceiver;
  return {
    router,
    events: receiver instanceof SlackHttpReceiver ? { path: EVENTS_PATH, handle: receiver.handle } : null,
    messenger: createSlackMessenger(api, logger, createDmChannels(store), { pictures }),
    // Over HTTP the shared server brings the traffic; a Socket Mode connection is opened and closed with the bot.
    start: async () => {
      if (socketMode) await openSocket(app, logger);
    },
    stop: async () => {
      if (socketMode) await app.stop();
    },
  };
}

/** How long start-up waits for the first Socket Mode connection before going on without it. */
export const SOCKET_WAIT_MS = 10_000;

/**
 * Waits for Slack's hello, so a refused app token stops start-up; when Slack is merely unreachable the bot goes on
 * (scheduler, Teams, health checks) after SOCKET_WAIT_MS while the client keeps trying in the background.
 */
async function openSocket(app: App, logger: Logger): Promise<void> {
  const connecting = app.start();
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<'waiting'>((resolve) => {
    timer = setTimeout(() => resolve('waiting'), SOCKET_WAIT_MS);
  });
  const outcome = await Promise.race([connecting.then(() => 'open' as const), waited]).finally(() => clearTimeout(timer));
  if (outcome === 'open') return;
  logger.warn({ waitedMs: SOCKET_WAIT_MS }, 'Slack Socket Mode is not connected yet; still trying in the background');
  connecting.then(
    () => logger.info({}, 'Slack Socket Mode connected'),
    (err: unknown) => logger.error({ err: err instanceof Error ? err.message : 'unknown' }, 'Slack Socket Mode could not connect'),
  );
}

function createReceiver(config: Config, router: Router, logger: Logger, slackLog: BoltLogger): Receiver {
  if (config.SLACK_APP_TOKEN) return createSocketModeReceiver({ appToken: config.SLACK_APP_TOKEN, apiUrl: config.SLACK_API_URL, boltLogger: slackLog });
  if (!config.SLACK_SIGNING_SECRET) throw new Error('SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode) is required for Slack');
  const receiver = new SlackHttpReceiver({ signingSecret: config.SLACK_SIGNING_SECRET, logger, boltLogger: slackLog });
  router.post(EVENTS_PATH, receiver.handle);
  return receiver;
}
