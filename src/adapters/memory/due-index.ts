// The due index in memory: due instants, and claims in flight with their token, due instant and lease deadline.
import type { Claim } from '../../core/index.ts';

interface InFlight {
  token: string;
  dueAt: number;
  deadline: number;
}

export function requireJobId(id: string): void {
  if (typeof id !== 'string' || id.length === 0) throw new Error('a due job id must be a non-empty string');
}

export function requireInstant(at: number, what: string): void {
  if (!Number.isFinite(at)) throw new Error(`${what} must be a finite number of ms`);
}

export class MemoryDueIndex {
  private readonly due = new Map<string, number>();
  private readonly inFlight = new Map<string, InFlight>();

  /** Sets the due instant; a claim in flight is dropped, so its worker's commit cannot overwrite this. */
  set(id: string, dueAt: number): void {
    requireJobId(id);
    requireInstant(dueAt, 'dueAt');
    this.inFlight.delete(id);
    this.due.set(id, dueAt);
  }

  clear(id: string): void {
    requireJobId(id);
    this.inFlight.delete(id);
    this.due.delete(id);
  }

  get(id: string): number | null {
    requireJobId(id);
    return this.due.get(id) ?? this.inFlight.get(id)?.dueAt ?? null;
  }

  claim(now: number, limit: number, leaseMs: number, token: string): Claim[] {
    requireInstant(now, 'now');
    requireInstant(leaseMs, 'leaseMs');
    if (token.length === 0) throw new Error('a claim token must not be empty');
    const wanted = Math.floor(limit);
    if (wanted <= 0) return [];
    const ready = [...this.due].filter(([, dueAt]) => dueAt <= now).sort((a, b) => a[1] - b[1]);
    return ready.slice(0, wanted).map(([id, dueAt]): Claim => {
      this.due.delete(id);
      this.inFlight.set(id, { token, dueAt, deadline: now + leaseMs });
      return { jobId: id, dueAt };
    });
  }

  commit(id: string, token: string, nextDueAt: number | null): boolean {
    requireJobId(id);
    if (nextDueAt !== null) requireInstant(nextDueAt, 'nextDueAt');
    const held = this.inFlight.get(id);
    if (!held || held.token !== token) return false;
    this.inFlight.delete(id);
    if (nextDueAt !== null) this.due.set(id, nextDueAt);
    return true;
  }

  extend(id: string, token: string, deadline: number): boolean {
    requireJobId(id);
    requireInstant(deadline, 'deadline');
    const held = this.inFlight.get(id);
    if (!held || held.token !== token) return false;
    held.deadline = deadline;
    return true;
  }

  reap(now: number): number {
    requireInstant(now, 'now');
    let reaped = 0;
    for (const [id, held] of this.inFlight) {
      if (held.deadline >= now) continue;
      this.inFlight.delete(id);
      this.due.set(id, held.dueAt);
      reaped += 1;
    }
    return reaped;
  }
}
