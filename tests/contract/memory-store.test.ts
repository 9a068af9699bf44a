// The memory store passes the Store contract.
import { MemoryStore } from '../../src/adapters/memory/index.ts';
import { runStoreContract } from './store.contract.ts';

runStoreContract('memory', async () => ({ store: new MemoryStore(), cleanup: async () => undefined }));
