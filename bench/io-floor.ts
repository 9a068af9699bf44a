// The I/O a Slack Done click must do, with none of the bot's logic: the request read and acknowledged, the click's
// four Redis round trips (a SET NX with two GETs, then three single commands), one JSON POST as cheap as the bot's. Its CPU
// per request, next to the bot's in bench/done-http.bench.ts, is the floor this machine sets for a click.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRedisClient } from '../src/adapters/redis/index.ts';
import { postJson } from '../src/adapters/slack/response-url.ts';

export interface IoFloor {
  url: string;
  /** Requests whose whole I/O has finished. */
  done(): number;
  close(): Promise<void>;
}

export async function startIoFloor(redisUrl: string, prefix: string, slackApiUrl: string): Promise<IoFloor> {
  const redis = createRedisClient(redisUrl);
  let finished = 0;
  const work = async (body: string, n: number): Promise<void> => {
    const key = `${prefix}floor:${n % 1000}`;
    await Promise.all([redis.set(`${key}:once:${n}`, '1', 'PX', 60_000, 'NX'), redis.get(`${key}:prompt`), redis.get(`${key}:member`)]);
    await redis.hincrby(`${key}:activity`, 'd', 1);
    await redis.zadd(`${key}:board`, n, 'member');
    await redis.incr(`${key}:limiter`);
    // A method the bench does not count as an in-place update, so the floor's posts stay apart from the bot's.
    await postJson(`${slackApiUrl}chat.postEphemeral`, JSON.stringify({ channel: 'D1', ts: '1.1', text: body.slice(0, 200) }), 10_000);
    finished += 1;
  };
  let seq = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      res.writeHead(200).end();
      seq += 1;
      void work(Buffer.concat(chunks).toString('utf8'), seq);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    done: () => finished,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      redis.disconnect();
    },
  };
}
