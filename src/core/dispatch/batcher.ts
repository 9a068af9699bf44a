// Group calls, the way a database driver groups commands: when no group is with the store, what is added in the same
// turn of the event loop goes out together at once; while a group is with the store, new items wait and go out as the
// next group. A busy moment makes one store call for many items; a lone item pays no wait.
export class Batcher<T, R> {
  private waiting: Array<{ item: T; resolve: (result: R) => void; reject: (err: unknown) => void }> = [];
  private sending = false;

  /** `send` answers one result per item, in order. */
  constructor(private readonly send: (items: T[]) => Promise<R[]>) {}

  add(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.sending) {
        this.sending = true;
        // Items added by the code that runs before this microtask (the rest of a synchronous loop) join the group.
        queueMicrotask(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.waiting.length > 0) {
      const group = this.waiting.splice(0);
      try {
        const results = await this.send(group.map((entry) => entry.item));
        group.forEach((entry, i) => entry.resolve(results[i] as R));
      } catch (err) {
        for (const entry of group) entry.reject(err);
      }
    }
    this.sending = false;
  }
}
