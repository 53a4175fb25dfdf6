import pino, { type Logger } from 'pino';
import type { LogSettings } from './level.js';

export type { Logger };
export { LOG_LEVELS, logLevelFromEnv, type LogLevel, type LogSettings } from './level.js';

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
  /** Default `info`. */
  level?: string;
  /**
   * Readable lines instead of JSON: a boolean, or the environment's choice (LogSettings: `tty`
   * is readable only when the destination is a terminal). Default: JSON.
   */
  pretty?: boolean | LogSettings['pretty'];
  /**
   * Where log lines go. `stderr` (the default) keeps stdout clean for `--json`; the daemon logs to
   * `stdout`, because pm2 files everything on stderr as errors.
   */
  destination?: 'stdout' | 'stderr';
}

/**
 * The one root logger: JSON lines in production, readable lines when a person watches a
 * TTY (or REGWATCH_LOG_PRETTY=1): the CLI passes the resolved LogSettings.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const fd = options.destination === 'stdout' ? 1 : 2;
  const stream = fd === 1 ? process.stdout : process.stderr;
  const mode = options.pretty ?? false;
  const pretty = mode === 'tty' ? stream.isTTY === true : mode === true || mode === 'always';
  const level = options.level ?? 'info';
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
 * when set: `log.levelSet`). `json`: the scripts' form, JSON lines on stderr at the usual level.
 */
export async function createCommandLogger({
  json = false,
  log,
}: { json?: boolean; log?: LogSettings } = {}): Promise<Logger> {
  const level = log?.levelSet ? log.level : json ? 'info' : 'warn';
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
