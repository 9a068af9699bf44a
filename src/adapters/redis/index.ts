// The Redis Store adapter's public face.
export { RedisStore } from './redis-store.ts';
export type { RedisStoreOptions } from './redis-store.ts';
export { createRedisClient, createRedisClusterClient } from './redis-client.ts';
export { RedisKeys, DEFAULT_PREFIX, DEFAULT_SHARD_COUNT, UnplaceableIdError } from './keys.ts';
