import pino, { type Logger } from 'pino';
import { logLevelFromEnv } from './level.js';

export type { Logger };
export { LOG_LEVELS, logLevelFromEnv, type LogLevel } from './level.js';

/** Paths redacted wherever they appear in a log record: secrets never reach the log. */
export const REDACT_PATHS = [
  'smtpUrl',
  '*.smtpUrl',
  'password',
  '*.password',
  'auth',
  '*.auth',
  'headers.authorization',
  'env.REGWATCH_SMTP_URL',
];

export interface LoggerOptions {
  level?: string;
  pretty?: boolean;
  /**
   * Where log lines go. `stderr` (the default) keeps stdout clean for `--json`; the daemon logs to
   * `stdout`, because pm2 files everything on stderr as errors.
   */
  destination?: 'stdout' | 'stderr';
}

/**
 * The one root logger: JSON lines in production, readable lines when a person watches a
 * TTY (or REGWATCH_LOG_PRETTY=1).
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const fd = options.destination === 'stdout' ? 1 : 2;
  const stream = fd === 1 ? process.stdout : process.stderr;
  const pretty =
    options.pretty ??
    (process.env.REGWATCH_LOG_PRETTY === '1' ||
      (stream.isTTY &&
        process.env.NODE_ENV !== 'production' &&
        process.env.REGWATCH_LOG_PRETTY !== '0'));
  const level = options.level ?? logLevelFromEnv();
  const redact = { paths: REDACT_PATHS, censor: '[redacted]' };
  if (pretty) {
    return pino({
      level,
      redact,
      transport: {
        target: 'pino-pretty',
        options: { destination: fd, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' },
      },
    });
  }
  return pino({ level, redact }, pino.destination({ dest: fd, sync: true }));
}

/**
 * The logger of a one-shot command a person runs (`backfill`): only warnings and errors, as
 * readable lines on stderr beside the command's own output (REGWATCH_LOG_LEVEL still decides
 * when set). `json`: the scripts' form, JSON lines on stderr at the usual level.
 */
export async function createCommandLogger({
  json = false,
}: { json?: boolean } = {}): Promise<Logger> {
  const level = process.env.REGWATCH_LOG_LEVEL?.trim() ? logLevelFromEnv() : json ? 'info' : 'warn';
  if (json) return createLogger({ level, pretty: false });
  const { default: pretty } = await import('pino-pretty');
  // In-process and synchronous: no worker thread to start, nothing lost when the command exits.
  const stream = pretty({
    destination: 2,
    sync: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname',
    colorize: process.stderr.isTTY === true,
  });
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, stream);
}
