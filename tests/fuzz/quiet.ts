// Work that a request starts may outlive its response (Slack acks first): wait until nothing has moved for a while.
export async function untilQuiet(counters: Array<() => number>, quietMs = 1_000, maxMs = 60_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  let last = counters.map((c) => c()).join();
  let stableSince = Date.now();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const now = counters.map((c) => c()).join();
    if (now !== last) {
      last = now;
      stableSince = Date.now();
    } else if (Date.now() - stableSince >= quietMs) return;
  }
  throw new Error(`still busy after ${maxMs} ms`);
}
