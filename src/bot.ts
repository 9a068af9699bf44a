// Composition: config -> store -> core -> adapters -> scheduler -> HTTP. Tests build a whole bot with this too.
import { createServer, type RequestListener, type Server } from 'node:http';
import type { Logger as PinoLogger } from 'pino';
import { BreakService, type Clock, type SendStage, type Store } from './core/index.ts';
import type { Config } from './config.ts';
import { createHttpApp } from './http/app.ts';
import { withDirectPosts } from './http/direct-posts.ts';
import { mediaRouter } from './http/media.ts';
import { PictureCache } from './http/pictures.ts';
import { createMetrics, type AppMetrics } from './http/metrics.ts';
import { createScheduler, type Scheduler } from './scheduler/scheduler.ts';
import { createStore } from './store.ts';
import { createWebChat } from './adapters/web/index.ts';

export interface Bot {
  service: BreakService;
  store: Store;
  metrics: AppMetrics;
  scheduler: Scheduler;
  /** Starts listening (port 0 picks a free one) and the scheduler when enabled. */
  listen(): Promise<{ port: number }>;
  /** Graceful stop: refuse new work, finish in-flight, close connections. */
  close(): Promise<void>;
}

export interface BotOverrides {
  clock?: Clock;
  store?: Store;
  /** Tests turn off default process metrics so several bots can live in one process. */
  defaultMetrics?: boolean;
}

export async function createBot(config: Config, logger: PinoLogger, overrides: BotOverrides = {}): Promise<Bot> {
  const clock = overrides.clock ?? { now: () => Date.now() };
  const store = overrides.store ?? (await createStore(config, logger));
  const metrics = createMetrics({ defaultMetrics: overrides.defaultMetrics ?? true });
  const service = new BreakService({
    store,
    clock,
    logger,
    metrics,
    spreadSeconds: config.PROMPT_SPREAD_SECONDS,
    sendsPerSecond: { slack: config.SLACK_SENDS_PER_SECOND, teams: config.TEAMS_SENDS_PER_SECOND },
    defaultTimezone: config.DEFAULT_TIMEZONE,
    // Crash tests stop the process at a stage of a send; never outside NODE_ENV=test.
    ...(config.NODE_ENV === 'test' && config.TEST_CRASH_AT ? { stageReached: crashAt(config.TEST_CRASH_AT) } : {}),
  });
  let accepting = true;
  const app = createHttpApp({ store, metrics, isAcceptingWork: () => accepting });
  const pictures = PictureCache.load(config.PUBLIC_URL ?? null);
  app.use(mediaRouter(pictures));

  if (config.webChatEnabled) {
    const web = createWebChat({ service, logger });
    service.registerMessenger(web.messenger);
    app.use(web.router);
  }

  // Each platform's SDK is loaded only when that platform is on: the web chat alone starts without Bolt or botbuilder.
  const slack = config.slackEnabled ? (await import('./adapters/slack/index.ts')).createSlackAdapter({ config, service, logger, pictures }) : null;
  const directPosts = new Map<string, RequestListener>();
  if (slack) {
    service.registerMessenger(slack.messenger);
    app.use(slack.router);
    if (slack.events) directPosts.set(slack.events.path, slack.events.handle);
  }

  if (config.teamsEnabled) {
    const { createTeamsAdapter } = await import('./adapters/teams/index.ts');
    const teams = createTeamsAdapter({ config, service, store, logger, pictures });
    service.registerMessenger(teams.messenger);
    app.use(teams.router);
  }

  const scheduler = createScheduler(
    {
      store,
      clock,
      logger,
      handleDueBatch: (jobs, concurrency, signal) => service.handleDueBatch(jobs, concurrency, signal),
      observeTick: (seconds) => metrics.tickDuration.observe(seconds),
      observeLatency: (ms) => metrics.deliveryLatency.observe(Math.max(0, ms) / 1000),
    },
    { tickSeconds: config.SCHEDULER_TICK_SECONDS, batchSize: config.SCHEDULER_BATCH_SIZE, leaseMs: config.SCHEDULER_LEASE_SECONDS * 1000, reapSeconds: config.SCHEDULER_REAP_SECONDS },
  );

  let server: Server | null = null;
  return {
    service,
    store,
    metrics,
    scheduler,
    async listen() {
      const listening = await new Promise<Server>((resolve, reject) => {
        const s = createServer(withDirectPosts(app, directPosts));
        s.once('error', reject);
        s.listen(config.PORT === 0 ? 0 : config.PORT, config.HOST, () => resolve(s));
      });
      server = listening;
      // Socket Mode: the connection to Slack is open before the bot reports it is listening.
      await slack?.start();
      if (config.SCHEDULER_ENABLED) scheduler.start();
      const address = listening.address();
      const port = typeof address === 'object' && address ? address.port : config.PORT;
      logger.info({ port, store: config.REDIS_URL ? 'redis' : 'memory', web: config.webChatEnabled }, 'listening');
      return { port };
    },
    async close() {
      accepting = false;
      await slack?.stop();
      await scheduler.stop();
      if (server) {
        const s = server;
        await new Promise<void>((resolve) => {
          s.close(() => resolve());
          s.closeAllConnections();
        });
      }
      await store.close();
    },
  };
}

/** TEST_CRASH_AT: kill -9 of this very process the first time a scheduled send reaches `stage`. */
function crashAt(stage: SendStage): (reached: SendStage) => void {
  return (reached) => {
    if (reached === stage) process.kill(process.pid, 'SIGKILL');
  };
}
