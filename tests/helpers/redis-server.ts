// A throw-away redis-server of the test's own on a free loopback port, so fault tests can stop, freeze and kill it
// without touching the shared Redis on 6379. No persistence; its files live in a temp dir removed on stop().
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

/** redis-server 7.0 or later (CLUSTER ADDSLOTSRANGE, INFO errorstats); found on PATH unless REDIS_SERVER_BIN says. */
export const REDIS_SERVER_BIN = process.env['REDIS_SERVER_BIN'] ?? 'redis-server';

export interface RedisServer {
  port: number;
  url: string;
  pid: number;
  /** SIGSTOP: the process keeps its sockets open but answers nothing, like a frozen or swapped-out Redis. */
  freeze(): void;
  /** SIGCONT after freeze(). */
  thaw(): void;
  /** Kills the process (thawing it first so SIGTERM is not left pending) and removes its temp dir. */
  stop(): Promise<void>;
}

export interface RedisServerOptions {
  /** Extra redis-server arguments, e.g. ['--cluster-enabled', 'yes']. */
  args?: string[];
  /** A port whose neighbour port + 10000 (the cluster bus) is free as well. */
  needsBusPort?: boolean;
}

/** Servers still running, with their temp dirs; killed when the test worker exits, even if a test forgot to stop them. */
const running = new Map<ChildProcess, string>();
process.once('exit', () => {
  for (const [child, dir] of running) {
    child.kill('SIGCONT');
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** A free port in 20000-29999, so port + 10000 (the cluster bus) stays a valid port too. */
export async function freePort(needsBusPort = false): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const port = 20000 + Math.floor(Math.random() * 10000);
    if ((await portIsFree(port)) && (!needsBusPort || (await portIsFree(port + 10000)))) return port;
  }
  throw new Error('no free loopback port found for redis-server');
}

class PortTakenError extends Error {
  constructor(port: number) {
    super(`port ${port} is answered by another redis-server`);
  }
}

async function waitForPing(port: number, child: ChildProcess, deadlineMs: number): Promise<void> {
  const started = Date.now();
  const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  probe.on('error', () => undefined);
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`redis-server on ${port} exited with code ${child.exitCode}`);
      try {
        if (probe.status === 'wait' || probe.status === 'end') await probe.connect();
        // Answered by our own process, not by another test's server that got the port first.
        const info = await probe.info('server');
        if (new RegExp(`^process_id:${child.pid}\\b`, 'm').test(info)) return;
        throw new PortTakenError(port);
      } catch (err) {
        if (err instanceof PortTakenError) throw err;
        // Not listening yet.
      }
      if (Date.now() - started > deadlineMs) throw new Error(`redis-server on ${port} did not answer within ${deadlineMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    probe.disconnect();
  }
}

async function spawnOnce(options: RedisServerOptions): Promise<RedisServer | null> {
  const port = await freePort(options.needsBusPort ?? false);
  const dir = mkdtempSync(join(tmpdir(), `redis-${port}-`));
  const child = spawn(
    REDIS_SERVER_BIN,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--loglevel', 'warning', ...(options.args ?? [])],
    { stdio: 'ignore' },
  );
  running.set(child, dir);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  }).then(() => {
    running.delete(child);
  });
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  try {
    await waitForPing(port, child, 5000);
  } catch (err) {
    const portWasTaken = child.exitCode !== null || err instanceof PortTakenError;
    child.kill('SIGKILL');
    await exited;
    removeDir();
    // Another process may have taken the port between the probe and redis-server's bind: try another.
    if (portWasTaken) return null;
    throw err;
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error('redis-server has no pid');
  let stopped = false;
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    pid,
    freeze: () => process.kill(pid, 'SIGSTOP'),
    thaw: () => process.kill(pid, 'SIGCONT'),
    async stop() {
      if (stopped) return;
      stopped = true;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGCONT');
        child.kill('SIGKILL');
        await exited;
      }
      removeDir();
    },
  };
}

export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const server = await spawnOnce(options);
    if (server) return server;
  }
  throw new Error('redis-server could not start on a free port after 5 attempts');
}
