import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { HttpObserver } from '../http/types.js';
import type { TaskResult } from './task-result.js';

/**
 * The daemon's Prometheus metrics, on a registry of their own (never prom-client's global
 * one, so two daemons in one test process do not share counters). Also the HTTP client's
 * observer: requests and retries per host.
 */
export interface Metrics extends HttpObserver {
  readonly registry: Registry;
  /** Counts a finished (or skipped-at-start) run and the work its stats report. */
  recordRun(task: string, result: TaskResult & { durationMs?: number }, now: Date): void;
  /** Counts a tick skipped because the previous run of `task` was still going. */
  recordOverlap(task: string): void;
  /** When `task` runs next (null: not scheduled). */
  recordNextRun(task: string, at: Date | null): void;
  /** The newest item a source has seen (ISO); the lag gauge is its age at each scrape. */
  recordNewestItem(source: string, at: string | null): void;
  /** The text exposition format, and its content type. */
  render(): Promise<{ contentType: string; body: string }>;
}

/** Stats keys a task reports -> the counter they feed (labelled by task). */
const WORK_COUNTERS = {
  filingsProcessed: [
    'regwatch_filings_processed_total',
    'Filing versions fetched, extracted and stored',
  ],
  noticesProcessed: ['regwatch_notices_processed_total', 'Federal Register documents processed'],
  alertsQueued: ['regwatch_alerts_queued_total', 'Alerts written to the outbox'],
  deliveriesSent: ['regwatch_deliveries_sent_total', 'Messages handed to the mail transport'],
  deliveriesDead: ['regwatch_deliveries_dead_total', 'Deliveries given up after their last retry'],
  errors: ['regwatch_task_errors_total', 'Items a run counted as failed (the run went on)'],
} as const;

type Registers = Registry[];

/** Runs by task and outcome, failures, overlaps, the last success, durations and the work counted. */
function createRunMetrics(registers: Registers): Pick<Metrics, 'recordRun' | 'recordOverlap'> {
  const labelNames = ['task'];
  const runs = new Counter({
    name: 'regwatch_runs_total',
    help: 'Runs by task and outcome (ok, partial, failed, skipped)',
    labelNames: ['task', 'status'],
    registers,
  });
  const failures = new Counter({
    name: 'regwatch_run_failures_total',
    help: 'Runs that failed as a whole',
    labelNames,
    registers,
  });
  const overlaps = new Counter({
    name: 'regwatch_runs_overlap_skipped_total',
    help: 'Ticks skipped because the previous run was still going',
    labelNames,
    registers,
  });
  const lastSuccess = new Gauge({
    name: 'regwatch_last_success_timestamp_seconds',
    help: 'Unix time the last ok or partial run of a task finished',
    labelNames,
    registers,
  });
  const duration = new Histogram({
    name: 'regwatch_run_duration_seconds',
    help: 'Run duration by task',
    labelNames,
    buckets: [0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 900],
    registers,
  });
  const work = Object.entries(WORK_COUNTERS).map(
    ([key, [name, help]]) =>
      [key, new Counter({ name, help, labelNames, registers })] as [
        keyof typeof WORK_COUNTERS,
        Counter,
      ],
  );
  return {
    recordRun(task, result, now) {
      runs.inc({ task, status: result.status });
      if (result.status === 'failed') failures.inc({ task });
      if (result.status === 'ok' || result.status === 'partial')
        lastSuccess.set({ task }, now.getTime() / 1000);
      if (result.durationMs !== undefined) duration.observe({ task }, result.durationMs / 1000);
      for (const [key, counter] of work) {
        const n = result.stats[key];
        if (n !== undefined && n > 0) counter.inc({ task }, n);
      }
    },
    recordOverlap: (task) => overlaps.inc({ task }),
  };
}

/** When each source runs next, the newest item it has seen, and that item's age at each scrape. */
function createSourceMetrics(
  registers: Registers,
  now: () => Date,
): Pick<Metrics, 'recordNextRun' | 'recordNewestItem'> {
  const nextRun = new Gauge({
    name: 'regwatch_next_run_timestamp_seconds',
    help: 'Unix time a source runs next',
    labelNames: ['task'],
    registers,
  });
  const newest = new Map<string, number>();
  const newestItem = new Gauge({
    name: 'regwatch_source_newest_item_timestamp_seconds',
    help: 'Unix time of the newest item a source has seen (filing accepted, notice filed or published)',
    labelNames: ['source'],
    registers,
  });
  new Gauge({
    name: 'regwatch_source_lag_seconds',
    help: 'Age of the newest item a source has seen, at scrape time',
    labelNames: ['source'],
    registers,
    collect() {
      for (const [source, at] of newest)
        this.set({ source }, Math.max(0, (now().getTime() - at) / 1000));
    },
  });
  return {
    recordNextRun(task, at) {
      if (at) nextRun.set({ task }, at.getTime() / 1000);
      else nextRun.remove({ task });
    },
    recordNewestItem(source, at) {
      const t = at ? Date.parse(at) : NaN;
      if (Number.isNaN(t)) return;
      newest.set(source, t);
      newestItem.set({ source }, t / 1000);
    },
  };
}

/** The HTTP client's observer: requests and retries per host. */
function createHttpMetrics(registers: Registers): HttpObserver {
  const requests = new Counter({
    name: 'regwatch_http_requests_total',
    help: 'HTTP requests by host and outcome (status code or error code)',
    labelNames: ['host', 'outcome'],
    registers,
  });
  const retries = new Counter({
    name: 'regwatch_http_retries_total',
    help: 'HTTP retries by host and reason',
    labelNames: ['host', 'reason'],
    registers,
  });
  return {
    request: (host, outcome) => requests.inc({ host, outcome }),
    retry: (host, reason) => retries.inc({ host, reason }),
  };
}

export function createMetrics(options: { now?: () => Date } = {}): Metrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry, prefix: 'regwatch_' });
  return {
    registry,
    ...createRunMetrics(registers),
    ...createSourceMetrics(registers, options.now ?? (() => new Date())),
    ...createHttpMetrics(registers),
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
