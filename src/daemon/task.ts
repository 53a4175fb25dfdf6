import { classifyError, RegwatchError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import type { Db } from '../store/open-database.js';
import { finishRun, startRun, type RunStatus } from '../store/runs.js';
import type { Metrics } from './metrics.js';
import { toTaskReport, type TaskReport, type TaskResult } from './task-result.js';

// Defined below both this file and metrics.ts (which records results): the two need not import each other.
export type { TaskReport, TaskResult } from './task-result.js';

/**
 * One scheduled unit of work: a source poll, the mail sender, a digest. `run` returns its
 * counts (`filingsProcessed`, `noticesProcessed`, `alertsQueued`, `deliveriesSent`,
 * `deliveriesDead`, `errors`, ...), or a TaskReport with the failures it went past, and throws
 * when it could not go on (a defect, its deadline). A run that counted `errors > 0` or reported
 * problems but finished is `partial`; a report that says `failed` is `failed`. `signal` aborts
 * when the daemon stops and the shutdown grace is running out: stop at the next safe point
 * (between filings, never inside a transaction).
 */
export interface Task {
  name: string;
  /** node-cron expression (5 or 6 fields), read in the configured time zone. */
  cron: string;
  run(signal: AbortSignal): Promise<Record<string, number> | TaskReport>;
  /**
   * A source (EDGAR, the Federal Register): in a cycle the sources run side by side, first,
   * each within `deadlineMs`; the daemon says when each runs next.
   */
  source?: boolean;
  /** After this long the run fails ("did not finish within ..."), and its signal aborts its requests. */
  deadlineMs?: number;
  /** Whether a tick at `at` runs (busy hours); absent: every tick. `lastStart`: this process's last start of the task. */
  due?(at: Date, lastStart: Date | null): boolean;
}

export interface TaskDeps {
  db: Db;
  logger: Logger;
  metrics?: Metrics;
  now: () => Date;
}

/** `scheme://user:password@host` -> `scheme://[redacted]@host`: an error naming an SMTP or proxy URL never leaks its credentials. */
export function redactUrlCredentials(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, '$1[redacted]@');
}

/** The counts a task returned, keeping only finite numbers (a task's bug must not break the run record). */
function cleanStats(stats: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (stats && typeof stats === 'object') {
    for (const [k, v] of Object.entries(stats))
      if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  }
  return out;
}

/** How long a run past its deadline may take to wind down (its requests are aborted) before it is left behind. */
const WIND_DOWN_MS = 2000;

/**
 * The task's deadline passed: what the run record, the log and `run --once` say. Transient:
 * the next cycle tries again.
 */
export class DeadlineError extends RegwatchError {
  override readonly code = 'CYCLE_DEADLINE';
  constructor(task: string, deadlineMs: number) {
    const seconds = Math.round(deadlineMs / 1000);
    super(
      `${task} did not finish within the cycle deadline (${seconds} s; schedule.cycleDeadlineSeconds): its server is not answering in time`,
      { kind: 'transient' },
    );
  }
}

/**
 * Runs the task, bounded by its deadline when it has one: at the deadline its signal aborts
 * (every request of the run stops) and the run fails with DeadlineError, after waiting a
 * moment for it to wind down so the next run of the same task does not race it.
 */
async function runWithinDeadline(
  task: Task,
  outer: AbortSignal | undefined,
): Promise<Record<string, number> | TaskReport> {
  const signal = outer ?? new AbortController().signal;
  if (!task.deadlineMs) return task.run(signal);
  const deadline = new AbortController();
  const combined = AbortSignal.any([signal, deadline.signal]);
  const run = task.run(combined);
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'expired'>(
    (resolve) => (timer = setTimeout(() => resolve('expired'), task.deadlineMs)),
  );
  try {
    const first = await Promise.race([run, expired]);
    if (first !== 'expired') return first;
  } finally {
    clearTimeout(timer);
  }
  const error = new DeadlineError(task.name, task.deadlineMs);
  deadline.abort(error);
  await Promise.race([
    run.catch(() => undefined),
    new Promise((r) => setTimeout(r, WIND_DOWN_MS).unref()),
  ]);
  throw error;
}

