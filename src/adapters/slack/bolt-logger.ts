// Bolt's and the WebClient's log lines into our logger, with anything that looks like a Slack token blanked out.
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../core/index.ts';

const TOKEN_PATTERN = /xox[a-z]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+/g;

export function redactTokens(text: string): string {
  return text.replace(TOKEN_PATTERN, '[token]');
}

function line(parts: unknown[]): string {
  return redactTokens(
    parts
      .map((part) => {
        if (typeof part === 'string') return part;
        if (part instanceof Error) return `${part.name}: ${part.message}`;
        // Objects are named, never dumped: they may be request bodies or configs holding tokens.
        return typeof part === 'object' && part !== null ? `[${part.constructor?.name ?? 'object'}]` : String(part);
      })
      .join(' '),
  );
}

const ORDER: LogLevel[] = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

export function boltLogger(logger: Logger, initial: LogLevel = LogLevel.WARN): BoltLogger {
  let level = initial;
  let name = 'slack';
  const enabled = (at: LogLevel) => ORDER.indexOf(at) >= ORDER.indexOf(level);
  return {
    debug: (...msg: unknown[]) => enabled(LogLevel.DEBUG) && logger.debug({ source: name }, line(msg)),
    info: (...msg: unknown[]) => enabled(LogLevel.INFO) && logger.info({ source: name }, line(msg)),
    warn: (...msg: unknown[]) => enabled(LogLevel.WARN) && logger.warn({ source: name }, line(msg)),
    error: (...msg: unknown[]) => enabled(LogLevel.ERROR) && logger.error({ source: name }, line(msg)),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next: string) => {
      name = next;
    },
  };
}
