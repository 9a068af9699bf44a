// The shape of the shared send limiter: sends are spaced 1000 / perSecond ms apart, and up to a second's worth
// (at least one) may go at once before anyone waits.
export function sendIntervalMs(perSecond: number): number {
  if (!Number.isFinite(perSecond) || perSecond <= 0) throw new Error('perSecond must be a positive number');
  return 1000 / perSecond;
}

export function burstWindowMs(perSecond: number): number {
  return Math.max(1, Math.floor(perSecond)) * sendIntervalMs(perSecond);
}
