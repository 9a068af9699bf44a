// Counts a Redis connection's calls into its OS socket handle: each is one write syscall.
import type { Socket } from 'node:net';
import type { Redis } from 'ioredis';

const HANDLE_WRITES = ['writev', 'writeBuffer', 'writeUtf8String', 'writeLatin1String', 'writeAsciiString', 'writeUcs2String'];

/** From now on, counts the writes of the connection's current socket; returns the count so far. */
export function countHandleWrites(client: Redis): () => number {
  const socket = (client as unknown as { stream: Socket & { _handle: Record<string, unknown> } }).stream;
  const handle = socket._handle;
  let writes = 0;
  for (const name of HANDLE_WRITES) {
    const original = handle[name];
    if (typeof original !== 'function') continue;
    handle[name] = function counted(this: unknown, ...args: unknown[]) {
      writes += 1;
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
  }
  return () => writes;
}
