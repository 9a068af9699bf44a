// After the ack, the work a request causes (core use cases, rendering) runs at most `limit` at a time. Under a burst
// the rest wait in line as idle promises, so the event loop stays free to acknowledge new requests within Slack's
// 3 seconds instead of sharing itself among thousands of half-done clicks. Slack calls run outside the limit:
// a call waiting for its workspace's rate limiter must not hold a place others need.
export class WorkLimit {
  private running = 0;
  private readonly queue: Array<() => void> = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error('the work limit must be a positive whole number');
  }

  /** How many tasks are waiting for a place (for logs and tests). */
  get waiting(): number {
    return this.queue.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.running += 1;
    try {
      return await task();
    } finally {
      this.running -= 1;
      this.queue.shift()?.();
    }
  }
}
