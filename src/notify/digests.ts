import type { Config } from '../config/schema.js';
import type { Db } from '../store/open-database.js';
import {
  claimNextDigest,
  gatherDigest,
  listDigestAlertIds,
  listDigestWaiting,
  markDigestDead,
  markDigestRetry,
  markDigestSent,
  readAlert,
  readDigest,
  readLastDigestEnd,
  readStoredDiff,
  type AlertRecord,
  type SenderLease,
} from '../store/outbox.js';
import { DeliveryError } from './errors.js';
import { deadDeliveryNotice } from './operator-notice.js';
import { renderDigestMessage, type DigestEntry } from './render/digest-message.js';
import { digestMessageId, mailDomain } from './render/message-id.js';
import { decideAfterFailure } from './retry.js';
import { nextTick, previousTick } from './schedule.js';
import { serverUnreachable, withSenderLease, type SenderDeps } from './sender.js';
import type { OutgoingMessage, RenderedMessage } from './types.js';

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
        const since = new Date(Math.min(last ? new Date(last).getTime() : Infinity, new Date(waiting.oldest).getTime() - 1));
        due = previousTick(r.digest.cron, config.timezone, now, since);
        if (due && last && due.toISOString() <= last) due = null;
      }
      plans.push({ group, email, cron: r.digest.cron, waiting: waiting?.waiting ?? 0, lastPeriodEnd: last, dueTick: due, nextTick: next });
    }
  }
  return plans;
}

/** What one digest run did. */
export interface DigestStats {
  gathered: number;
  sent: number;
  retrying: number;
  dead: number;
  lockedBy: SenderLease | null;
  stoppedBy: string | null;
}

/** Rebuilds a digest's message from the stored alerts and changes (never from an earlier message). */
export function renderDigest(db: Db, config: Config, digestId: number, now: Date): RenderedMessage {
  const digest = readDigest(db, digestId);
  if (!digest) throw new DeliveryError(`digest ${digestId} does not exist`, false);
  const entries: DigestEntry[] = listDigestAlertIds(db, digestId)
    .map((id) => readAlert(db, id))
    .filter((a): a is AlertRecord => a !== undefined)
    .map((alert) => ({ alert, stored: alert.diffId !== null ? (readStoredDiff(db, alert.diffId) ?? null) : null }));
  return renderDigestMessage({
    digestId,
    recipient: { email: digest.email, group: digest.recipientGroup },
    periodStart: digest.periodStart,
    periodEnd: digest.periodEnd,
    entries,
    timezone: config.timezone,
    now,
  });
}

/**
 * Gathers every digest that is due at `now` (one per address, listing everything since its
 * last digest; nothing waiting, no digest) and sends the digest messages waiting to go, with
 * the same claim / sent / retry / dead rules as immediate alerts.
 */
export async function sendDueDigests(deps: SenderDeps, now: Date): Promise<DigestStats> {
  const stats: DigestStats = { gathered: 0, sent: 0, retrying: 0, dead: 0, lockedBy: null, stoppedBy: null };
  const { db, config, transport } = deps;
  const log = deps.logger.child({ component: 'digests', transport: transport.name });
  const outcome = await withSenderLease(deps, async () => {
    for (const plan of planDigests(db, config, now)) {
      if (!plan.dueTick) continue;
      const made = gatherDigest(db, plan.group, plan.email, plan.dueTick, now);
      if (made) {
        stats.gathered++;
        log.info({ digest: made.id, group: plan.group, to: plan.email, alerts: made.alerts, periodEnd: plan.dueTick.toISOString() }, 'digest gathered');
      }
    }
    const domain = mailDomain(config.mail.from);
    for (;;) {
      const d = claimNextDigest(db, deps.now(), (row) => digestMessageId(row.id, row.email, domain));
      if (!d) break;
      let subject = `digest ${d.id}`;
      try {
        const rendered = renderDigest(db, config, d.id, deps.now());
        subject = rendered.subject;
        const message: OutgoingMessage = { ...rendered, from: config.mail.from, to: d.email, messageId: d.messageId!, date: deps.now() };
        const result = await transport.send(message);
        if (result.rejected.length > 0) throw new DeliveryError(`recipient refused: ${result.response}`, result.permanent !== true);
        markDigestSent(db, d.id, deps.now());
        stats.sent++;
        log.info({ digest: d.id, to: d.email, messageId: d.messageId }, 'digest sent');
      } catch (err) {
        const e = err instanceof DeliveryError ? err : new DeliveryError(`cannot build the digest: ${(err as Error).message}`, true, null, { cause: err });
        const decision = decideAfterFailure({ retryable: e.retryable, attempts: d.attempts, createdAt: d.createdAt, now: deps.now() });
        if (decision.action === 'retry') {
          markDigestRetry(db, d.id, e.message, decision.at);
          stats.retrying++;
          log.warn({ digest: d.id, to: d.email, attempt: d.attempts, retryAt: decision.at.toISOString(), error: e.message }, 'digest not sent; will retry');
          if (serverUnreachable(e)) {
            stats.stoppedBy = e.message;
            break;
          }
        } else {
          markDigestDead(db, d.id, `${decision.why}: ${e.message}`, deps.now(), {
            alert: deadDeliveryNotice(config, { kind: 'digest', id: d.id, alertId: null, email: d.email, attempts: d.attempts, error: e.message, subject }),
            recipients: config.recipients,
          });
          stats.dead++;
          log.error({ digest: d.id, to: d.email, attempts: d.attempts, error: e.message }, `digest given up (${decision.why}); the operator is told`);
        }
      }
    }
  });
  stats.lockedBy = outcome.lockedBy;
  return stats;
}
