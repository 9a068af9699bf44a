// The shared send limiter in memory, the same GCRA as lua/reserveSend-1.lua: sends are spaced 1000 / perSecond ms
// apart and up to a second's worth (at least one) may go at once; each call reserves its slot.
export class SendLimiter {
  /** limiter key -> theoretical arrival time of the next send, ms. */
  private readonly arrivals = new Map<string, number>();

  /** The same rule as lua/holdSends-1.lua: the next reservation's wait ends at `until`. */
  hold(key: string, perSecond: number, until: number): void {
    const interval = 1000 / perSecond;
    const window = Math.max(1, Math.floor(perSecond)) * interval;
    const held = until + window - interval;
    if (held > (this.arrivals.get(key) ?? 0)) this.arrivals.set(key, held);
  }

  reserve(key: string, perSecond: number, now: number): number {
    if (!Number.isFinite(perSecond) || perSecond <= 0) throw new Error('perSecond must be a positive number');
    const interval = 1000 / perSecond;
    const window = Math.max(1, Math.floor(perSecond)) * interval;
    const next = Math.max(this.arrivals.get(key) ?? 0, now) + interval;
    this.arrivals.set(key, next);
    return Math.max(0, Math.ceil(next - now - window));
  }
}
