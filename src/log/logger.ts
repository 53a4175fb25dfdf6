import pino, { type Logger } from 'pino';

export type { Logger };

/** Paths redacted wherever they appear in a log record: secrets never reach the log. */
export const REDACT_PATHS = ['smtpUrl', '*.smtpUrl', 'password', '*.password', 'auth', '*.auth', 'headers.authorization', 'env.REGWATCH_SMTP_URL'];

/**
 * The one root logger: JSON lines in production, readable lines when a person watches a
 * TTY (or REGWATCH_LOG_PRETTY=1). Logs go to stderr so `--json` output on stdout stays clean.
 */
export function createLogger(options: { level?: string; pretty?: boolean } = {}): Logger {
  const pretty = options.pretty ?? (process.env.REGWATCH_LOG_PRETTY === '1' || (process.stderr.isTTY && process.env.NODE_ENV !== 'production'));
  const level = options.level ?? process.env.REGWATCH_LOG_LEVEL ?? 'info';
  const redact = { paths: REDACT_PATHS, censor: '[redacted]' };
  if (pretty) {
    return pino({ level, redact, transport: { target: 'pino-pretty', options: { destination: 2, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } });
  }
  return pino({ level, redact }, pino.destination(2));
}
