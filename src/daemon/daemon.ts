import type { Logger } from '../log/logger.js';
import type { Db } from '../store/open-database.js';
import type { WebOptions } from '../web/options.js';
import { createWebHandler } from '../web/router.js';
import { closeInterruptedRuns } from '../store/runs.js';
import { checkHealth, startHealthServer } from './health-server.js';
import { createMetrics, type Metrics } from './metrics.js';
import { startScheduler, type Scheduler } from './scheduler.js';
import { DEFAULT_SHUTDOWN_GRACE_MS, onShutdown } from './shutdown.js';
import { runTask, type Task, type TaskResult } from './task.js';

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
}

export interface Daemon {
  scheduler: Scheduler;
  metrics: Metrics;
  /** The health listener's base URL, when `listen` was given. */
  healthUrl: string | null;
  /** Closed runs a previous process left `running`. */
  interrupted: number;
  /** Stops schedules (waiting up to the grace for work in flight), the listener, then calls `close`. Idempotent. */
  stop(): Promise<void>;
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
  if (interrupted > 0) log.warn({ runs: interrupted }, 'closed runs a previous process left unfinished as failed (interrupted)');
  const scheduler = startScheduler({ db: deps.db, logger: deps.logger, metrics, now: deps.now, timezone: deps.timezone }, tasks);
  let server: Awaited<ReturnType<typeof startHealthServer>> | null = null;
  if (deps.listen) {
    try {
      const web = deps.web && createWebHandler({ db: deps.db, options: deps.web, onError: (err) => log.error({ err }, 'web view failed') });
      server = await startHealthServer({ listen: deps.listen, metrics, health: () => checkHealth(deps.db, scheduler), web });
      log.info({ url: server.url }, web ? 'health, metrics and web views listening (/healthz, /metrics, /, /feed.atom)' : 'health and metrics listening (/healthz, /metrics)');
    } catch (err) {
      await scheduler.stop(0);
      throw new Error(`http.listen ${deps.listen}: cannot listen (${err instanceof Error ? err.message : String(err)})`, { cause: err });
    }
  }
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      await scheduler.stop(graceMs);
      await server?.close();
      await deps.close();
    })());
  if (deps.handleSignals !== false) onShutdown(stop, { graceMs, logger: log });
  return { scheduler, metrics, healthUrl: server?.url ?? null, interrupted, stop };
}

/** `run --once`: each task once, in order, each recorded; a failing task does not stop the rest. */
export async function runOnce(deps: { db: Db; logger: Logger; metrics?: Metrics; now: () => Date }, tasks: Task[], signal?: AbortSignal): Promise<{ task: string; result: TaskResult }[]> {
  const out: { task: string; result: TaskResult }[] = [];
  for (const task of tasks) out.push({ task: task.name, result: await runTask(deps, task, signal) });
  return out;
}
