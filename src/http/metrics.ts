// Prometheus metrics: one registry per process (per app in tests), exposed at GET /metrics.
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CoreMetrics, Platform, UnreachableReason } from '../core/index.ts';

export interface AppMetrics extends CoreMetrics {
  registry: Registry;
  tickDuration: Histogram;
  deliveryLatency: Histogram;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): AppMetrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const promptsSent = new Counter({
    name: 'wellness_prompts_sent_total',
    help: 'Break prompts delivered to a platform',
    labelNames: ['platform'],
    registers: [registry],
  });
  const completions = new Counter({
    name: 'wellness_completions_total',
    help: 'Breaks completed (a repeated Done is not counted again)',
    labelNames: ['platform'],
    registers: [registry],
  });
  const failedSends = new Counter({
    name: 'wellness_deliveries_failed_total',
    help: 'Prompts whose send marker was taken but whose platform call failed; they are not resent',
    labelNames: ['platform'],
    registers: [registry],
  });
  const unsettledSends = new Counter({
    name: 'wellness_deliveries_unknown_total',
    help: 'Prompts in doubt: their send was on the wire when its instance died (marker taken, never settled)',
    labelNames: ['platform'],
    registers: [registry],
  });
  const resentSends = new Counter({
    name: 'wellness_deliveries_resent_total',
    help: 'Prompts in doubt sent again with the same prompt id, because the platform did not show them (or cannot tell)',
    labelNames: ['platform'],
    registers: [registry],
  });
  const queueLag = new Histogram({
    name: 'wellness_prompt_queue_lag_seconds',
    help: "Time from a scheduled prompt's due instant to its send going on the wire (after the workspace's rate limiter)",
    labelNames: ['platform'],
    buckets: [0.5, 1, 5, 15, 30, 60, 120, 300, 600, 900],
    registers: [registry],
  });
  const held = new Counter({
    name: 'wellness_prompts_held_total',
    help: 'Scheduled prompts held until the member is free (Do Not Disturb, a meeting, a huddle, focus time)',
    labelNames: ['platform', 'reason'],
    registers: [registry],
  });
  const skipped = new Counter({
    name: 'wellness_prompts_skipped_total',
    help: 'Scheduled slots skipped because the member could not be reached before the window closed, or was away',
    labelNames: ['platform', 'reason'],
    registers: [registry],
  });
  const tickDuration = new Histogram({
    name: 'wellness_scheduler_tick_seconds',
    help: 'Duration of one scheduler tick (claim, deliver, commit)',
    buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const deliveryLatency = new Histogram({
    name: 'wellness_delivery_latency_seconds',
    help: 'Time from a job being due to it being handled',
    buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300],
    registers: [registry],
  });
  return {
    registry,
    tickDuration,
    deliveryLatency,
    promptSent: (platform: Platform) => promptsSent.inc({ platform }),
    completion: (platform: Platform) => completions.inc({ platform }),
    deliveryFailed: (platform: Platform) => failedSends.inc({ platform }),
    deliveryUnknown: (platform: Platform) => unsettledSends.inc({ platform }),
    deliveryResent: (platform: Platform) => resentSends.inc({ platform }),
    queueLag: (platform: Platform, ms: number) => queueLag.observe({ platform }, Math.max(0, ms) / 1000),
    promptHeld: (platform: Platform, reason: UnreachableReason) => held.inc({ platform, reason }),
    promptSkipped: (platform: Platform, reason: UnreachableReason) => skipped.inc({ platform, reason }),
  };
}
