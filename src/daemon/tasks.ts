import type { App } from '../app.js';
import { drainOutbox, sendDueDigests } from '../notify/index.js';
import { pollEdgar } from '../pipeline/edgar/poll.js';
import { pollFederalRegister } from '../pipeline/federal-register/poll.js';
import type { Task } from './task.js';

/** The mail sender and the digest check run every minute; each sends only what is due. */
const EVERY_MINUTE = '* * * * *';

/**
 * The daemon's work, one task per source plus mail: what `run` schedules and `run --once`
 * runs in this order (sources first, so what they queue is sent in the same cycle).
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
