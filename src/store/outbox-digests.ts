import type { NewAlert } from '../alerts/types.js';
import type { Config } from '../config/schema.js';
import { insertAlert } from './alerts.js';
import type { Db } from './open-database.js';
import { iso, stmt } from './sql.js';

/**
 * Digest messages of the outbox: waiting digest deliveries gathered into one `digests` row per
 * address and period, then claimed and marked like an immediate delivery (claim -> `sending`
 * committed -> transport -> `sent`), with the Message-ID fixed at the first claim.
 */

/** The states of a digest message (a delivery has one more: `digested`, gathered into one). */
export type DigestStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'dead';

/** One row of `digests`. */
export interface DigestRow {
  id: number;
  recipientGroup: string;
  email: string;
  periodStart: string | null;
  periodEnd: string;
  status: DigestStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  messageId: string | null;
  createdAt: string;
  sentAt: string | null;
}

const DIGEST_COLUMNS = `id, recipient_group AS recipientGroup, email, period_start AS periodStart, period_end AS periodEnd, status, attempts,
  next_attempt_at AS nextAttemptAt, last_error AS lastError, message_id AS messageId, created_at AS createdAt, sent_at AS sentAt`;

/** The end of the last digest gathered for an address of a group, or null if none yet. */
export function readLastDigestEnd(db: Db, group: string, email: string): string | null {
  const r = stmt(
    db,
    'SELECT max(period_end) AS end FROM digests WHERE recipient_group = ? AND email = ?',
  ).get(group, email) as { end: string | null };
  return r.end;
}

/** Addresses of a group that have digest deliveries waiting. */
export function listDigestWaiting(
  db: Db,
  group: string,
): { email: string; waiting: number; oldest: string }[] {
  return stmt(
    db,
    `SELECT email, count(*) AS waiting, min(created_at) AS oldest FROM deliveries
     WHERE recipient_group = ? AND mode = 'digest' AND status = 'pending' GROUP BY email ORDER BY email`,
  ).all(group) as { email: string; waiting: number; oldest: string }[];
}

/**
 * Gathers the waiting digest deliveries of one address (created up to `periodEnd`) into a new
 * digest row, in one transaction. Null when nothing waits (an empty digest is never made) or
 * when this period's digest exists already.
 */
export function gatherDigest(
  db: Db,
  group: string,
  email: string,
  periodEnd: Date,
  now: Date,
): { id: number; alerts: number } | null {
  return db
    .transaction(() => {
      const end = iso(periodEnd);
      const existing = stmt(
        db,
        'SELECT id, status, attempts FROM digests WHERE email = ? AND period_end = ?',
      ).get(email, end) as { id: number; status: string; attempts: number } | undefined;
      // Another digest group of the same address ticked at the same time: one message lists both,
      // unless it was ever handed to a transport (its content must not change under its
      // Message-ID); then these wait for the next tick.
      if (existing && (existing.status !== 'pending' || existing.attempts > 0)) return null;
      const ids = stmt(
        db,
        `SELECT id FROM deliveries WHERE recipient_group = ? AND email = ? AND mode = 'digest' AND status = 'pending' AND created_at <= ? ORDER BY alert_id`,
      )
        .all(group, email, end)
        .map((r) => (r as { id: number }).id);
      if (ids.length === 0) return null;
      const start = readLastDigestEnd(db, group, email);
      const id = existing
        ? existing.id
        : Number(
            stmt(
              db,
              `INSERT INTO digests (recipient_group, email, period_start, period_end, status, next_attempt_at, created_at)
         VALUES (?, ?, ?, ?, 'pending', ?, ?)`,
            ).run(group, email, start, end, iso(now), iso(now)).lastInsertRowid,
          );
      const mark = stmt(
        db,
        `UPDATE deliveries SET status = 'digested', digest_id = ? WHERE id = ?`,
      );
      for (const d of ids) mark.run(id, d);
      return { id, alerts: ids.length };
    })
    .immediate();
}

/**
 * Claims the next due digest message, as `claimNextDelivery` (outbox.ts) does an immediate
 * delivery: `sending`, the attempt counted and the Message-ID fixed, committed before any transport.
 */
export function claimNextDigest(
  db: Db,
  now: Date,
  messageIdFor: (d: DigestRow) => string,
): DigestRow | undefined {
  return db
    .transaction(() => {
      const row = stmt(
        db,
        `SELECT ${DIGEST_COLUMNS} FROM digests WHERE status IN ('pending', 'failed') AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT 1`,
      ).get(iso(now)) as DigestRow | undefined;
      if (!row) return undefined;
      const messageId = row.messageId ?? messageIdFor(row);
      stmt(
        db,
        `UPDATE digests SET status = 'sending', attempts = attempts + 1, message_id = ?, data_started_at = NULL WHERE id = ?`,
      ).run(messageId, row.id);
      return { ...row, status: 'sending' as const, attempts: row.attempts + 1, messageId };
    })
    .immediate();
}

/** The server accepted the digest: its deliveries are sent with it. */
export function markDigestSent(db: Db, id: number, now: Date): void {
  db.transaction(() => {
    stmt(
      db,
      `UPDATE digests SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ? AND status = 'sending'`,
    ).run(iso(now), id);
    stmt(db, `UPDATE deliveries SET sent_at = ? WHERE digest_id = ?`).run(iso(now), id);
  })();
}

/** A transient failure: try the digest again at `nextAttemptAt`. */
export function markDigestRetry(db: Db, id: number, error: string, nextAttemptAt: Date): void {
  stmt(
    db,
    `UPDATE digests SET status = 'failed', last_error = ?, next_attempt_at = ? WHERE id = ? AND status = 'sending'`,
  ).run(error, iso(nextAttemptAt), id);
}

/** Gives a digest up and, in the same transaction, queues the operator's `notice`. */
export function markDigestDead(
  db: Db,
  id: number,
  error: string,
  now: Date,
  notice: { alert: NewAlert; recipients: Config['recipients'] } | null,
): void {
  db.transaction(() => {
    stmt(
      db,
      `UPDATE digests SET status = 'dead', last_error = ?, next_attempt_at = ? WHERE id = ? AND status = 'sending'`,
    ).run(error, iso(now), id);
    if (notice) insertAlert(db, notice.alert, notice.recipients, now);
  })();
}

/** One digest, by id. */
export function readDigest(db: Db, id: number): DigestRow | undefined {
  return stmt(db, `SELECT ${DIGEST_COLUMNS} FROM digests WHERE id = ?`).get(id) as
    DigestRow | undefined;
}

/** The alerts a digest lists, oldest first. */
export function listDigestAlertIds(db: Db, digestId: number): number[] {
  return stmt(db, 'SELECT alert_id AS id FROM deliveries WHERE digest_id = ? ORDER BY alert_id')
    .all(digestId)
    .map((r) => (r as { id: number }).id);
}
