import type { Config } from '../config/schema.js';
import type { Logger } from '../log/logger.js';
import type { Db } from '../store/open-database.js';
import {
  acquireSenderLease,
  claimNextDelivery,
  deferDueDeliveries,
  listThreadPredecessors,
  markDeliveryDead,
  markDeliveryRetry,
  markDeliverySent,
  readAlert,
  readStoredDiff,
  releaseSenderLease,
  requeueInFlight,
  type DeliveryRow,
  type SenderLease,
} from '../store/outbox.js';
import { DeliveryError } from './errors.js';
import { deadDeliveryNotice } from './operator-notice.js';
import { renderAlertMessage } from './render/alert-message.js';
import { alertMessageId, mailDomain } from './render/message-id.js';
import { decideAfterFailure } from './retry.js';
import { quietUntil } from './schedule.js';
import type { Transport } from './transports/types.js';
import type { OutgoingMessage, RenderedMessage } from './types.js';

/** What the sender works with; `now` is a parameter so tests can move the clock. */
export interface SenderDeps {
  db: Db;
  config: Config;
  transport: Transport;
  logger: Logger;
  now: () => Date;
}

/** What one drain did. */
export interface DrainStats {
  sent: number;
  retrying: number;
  dead: number;
  /** Due deliveries moved to the end of quiet hours. */
  deferred: number;
  /** Deliveries found `sending` (a crash in flight) and sent again with the same Message-ID. */
  recovered: number;
  /** Set when another live sender holds the lease: nothing was done. */
  lockedBy: SenderLease | null;
  /** Set when the drain stopped early because the mail server could not be reached. */
  stoppedBy: string | null;
}

const LEASE_TTL_MS = 10 * 60_000;

/** True when a process with this id exists on this machine. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Runs `work` holding the sender lease, after putting back what a crashed sender left in
 * flight. Returns null (and the holder) when another live sender is at work.
 */
export async function withSenderLease<T>(deps: SenderDeps, work: (recovered: number) => Promise<T>): Promise<{ result: T; lockedBy: null } | { result: null; lockedBy: SenderLease }> {
  const lease = acquireSenderLease(deps.db, deps.now(), LEASE_TTL_MS, isProcessAlive);
  if (!lease.acquired) {
    deps.logger.info({ holder: lease.holder }, 'another regwatch process is sending mail; this one leaves it alone');
    return { result: null, lockedBy: lease.holder };
  }
  try {
    const back = requeueInFlight(deps.db, deps.now());
    const recovered = back.deliveries + back.digests;
    if (recovered > 0) deps.logger.warn({ deliveries: back.deliveries, digests: back.digests }, 'a previous sender stopped while sending; re-sending with the same Message-ID');
    return { result: await work(recovered), lockedBy: null };
  } finally {
    releaseSenderLease(deps.db);
  }
}

/** Renders one delivery's message from stored data (no HTML is ever stored). */
export function renderDelivery(db: Db, config: Config, delivery: Pick<DeliveryRow, 'alertId' | 'email' | 'recipientGroup'>, now: Date): RenderedMessage {
  const alert = readAlert(db, delivery.alertId);
  if (!alert) throw new DeliveryError(`alert ${delivery.alertId} no longer exists`, false);
  const domain = mailDomain(config.mail.from);
  return renderAlertMessage({
    alert,
    stored: alert.diffId !== null ? (readStoredDiff(db, alert.diffId) ?? null) : null,
    recipient: { email: delivery.email, group: delivery.recipientGroup },
    thread: listThreadPredecessors(db, alert, delivery.email).map((id) => alertMessageId(id, delivery.email, domain)),
    now,
    maxHtmlBytes: config.mail.maxHtmlBytes,
  });
}

/** A connection-level failure (no SMTP reply at all): the server is down, so stop this drain. */
export function serverUnreachable(err: DeliveryError): boolean {
  return err.retryable && err.responseCode === null && /ECONNECTION|ECONNREFUSED|ETIMEDOUT|ESOCKET|EDNS|ENOTFOUND|EHOSTUNREACH|ECONNRESET/.test(err.message);
}

