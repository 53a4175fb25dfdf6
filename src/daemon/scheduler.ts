import cron, { type ScheduledTask } from 'node-cron';
import { runTask, type Task, type TaskDeps } from './task.js';

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
}

/**
 * Schedules each task on its cron expression in `timezone`. A tick that finds the previous
 * run of the same task still going is skipped and logged (never overlapped: two runs of a
 * source would race on its feed position). Tasks are independent: one failing or slow task
 * never delays or stops another.
 */
export function startScheduler(deps: TaskDeps & { timezone: string }, tasks: Task[]): Scheduler {
  const log = deps.logger.child({ component: 'scheduler' });
  const names = new Set<string>();
  for (const t of tasks) {
    if (names.has(t.name)) throw new Error(`scheduler: two tasks are named "${t.name}"`);
    if (!cron.validate(t.cron)) throw new Error(`scheduler: task "${t.name}" has an invalid cron expression "${t.cron}"`);
    names.add(t.name);
  }
  const abort = new AbortController();
  const running = new Map<string, { since: Date; done: Promise<unknown> }>();
  let stopped = false;
  // node-cron reports missed ticks (event loop blocked) through its own logger; keep them in ours.
  const cronLogger = {
    info: (m: string) => log.debug(m),
    warn: (m: string) => log.warn(m),
    error: (m: string | Error) => log.error({ err: m }, 'node-cron error'),
    debug: (m: string | Error) => log.debug({ msg: String(m) }),
  };

  const tick = (task: Task): void => {
    if (stopped) return;
    const current = running.get(task.name);
    if (current) {
      log.warn({ task: task.name, runningSince: current.since.toISOString() }, 'previous run still going; this tick is skipped');
      deps.metrics?.recordOverlap(task.name);
      return;
    }
    const done = runTask(deps, task, abort.signal).finally(() => running.delete(task.name));
    running.set(task.name, { since: deps.now(), done });
  };

  const jobs: ScheduledTask[] = tasks.map((task) =>
    // The callback returns nothing, so node-cron never waits on or overlaps-checks it: overlap is decided above.
    cron.schedule(task.cron, () => tick(task), { timezone: deps.timezone, name: `regwatch:${task.name}`, logger: cronLogger }),
  );
  log.info({ tasks: tasks.map((t) => ({ name: t.name, cron: t.cron })), timezone: deps.timezone }, 'schedules started');

  return {
    isRunning: () => !stopped,
    inFlight: () => [...running.keys()],
    async stop(graceMs) {
      if (!stopped) {
        stopped = true;
        await Promise.all(jobs.map((j) => j.destroy()));
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
      log.warn({ inFlight: [...running.keys()] }, 'runs still going as the grace runs out; asking them to stop');
      abort.abort(new Error('the daemon is stopping'));
      if (await wait(abortWindow)) return true;
      log.error({ inFlight: [...running.keys()] }, 'runs did not stop within the grace; they are recorded as interrupted');
      return false;
    },
  };
}
