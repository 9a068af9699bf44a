// JSON logs with pino. Redaction is a second line of defence: code logs ids, never tokens or message text.
import { pino, type Logger as PinoLogger } from 'pino';

export function createLogger(level: string): PinoLogger {
  return pino({
    level,
    base: { service: 'deskbreak' },
    redact: {
      paths: ['token', '*.token', 'botToken', '*.botToken', 'authorization', '*.authorization', 'headers.authorization', 'password', '*.password', 'secret', '*.secret', 'text', '*.text'],
      censor: '[redacted]',
    },
  });
}
