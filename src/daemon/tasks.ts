import type { App } from '../app.js';
import { sendDue } from '../notify/index.js';
import { pollEdgar } from '../pipeline/edgar/poll.js';
import { pollFederalRegister } from '../pipeline/federal-register/poll.js';
import type { Task } from './task.js';

/**
 * The daemon's scheduled work, one task per source: what `run` schedules and `run --once`
 * runs in this order, followed by the mail task (sources first, so what they queue is sent in
 * the same cycle).
 */
export function buildTasks(app: App): Task[] {
  return [
    { name: 'edgar', cron: app.config.schedule.edgar, run: (signal) => pollEdgar(app.edgar(), signal) },
    {
      name: 'federal-register',
      cron: app.config.schedule.federalRegister,
      run: async () => {
        const s = await pollFederalRegister(app.federalRegister());
        return { ...s, noticesProcessed: s.documentsNew + s.documentsUpdated + s.publicInspectionNew };
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
