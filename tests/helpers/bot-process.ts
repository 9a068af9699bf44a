// A real bot process (`node --import tsx src/main.ts`) on a loopback port of the test's choosing, for tests that need
// several instances, a kill -9 or the process's own /metrics. Every process started here dies with the test worker.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export interface BotProcess {
  /** Which of several instances this is (given by the caller), e.g. "i1". */
  name: string;
  pid: number;
  port: number;
  baseUrl: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** GET /metrics as Prometheus text. */
  metrics(): Promise<string>;
  /** The value of one counter series, e.g. counter('wellness_prompts_sent_total', { platform: 'slack' }); 0 when absent. */
  counter(name: string, labels?: Record<string, string>): Promise<number>;
  /** SIGKILL: no shutdown hook runs, leases and send markers stay as they were. */
  kill(): Promise<void>;
  /** SIGTERM and wait for the exit (SIGKILL after `graceMs`); resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>;
  exited: Promise<number | null>;
}

export interface BotProcessOptions {
  name: string;
  /** The process's environment on top of PATH, HOST=127.0.0.1, PORT and LOG_LEVEL=warn. */
  env: Record<string, string>;
  /** How long start-up may take before the helper gives up (a busy 2-core machine needs a few seconds). */
  startTimeoutMs?: number;
}

const alive = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of alive) child.kill('SIGKILL');
});

/** A port the OS just handed out and released; start-up retries on another if someone takes it meanwhile. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}

/** Reads one series from Prometheus text: `name{a="x",b="y"} 12`. Labels must match exactly the ones given. */
export function seriesValue(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels);
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{([^}]*)\})?\s+(\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (wanted.every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return 0;
}

async function healthy(baseUrl: string): Promise<boolean> {
  try {
    const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(1000) });
    return res.ok;
  } catch {
    return false;
  }
}

async function spawnOnce(options: BotProcessOptions, port: number): Promise<BotProcess | 'port-taken'> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...options.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  alive.add(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => {
    child.once('exit', (code) => {
      alive.delete(child);
      done(code);
    });
  });
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  while (!(await healthy(baseUrl))) {
    // A failed listen is logged, not fatal (main keeps its Redis connection), so look for it rather than an exit.
    if (/EADDRINUSE/.test(output)) {
      child.kill('SIGKILL');
      await exited;
      return 'port-taken';
    }
    if (exitCode !== undefined) {
      throw new Error(`bot process ${options.name} exited with ${exitCode} during start-up:\n${output}`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`bot process ${options.name} did not answer /healthz within ${options.startTimeoutMs ?? 30_000} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error('bot process has no pid');
  const metrics = async () => (await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(5000) })).text();
  return {
    name: options.name,
    pid,
    port,
    baseUrl,
    output: () => output,
    metrics,
    counter: async (name, labels = {}) => seriesValue(await metrics(), name, labels),
    async kill() {
      if (exitCode === undefined) child.kill('SIGKILL');
      await exited;
    },
    async stop(graceMs = 10_000) {
      if (exitCode !== undefined) return exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    exited,
  };
}

export async function startBotProcess(options: BotProcessOptions): Promise<BotProcess> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const started = await spawnOnce(options, await freeLoopbackPort());
    if (started !== 'port-taken') return started;
  }
  throw new Error(`bot process ${options.name} found no free port in 3 attempts`);
}

/** Starts several at once (start-up is mostly waiting for tsx and Redis, so in parallel is faster). */
export function startBotProcesses(count: number, env: (name: string) => Record<string, string>, startTimeoutMs?: number): Promise<BotProcess[]> {
  return Promise.all(
    Array.from({ length: count }, (_, i) => {
      const name = `i${i + 1}`;
      return startBotProcess({ name, env: env(name), ...(startTimeoutMs !== undefined ? { startTimeoutMs } : {}) });
    }),
  );
}

/** Stops them all; one that does not exit on SIGTERM within the grace time is killed. */
export async function stopBotProcesses(processes: BotProcess[]): Promise<void> {
  await Promise.all(processes.map((p) => p.stop()));
}
