import type { App } from '../app.js';
import { BUSY_WINDOWS, isRunDue, type BusyWindows } from '../calendar/busy-hours.js';
import { withSignal } from '../http/with-signal.js';
import { sendDue } from '../notify/index.js';
import { pollEdgar } from '../pipeline/edgar/poll.js';
import { pollFederalRegister } from '../pipeline/federal-register/poll.js';
import type { Task } from './task.js';

/**
 * A source's place in the cycle: side by side with the other sources, bounded by the cycle
 * deadline (its requests abort then), running on every tick inside its busy hours and at most
 * every `schedule.offHoursMinutes` outside them.
 */
function sourceTiming(app: App, windows: BusyWindows): Pick<Task, 'source' | 'deadlineMs' | 'due'> {
  const { offHoursMinutes, cycleDeadlineSeconds } = app.config.schedule;
  return {
    source: true,
    deadlineMs: cycleDeadlineSeconds * 1000,
    due: (at, lastStart) => isRunDue(windows, offHoursMinutes, at, lastStart),
  };
}

/**
 * The daemon's scheduled work, one task per source: what `run` schedules and `run --once`
 * runs as one cycle (runCycle: the sources side by side), followed by the mail task (sources
 * first, so what they queue is sent in the same cycle).
 */
export function buildTasks(app: App): Task[] {
  return [
    {
      name: 'edgar',
      cron: app.config.schedule.edgar,
      ...sourceTiming(app, BUSY_WINDOWS.edgar),
      run: (signal) => {
        const deps = app.edgar();
        return pollEdgar({ ...deps, client: withSignal(deps.client, signal) }, signal);
      },
    },
    {
      name: 'federal-register',
      cron: app.config.schedule.federalRegister,
      ...sourceTiming(app, BUSY_WINDOWS['federal-register']),
      run: async (signal) => {
        const deps = app.federalRegister();
        const s = await pollFederalRegister({ ...deps, client: withSignal(deps.client, signal) });
        return {
          ...s,
          noticesProcessed: s.documentsNew + s.documentsUpdated + s.publicInspectionNew,
        };
      },
    },
  ];
}

/**
 * One pass of the one send loop (alerts and digests), recorded as a `mail` run. The daemon runs
 * it when woken (a commit, a due time, the mail server back: see sender-service.ts), never on a
 * cron tick; `run --once` runs it last. The stop signal ends the pass after the message in flight.
 */
export function buildMailTask(app: App): Task {
  return {
    name: 'mail',
    cron: '(woken)',
    run: async (signal) => {
      const s = await sendDue(app.sender(), { signal });
      const unreachable = s.stoppedBy ? 1 : 0;
      return {
        deliveriesSent: s.sent,
        deliveriesRetrying: s.retrying,
        deliveriesDead: s.dead,
        deliveriesDeferred: s.deferred,
        deliveriesRecovered: s.recovered,
        digestsGathered: s.gathered,
        defects: s.defects,
        serverUnreachable: unreachable,
        lockedBy: s.lockedBy ? 1 : 0,
        errors: s.defects + unreachable,
      };
    },
  };
}
