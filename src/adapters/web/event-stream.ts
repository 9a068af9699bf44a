// Turns one HTTP response into a server-sent events stream registered with the hub until the client goes.
import type { Response } from 'express';
import type { EventHub } from './event-hub.ts';
import { WebLimitError } from './limits.ts';

/** How long the browser waits before reconnecting after the stream drops. */
const RETRY_MS = 3000;

export function openEventStream(hub: EventHub, memberId: string, res: Response): void {
  if (!hub.hasRoomFor(memberId)) throw new WebLimitError(429, 'Too many open web chat pages: close one and reload.');
  res.status(200).set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store, no-transform',
    Connection: 'keep-alive',
    // Reverse proxies such as nginx would otherwise hold events back in their buffer.
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();
  res.write(`retry: ${RETRY_MS}\n\n`);
  const close = hub.open(memberId, {
    write: (frame) => {
      res.write(frame);
    },
    end: () => {
      res.end();
    },
  });
  // Checked above with nothing awaited since, so open() has room; the guard only keeps the types honest.
  if (close) res.on('close', close);
  else res.end();
}
