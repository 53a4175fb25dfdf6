import type { Config } from '../config/schema.js';
import type { Db } from '../store/open-database.js';
import { listDigestWaiting, readLastDigestEnd } from '../store/outbox.js';
import { nextTick, previousTick } from './schedule.js';

/** One digest address: when its last digest ended, whether one is due now, when the next tick is. */
export interface DigestPlan {
  group: string;
  email: string;
  cron: string;
  waiting: number;
  lastPeriodEnd: string | null;
  /** The tick a digest is due for now (its period end), or null. */
  dueTick: Date | null;
  /** The next tick after `now`. */
  nextTick: Date | null;
}

/**
 * When each digest address's digest is due, from its group's `digest.cron` read in
 * `config.timezone`: due when a tick has passed since its last digest (or since its oldest
 * waiting alert, before the first digest). Ticks are found by node-cron's own matcher.
 */
export function planDigests(db: Db, config: Config, now: Date): DigestPlan[] {
  const plans: DigestPlan[] = [];
  for (const [group, r] of Object.entries(config.recipients)) {
    if (r.mode !== 'digest' || !r.digest) continue;
    const next = nextTick(r.digest.cron, config.timezone, now);
    const waitingByEmail = new Map(listDigestWaiting(db, group).map((w) => [w.email, w]));
    const emails = new Set([...r.emails.map((e) => e.toLowerCase()), ...waitingByEmail.keys()]);
    for (const email of emails) {
      const waiting = waitingByEmail.get(email);
      const last = readLastDigestEnd(db, group, email);
      let due: Date | null = null;
      if (waiting) {
        const since = new Date(
          Math.min(
            last ? new Date(last).getTime() : Infinity,
            new Date(waiting.oldest).getTime() - 1,
          ),
        );
        due = previousTick(r.digest.cron, config.timezone, now, since);
        if (due && last && due.toISOString() <= last) due = null;
      }
      plans.push({
        group,
        email,
        cron: r.digest.cron,
        waiting: waiting?.waiting ?? 0,
        lastPeriodEnd: last,
        dueTick: due,
        nextTick: next,
      });
    }
  }
  return plans;
}
