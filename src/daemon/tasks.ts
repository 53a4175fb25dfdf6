import type { App } from '../app.js';
import { BUSY_WINDOWS, isRunDue, type BusyWindows } from '../calendar/busy-hours.js';
import { withSignal } from '../http/with-signal.js';
import { drainOutbox, sendDueDigests } from '../notify/index.js';
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
  return { source: true, deadlineMs: cycleDeadlineSeconds * 1000, due: (at, lastStart) => isRunDue(windows, offHoursMinutes, at, lastStart) };
}

/** The mail sender and the digest check run every minute; each sends only what is due. */
const EVERY_MINUTE = '* * * * *';

/**
 * The daemon's work, one task per source plus mail: what `run` schedules and `run --once`
 * runs as one cycle (runCycle: the sources side by side first, so what they queue is sent in
 * the same cycle).
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
        return { ...s, noticesProcessed: s.documentsNew + s.documentsUpdated + s.publicInspectionNew };
      },
    },
    {
      name: 'mail',
      cron: EVERY_MINUTE,
      run: async () => {
        const s = await drainOutbox(app.sender());
        return { deliveriesSent: s.sent, deliveriesRetrying: s.retrying, deliveriesDead: s.dead, deliveriesDeferred: s.deferred, deliveriesRecovered: s.recovered, errors: s.stoppedBy ? 1 : 0 };
      },
    },
    {
      name: 'digests',
      cron: EVERY_MINUTE,
      run: async () => {
        const s = await sendDueDigests(app.sender(), app.now());
        return { digestsGathered: s.gathered, deliveriesSent: s.sent, deliveriesRetrying: s.retrying, deliveriesDead: s.dead, errors: s.stoppedBy ? 1 : 0 };
      },
    },
  ];
}
