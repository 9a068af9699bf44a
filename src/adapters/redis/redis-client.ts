// The ioredis connection the store wants: one that fails a call at once when Redis is down, so a click gets
// "try again in a moment" and the scheduler skips a tick instead of piling up calls that hang.
import { Redis } from 'ioredis';

export function createRedisClient(url: string, onError: (err: Error) => void = () => undefined): Redis {
  const client = new Redis(url, {
    // A call made before the first connection waits at most two reconnect attempts (fractions of a second when the
    // port is closed), instead of ioredis' default 20.
    maxRetriesPerRequest: 2,
    // Keep reconnecting forever, backing off to 2 s: the store recovers on its own when Redis returns.
    retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
    // An unreachable host (no RST) fails the connect after 2 s rather than the OS timeout.
    connectTimeout: 2000,
    // A Redis that accepts the connection but never answers still fails the call after 5 s.
    commandTimeout: 5000,
  });
  // Start-up calls wait for the first connection; after the first attempt, a call made while disconnected fails
  // immediately instead of queueing behind ever longer reconnect delays.
  const failFastFromNowOn = () => {
    client.options.enableOfflineQueue = false;
  };
  client.once('ready', failFastFromNowOn);
  client.once('error', failFastFromNowOn);
  // Every failed call already reports StoreUnavailableError; this only keeps ioredis from printing each retry.
  client.on('error', onError);
  return client;
}
