// The bot process: load config (a bad one exits with a message, never a stack), build the bot, handle signals.
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './http/logger.ts';
import { createBot } from './bot.ts';

/** Resolves once the bot listens (a failure to start exits the process instead). */
export async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL);
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason instanceof Error ? reason.message : 'unknown' }, 'unhandled rejection');
  });
  let bot;
  try {
    bot = await createBot(config, logger);
  } catch (err) {
    logger.fatal({ err: err instanceof Error ? err.message : 'unknown' }, 'start-up failed');
    process.exit(1);
  }
  let port: number;
  try {
    ({ port } = await bot.listen());
  } catch (err) {
    // A port in use (or any listen failure) leaves nothing to serve: say so and exit non-zero.
    logger.fatal({ err: err instanceof Error ? err.message : 'unknown', port: config.PORT }, 'could not listen');
    await bot.close().catch(() => undefined);
    process.exit(1);
  }
  if (config.webChatEnabled) process.stdout.write(`Local web chat: http://localhost:${port}/\n`);
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    bot
      .close()
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}