/**
 * Sends every due immediate delivery, one at a time: each is marked `sending` and committed
 * before the transport sees it, and `sent` after the server accepted it. A delivery a crashed
 * sender left `sending` is sent again with the same Message-ID. Transient failures back off
 * (5 min doubling to 1 h), permanent ones and five-day-old ones go `dead` and the operator is
 * told once. During quiet hours due deliveries are moved to their end, never dropped.
 */
export async function drainOutbox(deps: SenderDeps, options: { limit?: number } = {}): Promise<DrainStats> {
  const stats: DrainStats = { sent: 0, retrying: 0, dead: 0, deferred: 0, recovered: 0, lockedBy: null, stoppedBy: null };
  const { db, config, transport } = deps;
  const log = deps.logger.child({ component: 'sender', transport: transport.name });
  const outcome = await withSenderLease(deps, async (recovered) => {
    stats.recovered = recovered;
    const quietEnd = quietUntil(deps.now(), config.mail.quietHours, config.timezone);
    if (quietEnd) {
      stats.deferred = deferDueDeliveries(db, deps.now(), quietEnd);
      if (stats.deferred > 0) log.info({ deferred: stats.deferred, until: quietEnd.toISOString() }, 'quiet hours: alerts wait until they end');
      return;
    }
    const domain = mailDomain(config.mail.from);
    const limit = options.limit ?? Infinity;
    for (let n = 0; n < limit; n++) {
      const d = claimNextDelivery(db, deps.now(), (row) => alertMessageId(row.alertId, row.email, domain));
      if (!d) break;
      // Renew the lease so a long drain is never taken for a dead one.
      acquireSenderLease(db, deps.now(), LEASE_TTL_MS, isProcessAlive);
      let subject = `alert ${d.alertId}`;
      try {
        const rendered = renderDelivery(db, config, d, deps.now());
        subject = rendered.subject;
        const message: OutgoingMessage = { ...rendered, from: config.mail.from, to: d.email, messageId: d.messageId!, date: deps.now() };
        const result = await transport.send(message);
        if (result.rejected.length > 0) {
          throw new DeliveryError(`recipient refused: ${result.response}`, result.permanent !== true);
        }
        markDeliverySent(db, d.id, deps.now());
        stats.sent++;
        log.info({ delivery: d.id, alert: d.alertId, to: d.email, messageId: d.messageId, attempt: d.attempts }, 'alert sent');
      } catch (err) {
        const e = err instanceof DeliveryError ? err : new DeliveryError(`cannot build the message: ${(err as Error).message}`, true, null, { cause: err });
        const decision = decideAfterFailure({ retryable: e.retryable, attempts: d.attempts, createdAt: d.createdAt, now: deps.now() });
        if (decision.action === 'retry') {
          markDeliveryRetry(db, d.id, e.message, decision.at);
          stats.retrying++;
          log.warn({ delivery: d.id, alert: d.alertId, to: d.email, attempt: d.attempts, retryAt: decision.at.toISOString(), error: e.message }, 'alert not sent; will retry');
          if (serverUnreachable(e)) {
            stats.stoppedBy = e.message;
            break;
          }
        } else {
          const alert = readAlert(db, d.alertId);
          const notice = alert && alert.kind !== 'operator' ? { alert: deadDeliveryNotice(config, { kind: 'alert', id: d.id, alertId: d.alertId, email: d.email, attempts: d.attempts, error: e.message, subject }), recipients: config.recipients } : null;
          markDeliveryDead(db, d.id, `${decision.why}: ${e.message}`, deps.now(), notice);
          stats.dead++;
          log.error({ delivery: d.id, alert: d.alertId, to: d.email, attempts: d.attempts, error: e.message }, `alert given up (${decision.why}); the operator is told`);
        }
      }
    }
  });
  stats.lockedBy = outcome.lockedBy;
  return stats;
}
