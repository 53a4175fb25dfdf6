import { ConfigError } from '../errors.js';

/** The levels REGWATCH_LOG_LEVEL accepts (pino's). Kept apart from pino so a command checks it without loading pino. */
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
  throw new ConfigError(
    null,
    [
      `REGWATCH_LOG_LEVEL: unknown level "${env.REGWATCH_LOG_LEVEL}"; use one of ${LOG_LEVELS.join(', ')}`,
    ],
    { source: 'the environment' },
  );
}
