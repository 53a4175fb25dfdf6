import pino, { type Logger } from 'pino';
import { ConfigError } from '../errors.js';

export type { Logger };

/** Paths redacted wherever they appear in a log record: secrets never reach the log. */
export const REDACT_PATHS = ['smtpUrl', '*.smtpUrl', 'password', '*.password', 'auth', '*.auth', 'headers.authorization', 'env.REGWATCH_SMTP_URL'];

/** The levels REGWATCH_LOG_LEVEL accepts (pino's). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The log level from REGWATCH_LOG_LEVEL (case-insensitive; unset or empty: info).
 * @throws ConfigError naming the variable and the valid levels.
 */
export function logLevelFromEnv(env: NodeJS.ProcessEnv = process.env): LogLevel {
  const raw = env.REGWATCH_LOG_LEVEL?.trim().toLowerCase();
  if (!raw) return 'info';
  if ((LOG_LEVELS as readonly string[]).includes(raw)) return raw as LogLevel;
  throw new ConfigError(null, [`REGWATCH_LOG_LEVEL: unknown level "${env.REGWATCH_LOG_LEVEL}"; use one of ${LOG_LEVELS.join(', ')}`], { source: 'the environment' });
}

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
  const pretty = options.pretty ?? (process.env.REGWATCH_LOG_PRETTY === '1' || (stream.isTTY && process.env.NODE_ENV !== 'production' && process.env.REGWATCH_LOG_PRETTY !== '0'));
  const level = options.level ?? logLevelFromEnv();
  const redact = { paths: REDACT_PATHS, censor: '[redacted]' };
  if (pretty) {
    return pino({ level, redact, transport: { target: 'pino-pretty', options: { destination: fd, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } });
  }
  return pino({ level, redact }, pino.destination({ dest: fd, sync: true }));
}
