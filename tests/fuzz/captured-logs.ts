// A pino logger for fuzz runs that keeps warnings and errors (message and error text) so a run can show what the
// bot complained about without printing thousands of lines.
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';

export interface CapturedLogs {
  logger: Logger;
  /** "message: error" -> count, for level warn (40) and above. */
  counts: Map<string, number>;
  summary(): string;
}

export function captureLogs(): CapturedLogs {
  const counts = new Map<string, number>();
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() === '') continue;
        const entry = JSON.parse(line) as { level: number; msg?: string; err?: unknown };
        const err = typeof entry.err === 'string' ? entry.err : entry.err === undefined ? '' : JSON.stringify(entry.err);
        const key = `${entry.level >= 50 ? 'error' : 'warn'}: ${entry.msg ?? ''}${err ? ` (${err.slice(0, 120)})` : ''}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      done();
    },
  });
  return {
    logger: pino({ level: 'warn' }, sink),
    counts,
    summary: () => [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `  ${n}× ${k}`).join('\n'),
  };
}
