// The Redis store passes the Store contract, each test under its own key prefix on a real Redis.
import { RedisStore } from '../../src/adapters/redis/index.ts';
import { connectTestRedis, deleteKeysWithPrefix, randomPrefix } from '../helpers/redis.ts';
import { runStoreContract } from './store.contract.ts';

runStoreContract('redis', async () => {
  const prefix = randomPrefix('contract');
  const store = new RedisStore(connectTestRedis(), { prefix });
  return {
    store,
    async cleanup() {
      const admin = connectTestRedis();
      await deleteKeysWithPrefix(admin, prefix);
      await admin.quit();
      await store.close();
    },
  };
});
