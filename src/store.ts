// Picks the store: Redis when REDIS_URL is set (a Cluster seeded from it when REDIS_CLUSTER=true), else memory (the
// one-minute local try-out).
import type { Logger } from 'pino';
import type { Store } from './core/index.ts';
import type { Config } from './config.ts';
import { MemoryStore } from './adapters/memory/index.ts';

export async function createStore(config: Config, logger: Logger): Promise<Store> {
  if (!config.REDIS_URL) {
    logger.warn({}, 'REDIS_URL is not set: using the in-memory store; state is lost on restart');
    return new MemoryStore();
  }
  // ioredis loads only when Redis is configured: the one-minute try-out starts without it.
  const { RedisStore, createRedisClient, createRedisClusterClient } = await import('./adapters/redis/index.ts');
  const redis = config.REDIS_CLUSTER ? createRedisClusterClient(config.REDIS_URL) : createRedisClient(config.REDIS_URL);
  const store = new RedisStore(redis, { prefix: config.REDIS_PREFIX });
  await store.ping();
  return store;
}
