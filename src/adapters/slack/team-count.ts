// Keeps a team prompt's "N joined" from going backwards: on this instance, updates to one message run one at a time
// and a count lower than one already shown is not rendered again.
export class TeamCountUpdates {
  private readonly shown = new Map<string, number>();
  private readonly queues = new Map<string, Promise<void>>();

  /** Runs `update(count)` after earlier updates of the same message, unless a higher count was already shown. */
  run(messageKey: string, count: number, update: (count: number) => Promise<void>): Promise<void> {
    const previous = this.queues.get(messageKey) ?? Promise.resolve();
    const next = previous.then(async () => {
      if ((this.shown.get(messageKey) ?? -1) >= count) return;
      await update(count);
      this.shown.set(messageKey, count);
    });
    const settled = next.catch(() => undefined);
    this.queues.set(messageKey, settled);
    // Forget the message once nothing is queued, so the maps stay small.
    void settled.then(() => {
      if (this.queues.get(messageKey) === settled) {
        this.queues.delete(messageKey);
        this.shown.delete(messageKey);
      }
    });
    return next;
  }
}
