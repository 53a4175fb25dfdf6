import cron, { type ScheduledTask } from 'node-cron';
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

/**
 * Schedules each task on its cron expression in `timezone`. A tick runs a task when it is due
 * (`task.due`, busy hours read with the injected clock) and its previous run has finished
 * (never overlapped: two runs of a source would race on its feed position; an overlap is
 * logged). Tasks are independent: one failing or slow task never delays or stops another.
 * After each run of a source it logs, keeps (`source_state`) and exports when it runs next.
 */
export function startScheduler(
  deps: TaskDeps & { timezone: string },
  tasks: Task[],
  options: SchedulerOptions = {},
): Scheduler {
  const log = deps.logger.child({ component: 'scheduler' });
  const names = new Set<string>();
  for (const t of tasks) {
    if (names.has(t.name)) throw new Error(`scheduler: two tasks are named "${t.name}"`);
    if (!cron.validate(t.cron))
      throw new Error(`scheduler: task "${t.name}" has an invalid cron expression "${t.cron}"`);
    names.add(t.name);
  }
  const abort = new AbortController();
  const running = new Map<string, { since: Date; done: Promise<TaskResult> }>();
  const lastStart = new Map<string, Date>();
  let stopped = false;
  // node-cron reports missed ticks (event loop blocked) through its own logger; keep them in ours.
  const cronLogger = {
    info: (m: string) => log.debug(m),
    warn: (m: string) => log.warn(m),
    error: (m: string | Error) => log.error({ err: m }, 'node-cron error'),
    debug: (m: string | Error) => log.debug({ msg: String(m) }),
  };
  const jobs = new Map<string, ScheduledTask>();
  const nextRun = (name: string): Date | null => {
    const task = tasks.find((t) => t.name === name);
    const job = jobs.get(name);
    if (stopped || !task || !job) return null;
    return nextDueRun(task, job, deps.now(), lastStart.get(name) ?? null);
  };
  const announce = (task: Task): void => {
    if (!task.source || stopped) return;
    const next = nextRun(task.name);
    const at = next?.toISOString() ?? null;
    log.info(
      { task: task.name, nextRun: at },
      `${task.name} runs next at ${at ?? '(not scheduled)'}`,
    );
    deps.metrics?.recordNextRun(task.name, next);
    try {
      setSourceState(deps.db, nextRunKey(task.name), next?.toISOString() ?? '', deps.now());
      const timed = TIMED_SOURCES.find((s): s is TimedSource => s === task.name);
      if (timed) deps.metrics?.recordNewestItem(timed, newestItemAt(deps.db, timed));
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'could not keep the next run time');
    }
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

  for (const task of tasks) {
    // The callback returns nothing, so node-cron never waits on or overlaps-checks it: overlap is decided above.
    const options = { timezone: deps.timezone, name: `regwatch:${task.name}`, logger: cronLogger };
    jobs.set(
      task.name,
      cron.createTask(task.cron, () => tick(task), options),
    );
  }
  const startJobs = async () => {
    if (stopped) return;
    for (const job of jobs.values()) await job.start();
    log.info(
      { tasks: tasks.map((t) => ({ name: t.name, cron: t.cron })), timezone: deps.timezone },
      'schedules started',
    );
    for (const task of tasks) announce(task);
  };
  const ready = (async () => {
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
      // Nobody awaits `ready` in the daemon: say it here rather than as an unhandled rejection.
      log.error({ err: (err as Error).message }, 'the schedules could not start');
    }
    return results;
  })();

  return {
    ready,
    nextRun,
    isRunning: () => !stopped,
    inFlight: () => [...running.keys()],
    async stop(graceMs) {
      if (!stopped) {
        stopped = true;
        await Promise.all([...jobs.values()].map((j) => j.destroy()));
        log.info({ inFlight: [...running.keys()], graceMs }, 'schedules stopped');
      }
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
    },
  };
}
