import type { Logger } from '../log/logger.js';

/**
 * How long the daemon lets work in flight finish after SIGTERM/SIGINT. pm2's `kill_timeout`
 * (ecosystem.config.js) and systemd's `TimeoutStopSec` must exceed it plus
 * SHUTDOWN_MARGIN_MS, or the process is SIGKILLed mid-run.
 */
export const DEFAULT_SHUTDOWN_GRACE_MS = 25_000;
/** Time after the grace for closing the database and flushing logs before a forced exit. */
export const SHUTDOWN_MARGIN_MS = 2_000;

/** The exit code of a stop the grace cut short (sysexits EX_TEMPFAIL): work was left undone and is redone at the next start. */
export const STOP_CUT_SHORT_EXIT = 75;

/** 128 + the signal's number: what a second signal (exit now) and an interrupted `run --once` exit with. */
export const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

/**
 * Installs the SIGTERM/SIGINT handling: the first signal runs `handler` (stop schedules, let
 * the current work finish within `graceMs`, close the database), then flushes the logs and
 * exits with the code the handler returns (0 when it returns nothing; 1 if it threw, or did
 * not return within grace + margin). A second signal runs `opts.abandon` (synchronous: record
 * what was in flight as interrupted) and exits at once with 128+signo (130 SIGINT, 143
 * SIGTERM): a person pressing Ctrl-C twice means it. Returns a function that removes the handlers.
 */
export function onShutdown(
  handler: (signal: string) => Promise<number | void>,
  opts: { graceMs: number; logger: Logger; abandon?: () => void },
): () => void {
  const log = opts.logger;
  let stopping = false;
  const exit = (code: number) => log.flush(() => process.exit(code));
  const listener = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now without waiting for work in flight');
      try {
        opts.abandon?.();
      } catch (err) {
        log.error(
          { err },
          'could not record the work in flight as interrupted; the next start does',
        );
      }
      // Synchronous exit: do not wait for a flush that might itself hang.
      process.exit(SIGNAL_EXIT[signal] ?? 1);
    }
    stopping = true;
    log.info(
      { signal, graceMs: opts.graceMs },
      'stopping: letting work in flight finish (send the signal again to exit now)',
    );
    const force = setTimeout(() => {
      log.error({ graceMs: opts.graceMs }, 'shutdown did not finish within the grace; exiting');
      exit(1);
    }, opts.graceMs + SHUTDOWN_MARGIN_MS);
    force.unref();
    handler(signal).then(
      (code) => {
        clearTimeout(force);
        if (code)
          log.warn(
            { exitCode: code },
            'stopped before the work in flight finished; it is redone at the next start',
          );
        else log.info('stopped');
        exit(code ?? 0);
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
