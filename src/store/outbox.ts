import type { NewAlert } from '../alerts/types.js';
import type { Config } from '../config/schema.js';
import { insertAlert } from './alerts.js';
import type { DigestStatus } from './outbox-digests.js';
import type { Db } from './open-database.js';
import { iso, stmt } from './sql.js';
import type { DeliveryChannel } from './webhook-deliveries.js';

/**
 * The outbox, read and updated by the sender. Every state change a sender makes commits
 * before (or instead of) talking to the mail server: `sending` is committed before a message
 * is handed to the transport, `sent` after it was accepted, so a crash loses nothing and
 * re-sends at most the one message in flight (with its stored Message-ID).
 *
 * This module holds the immediate deliveries' SQL; each other job of the outbox has its own
 * module, re-exported here so callers keep one import: digest messages (outbox-digests.ts),
 * the alerts a message is rebuilt from (alert-records.ts), stored diffs (stored-diff.ts), the
 * sender lease (outbox-lease.ts), the status view (outbox-status.ts) and the attempts that may
 * have reached a server (outbox-attempts.ts, imported on its own).
 */

export { listThreadPredecessors, readAlert, type AlertRecord } from './alert-records.js';
export {
  claimNextDigest,
  gatherDigest,
  listDigestAlertIds,
  listDigestWaiting,
  markDigestDead,
  markDigestRetry,
  markDigestSent,
  readDigest,
  readLastDigestEnd,
  type DigestRow,
  type DigestStatus,
} from './outbox-digests.js';
export { acquireSenderLease, releaseSenderLease, type SenderLease } from './outbox-lease.js';
export { outboxStatus, type DeadDelivery, type OutboxStatus } from './outbox-status.js';
export { readStoredDiff, type SectionTextChange, type StoredDiff } from './stored-diff.js';

/** The states of a delivery: a digest message's, and `digested` once gathered into a digest. */
export type DeliveryStatus = DigestStatus | 'digested';

/** One row of `deliveries`. */
export interface DeliveryRow {
  id: number;
  alertId: number;
  recipientGroup: string;
  /** For a webhook delivery: the endpoint's reference (src/store/webhook-deliveries.ts). */
  email: string;
  channel: DeliveryChannel;
  mode: 'immediate' | 'digest';
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  messageId: string | null;
  createdAt: string;
  sentAt: string | null;
}

const DELIVERY_COLUMNS = `id, alert_id AS alertId, recipient_group AS recipientGroup, email, channel, mode, status, attempts,
  next_attempt_at AS nextAttemptAt, last_error AS lastError, message_id AS messageId, created_at AS createdAt, sent_at AS sentAt`;

/**
 * Claims the next due immediate delivery, oldest alert first: marks it `sending`, counts the
 * attempt and fixes its Message-ID, and commits, all before anything is handed to a transport.
 * Undefined when none is due.
 */
export function claimNextDelivery(
  db: Db,
  now: Date,
  messageIdFor: (d: DeliveryRow) => string,
): DeliveryRow | undefined {
  return db
    .transaction(() => {
      const row = stmt(
        db,
        `SELECT ${DELIVERY_COLUMNS} FROM deliveries
       WHERE status IN ('pending', 'failed') AND mode = 'immediate' AND next_attempt_at <= ?
       ORDER BY alert_id, id LIMIT 1`,
      ).get(iso(now)) as DeliveryRow | undefined;
      if (!row) return undefined;
      const messageId = row.messageId ?? messageIdFor(row);
      stmt(
        db,
        `UPDATE deliveries SET status = 'sending', attempts = attempts + 1, message_id = ?, data_started_at = NULL WHERE id = ?`,
      ).run(messageId, row.id);
      return { ...row, status: 'sending' as const, attempts: row.attempts + 1, messageId };
    })
    .immediate();
}

/** The server accepted the message. */
export function markDeliverySent(db: Db, id: number, now: Date): void {
  stmt(
    db,
    `UPDATE deliveries SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ? AND status = 'sending'`,
  ).run(iso(now), id);
}

/** A transient failure: try again at `nextAttemptAt`. */
export function markDeliveryRetry(db: Db, id: number, error: string, nextAttemptAt: Date): void {
  stmt(
    db,
    `UPDATE deliveries SET status = 'failed', last_error = ?, next_attempt_at = ? WHERE id = ? AND status = 'sending'`,
  ).run(error, iso(nextAttemptAt), id);
}

/**
 * Gives a delivery up (permanent failure, or retried for too long) and, in the same
 * transaction, queues `notice` (the operator's alert; its dedupe key makes it once only).
 */
export function markDeliveryDead(
  db: Db,
  id: number,
  error: string,
  now: Date,
  notice: { alert: NewAlert; recipients: Config['recipients'] } | null,
): void {
  db.transaction(() => {
    stmt(
      db,
      `UPDATE deliveries SET status = 'dead', last_error = ?, next_attempt_at = ? WHERE id = ? AND status = 'sending'`,
    ).run(error, iso(now), id);
    if (notice) insertAlert(db, notice.alert, notice.recipients, now);
  })();
}

/**
 * Moves every due immediate delivery to `until` (quiet hours): delayed, never dropped.
 * @returns how many were moved.
 */
export function deferDueDeliveries(db: Db, now: Date, until: Date): number {
  return stmt(
    db,
    `UPDATE deliveries SET next_attempt_at = ? WHERE status IN ('pending', 'failed') AND mode = 'immediate' AND next_attempt_at <= ?`,
  ).run(iso(until), iso(now)).changes;
}

/** One delivery, by id. */
export function readDelivery(db: Db, id: number): DeliveryRow | undefined {
  return stmt(db, `SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE id = ?`).get(id) as
    DeliveryRow | undefined;
}

/** Every delivery of an alert, in id order. */
export function listDeliveriesOfAlert(db: Db, alertId: number): DeliveryRow[] {
  return stmt(db, `SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE alert_id = ? ORDER BY id`).all(
    alertId,
  ) as DeliveryRow[];
}
