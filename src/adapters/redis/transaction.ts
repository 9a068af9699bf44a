// Runs a MULTI/EXEC batch (all keys under one hash tag) or a pipeline and returns its replies, throwing the first
// failed reply.
import type { ChainableCommander } from 'ioredis';
import { guard } from './redis-errors.ts';

export async function execTransaction(tx: ChainableCommander): Promise<unknown[]> {
  const replies = await guard(tx.exec());
  // exec() yields null only when a WATCHed key changed; the store never WATCHes.
  if (!replies) throw new Error('Redis transaction was aborted');
  return replies.map(([err, reply]) => {
    if (err) throw err;
    return reply;
  });
}
