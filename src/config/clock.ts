import { ConfigError } from '../errors.js';

/** The environment variable that starts the clock at another instant (tests and benchmarks). */
export const CLOCK_START_ENV = 'REGWATCH_CLOCK_START';

/**
 * The application's clock. Normally the system time; with REGWATCH_CLOCK_START set to an
 * ISO-8601 instant, a clock that starts there and runs at normal speed, so a test or a
 * benchmark can run the built CLI "on a Saturday" or "at 10:00 on a weekday" and see what a
 * user would see then. Timers still run in real time: only what the clock says moves.
 * @throws ConfigError (exit 78) when the value is not a readable instant.
 */
export function clockFromEnv(env: NodeJS.ProcessEnv): () => Date {
  const raw = env[CLOCK_START_ENV]?.trim();
  if (!raw) return () => new Date();
  const start = Date.parse(raw);
  if (Number.isNaN(start)) {
    const problem = `${CLOCK_START_ENV}: expected an ISO-8601 instant such as 2026-01-17T10:00:00-05:00; got "${raw}"`;
    throw new ConfigError(null, [problem], { source: 'the environment' });
  }
  const offset = start - Date.now();
  return () => new Date(Date.now() + offset);
}
