import { ConfigError } from '../errors.js';
import { logLevelFromEnv, type LogSettings } from '../log/level.js';
import { readClockStart } from './clock.js';

export type { LogSettings };

/** Time allowed for one document download when REGWATCH_HTTP_TIMEOUT_MS is unset. */
export const DEFAULT_DOCUMENT_TIMEOUT_MS = 60_000;

/** What regwatch reads from its environment variables, checked once, before any command runs. */
export interface EnvironmentSettings {
  log: LogSettings;
  /** Time allowed for one document download on the command line (REGWATCH_HTTP_TIMEOUT_MS). */
  documentTimeoutMs: number;
  /** REGWATCH_CLOCK_START in milliseconds since the epoch, or null: the system clock. */
  clockStart: number | null;
  /** REGWATCH_SMTP_URL (a secret: never logged), or null when unset or blank: `.eml` files. */
  smtpUrl: string | null;
}

/**
 * Reads and checks the environment variables README.md documents (all but the configuration
 * file's own: REGWATCH_CONFIG, REGWATCH_SEC_USER_AGENT and REGWATCH_ALERT_EMAIL, which
 * config loading reads). Pure: the caller passes the environment.
 * @throws ConfigError naming the variable of the first bad value (exit 78).
 */
export function resolveEnvironment(env: NodeJS.ProcessEnv): EnvironmentSettings {
  const level = logLevelFromEnv(env);
  const pretty = env.REGWATCH_LOG_PRETTY;
  return {
    log: {
      level,
      levelSet: Boolean(env.REGWATCH_LOG_LEVEL?.trim()),
      pretty:
        pretty === '1'
          ? 'always'
          : pretty === '0' || env.NODE_ENV === 'production'
            ? 'never'
            : 'tty',
    },
    documentTimeoutMs: documentTimeoutFromEnv(env),
    clockStart: readClockStart(env),
    smtpUrl: env.REGWATCH_SMTP_URL?.trim() ? env.REGWATCH_SMTP_URL : null,
  };
}

/**
 * The document download timeout from REGWATCH_HTTP_TIMEOUT_MS (milliseconds), else the default.
 * @throws ConfigError when the variable is not a positive number.
 */
function documentTimeoutFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = env.REGWATCH_HTTP_TIMEOUT_MS?.trim();
  if (!raw) return DEFAULT_DOCUMENT_TIMEOUT_MS;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) {
    throw new ConfigError(
      null,
      [
        `REGWATCH_HTTP_TIMEOUT_MS: expected a positive number of milliseconds, e.g. 60000; got "${raw}"`,
      ],
      { source: 'the environment' },
    );
  }
  return n;
}
