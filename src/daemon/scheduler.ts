import cron, { type ScheduledTask } from 'node-cron';
import { logFailure } from '../log/failure.js';
import type { Logger } from '../log/logger.js';
import { newestItemAt, nextRunKey, TIMED_SOURCES, type TimedSource } from '../store/freshness.js';
import { setSourceState } from '../store/source-state.js';
import { runCycle, type CycleResult } from './cycle.js';
import { nextDueRun } from './next-run.js';
import { runTask, type Task, type TaskDeps, type TaskResult } from './task.js';

export interface Scheduler {
  /**
   * Stops every schedule, then waits for the runs in flight. When `graceMs` is nearly spent
   * (its last quarter, at most 2 s) their abort signal fires so they stop at the next safe
   * point; resolves within `graceMs` either way: true when every run ended, false when one
   * was still going (the caller records it as interrupted).
   */
  stop(graceMs: number): Promise<boolean>;
  /** True from start until `stop` is called. */
  isRunning(): boolean;
  /** Names of the tasks running now. */
  inFlight(): string[];
  /** When `name` runs next (its next tick that is due), by the injected clock; null when stopped or unknown. */
  nextRun(name: string): Date | null;
  /** Resolves once the start-up cycle (if asked for) is done and the schedules tick. */
  readonly ready: Promise<CycleResult[]>;
}

export interface SchedulerOptions {
  /** Run one cycle (runCycle) before the schedules start: catch up at once rather than at the first tick. */
  startupCycle?: boolean;
}

/** @throws Error on two tasks of one name or an invalid cron expression (a programming error). */
function checkTasks(tasks: Task[]): void {
  const names = new Set<string>();
  for (const t of tasks) {
    if (names.has(t.name)) throw new Error(`scheduler: two tasks are named "${t.name}"`);
    if (!cron.validate(t.cron))
      throw new Error(`scheduler: task "${t.name}" has an invalid cron expression "${t.cron}"`);
    names.add(t.name);
  }
}

/** node-cron reports missed ticks (event loop blocked) through its own logger; keep them in ours. */
function cronLoggerFor(log: Logger) {
  return {
    info: (m: string) => log.debug(m),
    warn: (m: string) => log.warn(m),
    error: (m: string | Error) => log.error({ err: m }, 'node-cron error'),
    debug: (m: string | Error) => log.debug({ msg: String(m) }),
  };
}

type Deps = TaskDeps & { timezone: string };

/** After a run of a source: log, keep (`source_state`) and export when it runs next. */
function announceNextRun(deps: Deps, log: Logger, task: Task, next: Date | null): void {
  const at = next?.toISOString() ?? null;
  log.info(
    { task: task.name, nextRun: at },
    `${task.name} runs next at ${at ?? '(not scheduled)'}`,
  );
  deps.metrics?.recordNextRun(task.name, next);
  try {
    setSourceState(deps.db, nextRunKey(task.name), at ?? '', deps.now());
    const timed = TIMED_SOURCES.find((s): s is TimedSource => s === task.name);
    if (timed) deps.metrics?.recordNewestItem(timed, newestItemAt(deps.db, timed));
  } catch (err) {
    logFailure(log, err, { task: task.name }, 'could not keep the next run time');
  }
}

interface Running {
  since: Date;
  done: Promise<TaskResult>;
}

/**
 * Waits up to `graceMs` for the runs in flight; in the grace's last quarter (at most 2 s) it
 * aborts their signal so they stop at the next safe point. True when every run ended.
 */
async function drainRuns(
  running: Map<string, Running>,
  graceMs: number,
  abort: AbortController,
  log: Logger,
): Promise<boolean> {
  const pending = Promise.all([...running.values()].map((r) => r.done));
  const abortWindow = Math.min(2000, graceMs / 4);
  const wait = (ms: number) =>
    new Promise<boolean>((resolve) => {
      const t = setTimeout(() => resolve(false), Math.max(0, ms));
      void pending.then(() => {
        clearTimeout(t);
        resolve(true);
      });
    });
  if (await wait(graceMs - abortWindow)) return true;
  log.warn(
    { inFlight: [...running.keys()] },
    'runs still going as the grace runs out; asking them to stop',
  );
  abort.abort(new Error('the daemon is stopping'));
  if (await wait(abortWindow)) return true;
  log.error(
    { inFlight: [...running.keys()] },
    'runs did not stop within the grace; they are recorded as interrupted',
  );
  return false;
}

