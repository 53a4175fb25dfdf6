import { ConfigError } from '../errors.js';

/** The levels REGWATCH_LOG_LEVEL accepts (pino's). Kept apart from pino so a command checks it without loading pino. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** How the log is written, from REGWATCH_LOG_LEVEL, REGWATCH_LOG_PRETTY and NODE_ENV (resolved at load). */
export interface LogSettings {
  /** REGWATCH_LOG_LEVEL, else `info`. */
  level: LogLevel;
  /** True when REGWATCH_LOG_LEVEL is set: a command's own quieter default then yields to it. */
  levelSet: boolean;
  /**
   * `always` (REGWATCH_LOG_PRETTY=1); `never` (=0, or NODE_ENV=production); `tty`: readable lines
   * only when a person watches the log's terminal.
   */
  pretty: 'always' | 'never' | 'tty';
}

/**
 * The log level from REGWATCH_LOG_LEVEL (case-insensitive; unset or empty: info).
 * @throws ConfigError naming the variable and the valid levels.
 */
export function logLevelFromEnv(env: NodeJS.ProcessEnv): LogLevel {
  const raw = env.REGWATCH_LOG_LEVEL?.trim().toLowerCase();
  if (!raw) return 'info';
  if ((LOG_LEVELS as readonly string[]).includes(raw)) return raw as LogLevel;
  throw new ConfigError(
    null,
    [
      `REGWATCH_LOG_LEVEL: unknown level "${env.REGWATCH_LOG_LEVEL}"; use one of ${LOG_LEVELS.join(', ')}`,
    ],
    { source: 'the environment' },
  );
}
