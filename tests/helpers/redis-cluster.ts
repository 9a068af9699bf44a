// A Redis Cluster of the test's own: N masters (no replicas) on free loopback ports, slots split evenly, started in
// a second or two. Used to run the Redis tests against Cluster; the shared Redis on 6379 is never touched.
import { Redis } from 'ioredis';
import { startRedisServer, type RedisServer } from './redis-server.ts';

export interface RedisClusterFixture {
  nodes: RedisServer[];
  /** host:port of every master, for a client's seed list. */
  seeds: Array<{ host: string; port: number }>;
  /** redis://127.0.0.1:<port> of the first master: what REDIS_URL holds with REDIS_CLUSTER=true (clients: createRedisClusterClient). */
  seedUrl: string;
  /** Deletes every key under the prefix on every master (keys of one slot per UNLINK, so never CROSSSLOT). */
  deleteKeysWithPrefix(prefix: string): Promise<number>;
  /** INFO <section> of each master, in node order. */
  info(section: string): Promise<string[]>;
  /** Error replies each master has sent since start-up, by error code (INFO errorstats), summed over masters. */
  errorCounts(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

const SLOT_COUNT = 16384;
/** Node timeout matters only for failure detection, which these tests do not exercise; gossip runs 10x a second. */
const NODE_TIMEOUT_MS = 3000;

function standalone(port: number): Redis {
  return new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 1, connectTimeout: 2000, commandTimeout: 5000 });
}

async function waitUntilClusterOk(admins: Redis[], deadlineMs: number): Promise<void> {
  const started = Date.now();
  for (;;) {
    const infos = await Promise.all(admins.map((admin) => admin.cluster('INFO') as Promise<string>));
    const ok = infos.every((info) => /cluster_state:ok/.test(info) && new RegExp(`cluster_known_nodes:${admins.length}\\b`).test(info));
    if (ok) return;
    if (Date.now() - started > deadlineMs) throw new Error(`Redis Cluster was not ok within ${deadlineMs} ms:\n${infos.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Sums `errorstat_<CODE>:count=N` lines of INFO errorstats. */
function parseErrorStats(text: string, into: Record<string, number>): void {
  for (const match of text.matchAll(/^errorstat_([^:]+):count=(\d+)/gm)) {
    const code = match[1] as string;
    into[code] = (into[code] ?? 0) + Number(match[2]);
  }
}

function globEscape(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}

export async function startRedisCluster(masters = 3): Promise<RedisClusterFixture> {
  const nodes: RedisServer[] = [];
  const admins: Redis[] = [];
  const stopAll = async () => {
    for (const admin of admins.splice(0)) admin.disconnect();
    await Promise.all(nodes.map((node) => node.stop()));
  };
  try {
    const started = await Promise.all(
      Array.from({ length: masters }, () =>
        startRedisServer({
          needsBusPort: true,
          args: ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', String(NODE_TIMEOUT_MS)],
        }),
      ),
    );
    nodes.push(...started);
    admins.push(...nodes.map((node) => standalone(node.port)));
    // What `redis-cli --cluster create` does, minus its one-second polling: distinct epochs, slots, then MEET.
    await Promise.all(
      admins.map(async (admin, i) => {
        const first = Math.floor((SLOT_COUNT * i) / masters);
        const last = Math.floor((SLOT_COUNT * (i + 1)) / masters) - 1;
        await admin.cluster('SET-CONFIG-EPOCH', i + 1);
        await admin.cluster('ADDSLOTSRANGE', first, last);
      }),
    );
    const [first] = admins;
    if (!first) throw new Error('a cluster needs at least one master');
    for (const node of nodes.slice(1)) await first.cluster('MEET', '127.0.0.1', node.port);
    await waitUntilClusterOk(admins, 10_000);
  } catch (err) {
    await stopAll();
    throw err;
  }

  const seeds = nodes.map((node) => ({ host: '127.0.0.1', port: node.port }));
  return {
    nodes,
    seeds,
    seedUrl: `redis://127.0.0.1:${nodes[0]?.port}`,
    async deleteKeysWithPrefix(prefix) {
      let deleted = 0;
      for (const admin of admins) {
        let cursor = '0';
        do {
          const [next, keys] = await admin.scan(cursor, 'MATCH', `${globEscape(prefix)}*`, 'COUNT', 1000);
          cursor = next;
          if (keys.length === 0) continue;
          const pipeline = admin.pipeline();
          for (const key of keys) pipeline.unlink(key);
          await pipeline.exec();
          deleted += keys.length;
        } while (cursor !== '0');
      }
      return deleted;
    },
    info: (section) => Promise.all(admins.map((admin) => admin.info(section))),
    async errorCounts() {
      const counts: Record<string, number> = {};
      for (const admin of admins) parseErrorStats(await admin.info('errorstats'), counts);
      return counts;
    },
    stop: stopAll,
  };
}
