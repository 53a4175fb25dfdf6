import type { ScheduledTask } from 'node-cron';
import type { Task } from './task.js';

/** Ticks looked at for the next due one: enough for a 20 s tick to reach a 10-minute off-hours run, with room. */
const LOOKAHEAD_TICKS = 200;

/**
 * The next tick of `job` at which `task` is due, on the injected clock: node-cron counts ticks
 * on the system clock, so they are shifted by the clock's offset (zero in production).
 */
export function nextDueRun(
  task: Task,
  job: Pick<ScheduledTask, 'getNextRuns'>,
  now: Date,
  lastStart: Date | null,
): Date | null {
  const offset = now.getTime() - Date.now();
  for (const tick of job.getNextRuns(LOOKAHEAD_TICKS)) {
    const at = new Date(tick.getTime() + offset);
    if (!task.due || task.due(at, lastStart)) return at;
  }
  return null;
}
