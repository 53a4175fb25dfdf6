import type { Logger } from '../log/logger.js';

/**
 * How long the daemon lets work in flight finish after SIGTERM/SIGINT. pm2's `kill_timeout`
 * (ecosystem.config.js) and systemd's `TimeoutStopSec` must exceed it plus
 * SHUTDOWN_MARGIN_MS, or the process is SIGKILLed mid-run.
 */
export const DEFAULT_SHUTDOWN_GRACE_MS = 25_000;
/** Time after the grace for closing the database and flushing logs before a forced exit. */
export const SHUTDOWN_MARGIN_MS = 2_000;

const EXIT_CODE: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

/**
 * Installs the SIGTERM/SIGINT handling: the first signal runs `handler` (stop schedules, let
 * the current work finish within `graceMs`, close the database), then flushes the logs and
 * exits 0 (1 if the handler threw, or did not return within grace + margin). A second
 * signal exits at once with 128+signo (130 SIGINT, 143 SIGTERM): a person pressing Ctrl-C
 * twice means it. Returns a function that removes the handlers.
 */
export function onShutdown(handler: (signal: string) => Promise<void>, opts: { graceMs: number; logger: Logger }): () => void {
  const log = opts.logger;
  let stopping = false;
  const exit = (code: number) => log.flush(() => process.exit(code));
  const listener = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now without waiting for work in flight');
      // Synchronous exit: do not wait for a flush that might itself hang.
      process.exit(EXIT_CODE[signal] ?? 1);
    }
    stopping = true;
    log.info({ signal, graceMs: opts.graceMs }, 'stopping: letting work in flight finish (send the signal again to exit now)');
    const force = setTimeout(() => {
      log.error({ graceMs: opts.graceMs }, 'shutdown did not finish within the grace; exiting');
      exit(1);
    }, opts.graceMs + SHUTDOWN_MARGIN_MS);
    force.unref();
    handler(signal).then(
      () => {
        clearTimeout(force);
        log.info('stopped');
        exit(0);
      },
      (err: unknown) => {
        clearTimeout(force);
        log.error({ err }, 'shutdown failed');
        exit(1);
      },
    );
  };
  process.on('SIGINT', listener);
  process.on('SIGTERM', listener);
  return () => {
    process.off('SIGINT', listener);
    process.off('SIGTERM', listener);
  };
}