/** What a run ended with: its result, and what it threw (if it did) for the log. */
interface Ended {
  result: TaskResult;
  thrown?: unknown;
}

/** Runs the task and maps what it returned or threw to a result (never throws). */
async function execute(task: Task, signal: AbortSignal | undefined): Promise<Ended> {
  try {
    const report = toTaskReport(await runWithinDeadline(task, signal));
    const stats = cleanStats(report.stats);
    const problems = report.problems.length > 0;
    const status = report.failed
      ? 'failed'
      : (stats.errors ?? 0) > 0 || problems
        ? 'partial'
        : 'ok';
    const error = problems ? redactUrlCredentials(report.problems.join('; ')) : undefined;
    return { result: { status, stats, ...(error !== undefined ? { error } : {}) } };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const code =
      err && typeof err === 'object' && 'code' in err && typeof err.code === 'string'
        ? `${err.code}: `
        : '';
    const error = redactUrlCredentials(`${code}${message}`);
    return { result: { status: 'failed', stats: {}, error }, thrown: err };
  }
}

/** An error as pino would log it, with URL credentials taken out of its message and stack. */
function redactedError(err: Error): { type: string; message: string; stack: string } {
  return {
    type: err.name,
    message: redactUrlCredentials(err.message),
    stack: redactUrlCredentials(err.stack ?? ''),
  };
}

/**
 * The one line a run ends with; a run that threw says the error's kind and code (the stack
 * only for a defect: a foreseen failure is explained by its message).
 */
function logEnd(runLog: Logger, ended: Ended, ms: number): void {
  const { result, thrown } = ended;
  const fields = { status: result.status, stats: result.stats, ms };
  if (result.status === 'failed') {
    const c = thrown === undefined ? null : classifyError(thrown);
    const classified = c ? { kind: c.kind, code: c.code } : {};
    const stack =
      c?.kind === 'defect' && thrown instanceof Error ? { err: redactedError(thrown) } : {};
    runLog.error({ ...fields, ...classified, error: result.error, ...stack }, 'run failed');
  } else if (result.status === 'partial')
    runLog.warn({ ...fields, error: result.error }, 'run finished with errors');
  else runLog.info(fields, 'run finished');
}

/**
 * Runs `task` once and records it in `runs` (start, end, counts, error), logs the outcome and
 * feeds the metrics. Never throws: a failing task is a `failed` result, so one broken source
 * never stops the others. When `signal` has already aborted the task is not started
 * (`skipped`).
 */
export async function runTask(
  deps: TaskDeps,
  task: Task,
  signal?: AbortSignal,
): Promise<TaskResult> {
  const log = deps.logger.child({ task: task.name });
  if (signal?.aborted) {
    log.info('not started: the daemon is stopping');
    return { status: 'skipped', stats: {}, error: 'the daemon is stopping' };
  }
  const started = deps.now();
  let id: number;
  try {
    id = startRun(deps.db, task.name, started);
  } catch (err) {
    // The store is unusable (closed, disk full): the work would not be recorded, so do not do it.
    const error = redactUrlCredentials(
      `cannot record the run: ${err instanceof Error ? err.message : String(err)}`,
    );
    log.error({ err: error }, 'run not started');
    const result: TaskResult = { status: 'failed', stats: {}, error };
    deps.metrics?.recordRun(task.name, result, started);
    return result;
  }
  const runLog = log.child({ runId: id });
  runLog.debug('run started');
  const ended = await execute(task, signal);
  const { result } = ended;
  const finished = deps.now();
  try {
    const status = result.status as RunStatus;
    finishRun(deps.db, id, { status, stats: result.stats, error: result.error ?? null }, finished);
  } catch (err) {
    // Left `running`; the next start closes it as interrupted.
    runLog.error(
      { err: redactUrlCredentials(err instanceof Error ? err.message : String(err)) },
      'could not record the end of the run',
    );
  }
  const ms = finished.getTime() - started.getTime();
  deps.metrics?.recordRun(task.name, { ...result, durationMs: ms }, finished);
  logEnd(runLog, ended, ms);
  return result;
}
