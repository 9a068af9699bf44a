// What the core needs from its surroundings besides state and platforms: time, logs, counters.
import type { Platform, UnreachableReason } from '../model.ts';

export interface Clock {
  now(): number;
}

export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Counters the core moves; the HTTP layer exposes them as Prometheus metrics. */
export interface CoreMetrics {
  promptSent(platform: Platform): void;
  completion(platform: Platform): void;
  /** A send marker was taken but the platform call failed: counted, never resent. */
  deliveryFailed(platform: Platform): void;
  /** A send marker was found taken but never settled (its instance died while the send was on the wire): counted once. */
  deliveryUnknown(platform: Platform): void;
  /** A send in doubt that the platform did not show (or could not tell about) was sent again, with the same prompt id. */
  deliveryResent(platform: Platform): void;
  /** How far behind its due instant a scheduled prompt went on the wire, ms (the queue lag of its workspace). */
  queueLag(platform: Platform, ms: number): void;
  /** A slot's prompt waits because the member cannot be reached now. */
  promptHeld(platform: Platform, reason: UnreachableReason): void;
  /** A slot is dropped because the member cannot be reached before its window closes, or is away. */
  promptSkipped(platform: Platform, reason: UnreachableReason): void;
}

export const noMetrics: CoreMetrics = {
  promptSent: () => undefined,
  completion: () => undefined,
  deliveryFailed: () => undefined,
  deliveryUnknown: () => undefined,
  deliveryResent: () => undefined,
  queueLag: () => undefined,
  promptHeld: () => undefined,
  promptSkipped: () => undefined,
};
