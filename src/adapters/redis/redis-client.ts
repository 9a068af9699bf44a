// The ioredis connections the store wants: ones that fail a call at once when Redis is down, so a click gets
// "try again in a moment" and the scheduler skips a tick instead of piling up calls that hang.
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { oneWritePerTurn, oneWritePerTurnOnEachNode } from './one-write-per-turn.ts';

/** Reconnect forever, backing off to 2 s: the store recovers on its own when Redis returns. */
const reconnectDelay = (attempt: number) => Math.min(attempt * 100, 2000);

const FAIL_FAST = {
  // ioredis 6 speaks RESP3 unless told; RESP2 is chosen on purpose: every reply shape, Lua script reply and cluster
  // redirect here was built and measured on it, and it works on every Redis a user may run (RESP3 needs HELLO, 6+).
  protocol: 2,
  // A call made before the first connection waits at most two reconnect attempts (fractions of a second when the
  // port is closed), instead of ioredis' default 20.
  maxRetriesPerRequest: 2,
  // An unreachable host (no RST) fails the connect after 2 s rather than the OS timeout.
  connectTimeout: 2000,
  // A Redis that accepts the connection but never answers (frozen, swapped out, a dead peer without RST) still
  // fails the call after 5 s...
  commandTimeout: 5000,
  // ...and after 5 s without a byte while replies are due, the connection is dropped and made again, so every later
  // call fails at once (instead of each waiting 5 s) until Redis answers the new connection.
  socketTimeout: 5000,
  // A call its caller has already seen fail (and told the user "try again") must not be sent again behind their
  // back when the connection comes back; calls in flight when it drops still settle through commandTimeout.
  autoResendUnfulfilledCommands: false,
  // No auto-pipelining: it saved little per click (bench/done-http.bench.ts) and, with Redis frozen, doubled the time
  // a click waits before "try again" (10 s, tests/integration/redis-outage.test.ts).
} as const satisfies RedisOptions;

/** Start-up calls wait for the first connection; afterwards a call made while disconnected fails at once. */
function failFastAfterFirstAttempt(client: Redis | Cluster): void {
  const failFastFromNowOn = () => {
    client.options.enableOfflineQueue = false;
  };
  client.once('ready', failFastFromNowOn);
  client.once('error', failFastFromNowOn);
}

export function createRedisClient(url: string, onError: (err: Error) => void = () => undefined): Redis {
  const client = new Redis(url, { ...FAIL_FAST, retryStrategy: reconnectDelay });
  failFastAfterFirstAttempt(client);
  oneWritePerTurn(client);
  // Every failed call already reports StoreUnavailableError; this only keeps ioredis from printing each retry.
  client.on('error', onError);
  return client;
}

/** The connection settings a redis:// or rediss:// URL carries (credentials, TLS); the host is the seed's. */
function urlOptions(url: URL): Pick<RedisOptions, 'username' | 'password' | 'tls'> {
  const options: Pick<RedisOptions, 'username' | 'password' | 'tls'> = {};
  if (url.username) options.username = decodeURIComponent(url.username);
  if (url.password) options.password = decodeURIComponent(url.password);
  if (url.protocol === 'rediss:') options.tls = {};
  return options;
}

/**
 * A Redis Cluster client seeded from one node's URL (REDIS_URL with REDIS_CLUSTER=true); it learns the other nodes
 * from CLUSTER SLOTS and sends each command, script and MULTI to the master of its keys' slot.
 */
export function createRedisClusterClient(seedUrl: string, onError: (err: Error) => void = () => undefined): Cluster {
  const url = new URL(seedUrl);
  const client = new Cluster([{ host: url.hostname, port: Number(url.port || 6379) }], {
    // Each node connection fails fast the same way; ioredis itself decides node reconnects from slot refreshes.
    redisOptions: { ...FAIL_FAST, ...urlOptions(url) },
    clusterRetryStrategy: reconnectDelay,
    // A seed or node that does not answer CLUSTER SLOTS is given up on after 2 s, like a connect.
    slotsRefreshTimeout: 2000,
  });
  oneWritePerTurnOnEachNode(client);
  // A node connection is made on first use; one still connecting when fail-fast is on turns a call away, and ioredis
  // retries it on a random node, which answers MOVED. So every master is connected before calls start failing fast.
  client.once('ready', () => {
    void Promise.allSettled(client.nodes('master').map((node) => node.ping())).then(() => {
      client.options.enableOfflineQueue = false;
    });
  });
  client.once('error', () => {
    client.options.enableOfflineQueue = false;
  });
  client.on('error', onError);
  client.on('node error', onError);
  return client;
}
