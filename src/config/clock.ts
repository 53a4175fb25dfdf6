import { ConfigError } from '../errors.js';

/** The environment variable that starts the clock at another instant (tests and benchmarks). */
export const CLOCK_START_ENV = 'REGWATCH_CLOCK_START';

/**
 * The instant REGWATCH_CLOCK_START names (milliseconds since the epoch), or null when unset: the
 * system time. Tests and benchmarks use it to run the built CLI "on a Saturday" or "at 10:00 on
 * a weekday" and see what a user would see then.
 * @throws ConfigError (exit 78) when the value is not a readable instant.
 */
export function readClockStart(env: NodeJS.ProcessEnv): number | null {
  const raw = env[CLOCK_START_ENV]?.trim();
  if (!raw) return null;
  const start = Date.parse(raw);
  if (Number.isNaN(start)) {
    const problem = `${CLOCK_START_ENV}: expected an ISO-8601 instant such as 2026-01-17T10:00:00-05:00; got "${raw}"`;
    throw new ConfigError(null, [problem], { source: 'the environment' });
  }
  return start;
}

/**
 * The application's clock: the system time, or (with a start) a clock that starts there now and
 * runs at normal speed. Timers still run in real time: only what the clock says moves.
 */
export function createClock(start: number | null): () => Date {
  if (start === null) return () => new Date();
  const offset = start - Date.now();
  return () => new Date(Date.now() + offset);
}
