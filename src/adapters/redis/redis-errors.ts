// The one place that turns Redis failures into the core's StoreUnavailableError. Only promises of Redis calls pass
// through here, so a bug in our own code is never mistaken for an outage.
import { StoreUnavailableError } from '../../core/index.ts';

/** Replies that mean "not now" (loading, failover, cluster reshaping) rather than a bad command. */
// OOM (maxmemory with noeviction) and MISCONF (failed snapshot) refuse writes until an operator acts: not our bug.
const UNAVAILABLE_REPLY = /^(LOADING|CLUSTERDOWN|TRYAGAIN|MASTERDOWN|READONLY|BUSY|OOM|MISCONF)\b|OOM command not allowed/;

export function toStoreError(err: unknown): unknown {
  // A ReplyError is Redis refusing a command: a bug (wrong type, script error) unless it says Redis is unavailable.
  if (err instanceof Error && err.name === 'ReplyError' && !UNAVAILABLE_REPLY.test(err.message)) return err;
  // Everything else ioredis rejects with is about the connection: closed, refused, timed out, retries used up.
  return new StoreUnavailableError();
}

export async function guard<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    throw toStoreError(err);
  }
}
