// A minimal server-sent events reader over fetch (Node 20 has no EventSource), for the web chat tests.
export interface ReceivedEvent {
  type: string;
  data: unknown;
}

export class SseClient {
  readonly events: ReceivedEvent[] = [];
  /** Comment lines (heartbeats) seen so far. */
  comments = 0;
  private readonly controller = new AbortController();
  private waiters: Array<() => void> = [];
  private buffer = '';
  readonly ready: Promise<void>;

  constructor(url: string) {
    this.ready = this.run(url);
  }

  private async run(url: string): Promise<void> {
    const response = await fetch(url, { signal: this.controller.signal, headers: { Accept: 'text/event-stream' } });
    if (!response.ok || !response.body) throw new Error(`event stream answered ${response.status}`);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          this.take(value);
        }
      } catch {
        // Aborted by close(): nothing more to read.
      }
    })();
  }

  private take(chunk: string): void {
    this.buffer += chunk;
    let end = this.buffer.indexOf('\n\n');
    while (end >= 0) {
      const frame = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      this.parse(frame);
      end = this.buffer.indexOf('\n\n');
    }
    for (const wake of this.waiters) wake();
  }

  private parse(frame: string): void {
    let type = 'message';
    const data: string[] = [];
    for (const line of frame.split('\n')) {
      if (line.startsWith(':')) this.comments += 1;
      else if (line.startsWith('event: ')) type = line.slice(7);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (data.length > 0) this.events.push({ type, data: JSON.parse(data.join('\n')) });
  }

  /** Waits until `predicate` holds over what has arrived, or fails after `timeoutMs`. */
  async waitFor<T>(predicate: (client: SseClient) => T | undefined | false, timeoutMs = 2000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = predicate(this);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for an event; got ${JSON.stringify(this.events.map((e) => e.type))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      this.waiters = [];
    }
  }

  ofType(type: string): ReceivedEvent[] {
    return this.events.filter((event) => event.type === type);
  }

  close(): void {
    this.controller.abort();
  }
}