/** One node-cron job per task (not started), calling `tick` on each of its ticks. */
function createJobs(
  deps: Deps,
  log: Logger,
  tasks: Task[],
  tick: (task: Task) => void,
): Map<string, ScheduledTask> {
  const logger = cronLoggerFor(log);
  const jobs = new Map<string, ScheduledTask>();
  for (const task of tasks) {
    // The callback returns nothing, so node-cron never waits on or overlaps-checks it: the
    // scheduler decides overlaps itself.
    const options = { timezone: deps.timezone, name: `regwatch:${task.name}`, logger };
    jobs.set(
      task.name,
      cron.createTask(task.cron, () => tick(task), options),
    );
  }
  return jobs;
}

/** The start-up cycle (when asked for), then the schedules; never rejects (nobody awaits it in the daemon). */
async function startUp(
  log: Logger,
  tasks: Task[],
  options: SchedulerOptions,
  runNow: (task: Task) => Promise<TaskResult>,
  startJobs: () => Promise<void>,
): Promise<CycleResult[]> {
  let results: CycleResult[] = [];
  if (options.startupCycle) {
    log.info(
      { tasks: tasks.map((t) => t.name) },
      'start-up cycle: catching up before the schedules start',
    );
    results = await runCycle(tasks, runNow);
  }
  try {
    await startJobs();
  } catch (err) {
    // Say it here rather than as an unhandled rejection.
    logFailure(log, err, {}, 'the schedules could not start');
  }
  return results;
}

/**
 * Schedules each task on its cron expression in `timezone`. A tick runs a task when it is due
 * (`task.due`, busy hours read with the injected clock) and its previous run has finished
 * (never overlapped: two runs of a source would race on its feed position; an overlap is
 * logged). Tasks are independent: one failing or slow task never delays or stops another.
 * After each run of a source it logs, keeps (`source_state`) and exports when it runs next.
 */
export function startScheduler(
  deps: Deps,
  tasks: Task[],
  options: SchedulerOptions = {},
): Scheduler {
  const log = deps.logger.child({ component: 'scheduler' });
  checkTasks(tasks);
  const abort = new AbortController();
  const running = new Map<string, Running>();
  const lastStart = new Map<string, Date>();
  let stopped = false;
  const nextRun = (name: string): Date | null => {
    const task = tasks.find((t) => t.name === name);
    const job = jobs.get(name);
    if (stopped || !task || !job) return null;
    return nextDueRun(task, job, deps.now(), lastStart.get(name) ?? null);
  };
  const announce = (task: Task): void => {
    if (task.source && !stopped) announceNextRun(deps, log, task, nextRun(task.name));
  };

  /** Runs `task` now unless it is running already (then waits for that run); never overlaps. */
  const runNow = (task: Task): Promise<TaskResult> => {
    const current = running.get(task.name);
    if (current) return current.done;
    if (stopped)
      return Promise.resolve({ status: 'skipped', stats: {}, error: 'the daemon is stopping' });
    const since = deps.now();
    lastStart.set(task.name, since);
    const done = runTask(deps, task, abort.signal).finally(() => {
      running.delete(task.name);
      announce(task);
    });
    running.set(task.name, { since, done });
    return done;
  };

  const tick = (task: Task): void => {
    if (stopped) return;
    const current = running.get(task.name);
    if (current) {
      log.warn(
        { task: task.name, runningSince: current.since.toISOString() },
        'previous run still going; this tick is skipped',
      );
      deps.metrics?.recordOverlap(task.name);
      return;
    }
    if (task.due && !task.due(deps.now(), lastStart.get(task.name) ?? null)) return;
    void runNow(task);
  };

  const jobs = createJobs(deps, log, tasks, (task) => tick(task));
  const startJobs = async () => {
    if (stopped) return;
    for (const job of jobs.values()) await job.start();
    log.info(
      { tasks: tasks.map((t) => ({ name: t.name, cron: t.cron })), timezone: deps.timezone },
      'schedules started',
    );
    for (const task of tasks) announce(task);
  };

  return {
    ready: startUp(log, tasks, options, runNow, startJobs),
    nextRun,
    isRunning: () => !stopped,
    inFlight: () => [...running.keys()],
    async stop(graceMs) {
      if (!stopped) {
        stopped = true;
        await Promise.all([...jobs.values()].map((j) => j.destroy()));
        log.info({ inFlight: [...running.keys()], graceMs }, 'schedules stopped');
      }
      return drainRuns(running, graceMs, abort, log);
    },
  };
}
