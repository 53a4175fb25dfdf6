import type { Logger } from '../log/logger.js';
import type { Db } from '../store/open-database.js';
import { releaseSenderLease } from '../store/outbox.js';
import { requeueInFlightCounted } from '../store/outbox-attempts.js';
import type { WebOptions } from '../web/options.js';
import { createWebHandler } from '../web/router.js';
import { closeInterruptedRuns } from '../store/runs.js';
import { checkHealth, startHealthServer } from './health-server.js';
import { createMetrics, type Metrics } from './metrics.js';
import { startScheduler, type Scheduler } from './scheduler.js';
import { runCycle, type CycleResult } from './cycle.js';
import { startSenderService, type SenderServiceDeps } from './sender-service.js';
import { DEFAULT_SHUTDOWN_GRACE_MS, onShutdown, STOP_CUT_SHORT_EXIT } from './shutdown.js';
import { runTask, type Task } from './task.js';

export interface DaemonDeps {
  db: Db;
  logger: Logger;
  now: () => Date;
  timezone: string;
  /** Shared with the HTTP clients (their observer) so /metrics shows requests per host; made here if absent. */
  metrics?: Metrics;
  /** `http.listen` from the config: serve /healthz and /metrics there. Off when absent. */
  listen?: string;
  /** The web views (feed, history pages) on the same listener; without it only /healthz and /metrics. */
  web?: WebOptions;
  /** Defaults to DEFAULT_SHUTDOWN_GRACE_MS. */
  graceMs?: number;
  /** Closes what the caller opened (the database, mail transport) after the schedules stopped. */
  close(): void | Promise<void>;
  /** Install SIGTERM/SIGINT handling (default true; tests drive `stop` themselves). */
  handleSignals?: boolean;
  /** The mail sender: woken by commits and due times, not by the schedules. Off when absent. */
  sender?: Pick<SenderServiceDeps, 'task' | 'sender' | 'wake' | 'probeIntervalMs'>;
  /** Run one cycle at once, before the schedules start (`regwatch run` does; default false). */
  startupCycle?: boolean;
}

export interface Daemon {
  scheduler: Scheduler;
  metrics: Metrics;
  /** The health listener's base URL, when `listen` was given. */
  healthUrl: string | null;
  /** Closed runs a previous process left `running`. */
  interrupted: number;
  /**
   * Stops schedules and the sender (waiting up to the grace for work in flight), the listener,
   * then calls `close`. `cutShort` when the grace ran out first: what was in flight is then
   * recorded as interrupted and put back in the queue. Idempotent.
   */
  stop(): Promise<{ cutShort: boolean }>;
}

/**
 * Records what this process leaves unfinished: its runs still `running` closed as interrupted,
 * messages in `sending` put back (counted when their data had started), the sender lease given
 * back. Synchronous, so a second signal can call it just before exiting.
 */
export function abandonInFlight(
  db: Db,
  now: Date,
): { runs: number; deliveries: number; digests: number } {
  if (!db.open) return { runs: 0, deliveries: 0, digests: 0 };
  const runs = closeInterruptedRuns(db, now);
  const back = requeueInFlightCounted(db, now);
  releaseSenderLease(db);
  return { runs, ...back };
}

type HealthServer = Awaited<ReturnType<typeof startHealthServer>>;

/**
 * Serves /healthz, /metrics and (when configured) the web views on `listen`. When it cannot
 * listen the schedules are stopped again and the daemon does not start.
 */
async function startListener(
  deps: DaemonDeps,
  listen: string,
  metrics: Metrics,
  scheduler: Scheduler,
  log: Logger,
): Promise<HealthServer> {
  try {
    const web =
      deps.web &&
      createWebHandler({
        db: deps.db,
        options: deps.web,
        onError: (err) => log.error({ err }, 'web view failed'),
      });
    const server = await startHealthServer({
      listen,
      metrics,
      health: () => checkHealth(deps.db, scheduler),
      web,
    });
    log.info(
      { url: server.url },
      web
        ? 'health, metrics and web views listening (/healthz, /metrics, /, /feed.atom)'
        : 'health and metrics listening (/healthz, /metrics)',
    );
    return server;
  } catch (err) {
    await scheduler.stop(0);
    throw new Error(
      `http.listen ${listen}: cannot listen (${err instanceof Error ? err.message : String(err)})`,
      { cause: err },
    );
  }
}

/**
 * Starts the long-running daemon: closes runs a crash left open, schedules `tasks`, opens
 * the health listener if configured, and (unless told not to) stops gracefully on
 * SIGTERM/SIGINT. Call it only while holding the `run` lock (see closeInterruptedRuns).
 */
export async function startDaemon(deps: DaemonDeps, tasks: Task[]): Promise<Daemon> {
  const log = deps.logger.child({ component: 'daemon' });
  const graceMs = deps.graceMs ?? DEFAULT_SHUTDOWN_GRACE_MS;
  const metrics = deps.metrics ?? createMetrics();
  const interrupted = closeInterruptedRuns(deps.db, deps.now());
  if (interrupted > 0)
    log.warn(
      { runs: interrupted },
      'closed runs a previous process left unfinished as failed (interrupted)',
    );
  const scheduler = startScheduler(
    { db: deps.db, logger: deps.logger, metrics, now: deps.now, timezone: deps.timezone },
    tasks,
    { startupCycle: deps.startupCycle },
  );
  const server = deps.listen
    ? await startListener(deps, deps.listen, metrics, scheduler, log)
    : null;
  const sender = deps.sender
    ? startSenderService({
        db: deps.db,
        logger: deps.logger,
        metrics,
        now: deps.now,
        ...deps.sender,
      })
    : null;
  let stopping: Promise<{ cutShort: boolean }> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      const [schedules, mail] = await Promise.all([
        scheduler.stop(graceMs),
        sender?.stop(graceMs) ?? true,
      ]);
      const cutShort = !schedules || !mail;
      if (cutShort) {
        const left = abandonInFlight(deps.db, deps.now());
        log.warn(
          left,
          'the grace ran out: work in flight recorded as interrupted and put back for the next start',
        );
      }
      await server?.close();
      await deps.close();
      return { cutShort };
    })());
  const abandon = () => {
    abandonInFlight(deps.db, deps.now());
    void deps.close();
  };
  const exitCode = async () => ((await stop()).cutShort ? STOP_CUT_SHORT_EXIT : 0);
  if (deps.handleSignals !== false) onShutdown(exitCode, { graceMs, logger: log, abandon });
  return { scheduler, metrics, healthUrl: server?.url ?? null, interrupted, stop };
}

/**
 * `run --once`: one cycle (the sources side by side within their deadline, then the rest in
 * order), each task recorded; a failing task does not stop the rest.
 */
export async function runOnce(
  deps: { db: Db; logger: Logger; metrics?: Metrics; now: () => Date },
  tasks: Task[],
  signal?: AbortSignal,
): Promise<CycleResult[]> {
  return runCycle(tasks, (task) => runTask(deps, task, signal));
}
