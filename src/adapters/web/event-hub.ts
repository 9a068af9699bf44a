// Server-sent events per member: live frames to open streams, a short backlog for members with none open.
import { WEB_CHAT_LIMITS } from './limits.ts';

export type WebEventType = 'prompt' | 'team-prompt' | 'digest' | 'prompt-update';

/** One open stream (an HTTP response in production). */
export interface EventSink {
  write(frame: string): void;
  end(): void;
}

export interface EventHubOptions {
  /** A comment line this often keeps proxies and browsers from closing an idle stream. */
  heartbeatMs: number;
  /** Frames kept per member while no stream is open; the oldest go first. */
  backlogSize: number;
  /** Offline members whose backlog is kept; the one least recently written to goes first, so memory stays bounded. */
  backlogMembers: number;
  /** Open streams in all, and per member: a stream beyond either is refused. */
  maxStreams: number;
  streamsPerMember: number;
}

export const DEFAULT_EVENT_HUB_OPTIONS: EventHubOptions = {
  heartbeatMs: 25_000,
  backlogSize: 20,
  backlogMembers: 1_000,
  maxStreams: WEB_CHAT_LIMITS.maxStreams,
  streamsPerMember: WEB_CHAT_LIMITS.streamsPerMember,
};

export class EventHub {
  private readonly streams = new Map<string, Set<EventSink>>();
  private readonly backlogs = new Map<string, string[]>();
  private heartbeat: NodeJS.Timeout | null = null;
  private lastId = 0;

  constructor(private readonly options: EventHubOptions = DEFAULT_EVENT_HUB_OPTIONS) {}

  private openCount = 0;

  /** Whether one more stream for the member fits under both caps. */
  hasRoomFor(memberId: string): boolean {
    return this.openCount < this.options.maxStreams && this.openStreamCount(memberId) < this.options.streamsPerMember;
  }

  /**
   * Registers a stream, flushes the member's backlog into it, and returns the function that unregisters it;
   * null (and nothing registered) when a cap is reached.
   */
  open(memberId: string, sink: EventSink): (() => void) | null {
    if (!this.hasRoomFor(memberId)) return null;
    this.openCount += 1;
    const sinks = this.streams.get(memberId) ?? new Set<EventSink>();
    sinks.add(sink);
    this.streams.set(memberId, sinks);
    for (const frame of this.backlogs.get(memberId) ?? []) sink.write(frame);
    this.backlogs.delete(memberId);
    this.startHeartbeat();
    return () => this.remove(memberId, sink);
  }

  /**
   * Sends one event to every open stream of the member. With none open, the event waits in the backlog
   * unless `keepIfOffline` is false (updates to cards the member cannot see are not worth keeping).
   */
  publish(memberId: string, type: WebEventType, data: unknown, keepIfOffline = true): boolean {
    this.lastId += 1;
    const frame = `id: ${this.lastId}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
    const sinks = this.streams.get(memberId);
    if (sinks && sinks.size > 0) {
      for (const sink of sinks) sink.write(frame);
      return true;
    }
    if (keepIfOffline) {
      const backlog = [...(this.backlogs.get(memberId) ?? []), frame];
      // Re-inserting keeps the map in least-recently-written order.
      this.backlogs.delete(memberId);
      this.backlogs.set(memberId, backlog.slice(-this.options.backlogSize));
      if (this.backlogs.size > this.options.backlogMembers) {
        const oldest = this.backlogs.keys().next().value;
        if (oldest !== undefined) this.backlogs.delete(oldest);
      }
    }
    return false;
  }

  /** After "forget me": ends the member's streams and drops anything waiting for them. */
  forget(memberId: string): void {
    for (const sink of this.streams.get(memberId) ?? []) sink.end();
    this.openCount -= this.openStreamCount(memberId);
    this.streams.delete(memberId);
    this.backlogs.delete(memberId);
    this.stopHeartbeatIfIdle();
  }

  /** Ends every stream (shutdown): open SSE connections would otherwise hold the server open. */
  closeAll(): void {
    for (const memberId of [...this.streams.keys()]) this.forget(memberId);
    this.backlogs.clear();
  }

  openStreamCount(memberId: string): number {
    return this.streams.get(memberId)?.size ?? 0;
  }

  private remove(memberId: string, sink: EventSink): void {
    const sinks = this.streams.get(memberId);
    if (!sinks?.delete(sink)) return;
    this.openCount -= 1;
    if (sinks.size === 0) this.streams.delete(memberId);
    this.stopHeartbeatIfIdle();
  }

  private startHeartbeat(): void {
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => {
      for (const sinks of this.streams.values()) for (const sink of sinks) sink.write(': heartbeat\n\n');
    }, this.options.heartbeatMs);
    // The heartbeat alone must not keep the process alive.
    this.heartbeat.unref();
  }

  private stopHeartbeatIfIdle(): void {
    if (this.streams.size > 0 || !this.heartbeat) return;
    clearInterval(this.heartbeat);
    this.heartbeat = null;
  }
}
