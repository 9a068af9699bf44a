// node-cron drives the tick (never overlapping) and the lease reaper; stop() lets the running tick finish.
import cron, { type ScheduledTask } from 'node-cron';
import { randomBytes } from 'node:crypto';
import type { Clock, Logger, Store } from '../core/index.ts';
import { runTick, type HandleDueBatch, type TickResult } from './tick.ts';

export interface SchedulerDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  handleDueBatch: HandleDueBatch;
  observeTick?: (seconds: number) => void;
  observeLatency?: (ms: number) => void;
}

export interface SchedulerOptions {
  tickSeconds: number;
  batchSize: number;
  leaseMs: number;
  concurrency?: number;
  reapSeconds?: number;
}

export interface Scheduler {
  start(): void;
  /** Stops claiming, waits for in-flight work, then resolves. */
  stop(): Promise<void>;
  /** Runs one tick now (tests and benchmarks drive the clock themselves). */
  tickOnce(): Promise<TickResult>;
  reapOnce(): Promise<number>;
}

export function createScheduler(deps: SchedulerDeps, options: SchedulerOptions): Scheduler {
  const token = `${process.pid}-${randomBytes(6).toString('hex')}`;
  let running = false;
  let stopping = false;
  let current: Promise<unknown> = Promise.resolve();
  // Aborted by stop(): sends still waiting for a rate limiter are handed back instead of holding up the shutdown.
  const stopped = new AbortController();
  const tasks: ScheduledTask[] = [];

  const tickOnce = async (): Promise<TickResult> => {
    const started = performance.now();
    const work = runTick(deps, {
      batchSize: options.batchSize,
      leaseMs: options.leaseMs,
      concurrency: options.concurrency ?? 16,
      token,
      shouldContinue: () => !stopping,
      retryDelayMs: 30_000,
      signal: stopped.signal,
    });
    current = work.catch(() => undefined);
    const result = await work;
    deps.observeTick?.((performance.now() - started) / 1000);
    return result;
  };

  const reapOnce = () => deps.store.reapLeases(deps.clock.now());

  const guarded = (name: string, fn: () => Promise<unknown>) => async () => {
    try {
      await fn();
    } catch (err) {
      // A tick that fails (e.g. Redis down) is logged and tried again at the next tick; it never crashes the process.
      deps.logger.warn({ task: name, err: err instanceof Error ? err.message : 'unknown' }, 'scheduler task failed');
    }
  };

  // node-cron reports skipped overlapping runs (a slow tick) as warnings on the console; route them to our log at debug.
  const cronLogger = {
    info: (message: string) => deps.logger.debug({ source: 'node-cron' }, message),
    warn: (message: string) => deps.logger.debug({ source: 'node-cron' }, message),
    error: (message: string | Error) => deps.logger.warn({ source: 'node-cron' }, String(message)),
    debug: (message: string | Error) => deps.logger.debug({ source: 'node-cron' }, String(message)),
  };

  return {
    start() {
      if (running) return;
      running = true;
      tasks.push(cron.schedule(`*/${options.tickSeconds} * * * * *`, guarded('tick', tickOnce), { noOverlap: true, name: 'tick', logger: cronLogger }));
      const reapEvery = options.reapSeconds ?? 15;
      tasks.push(cron.schedule(`*/${reapEvery} * * * * *`, guarded('reaper', reapOnce), { noOverlap: true, name: 'reaper', logger: cronLogger }));
      deps.logger.info({ tickSeconds: options.tickSeconds }, 'scheduler started');
    },
    async stop() {
      stopping = true;
      stopped.abort();
      for (const task of tasks) await task.destroy();
      tasks.length = 0;
      await current;
      running = false;
      deps.logger.info({}, 'scheduler stopped');
    },
    tickOnce,
    reapOnce,
  };
}
