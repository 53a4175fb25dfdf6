import type { Db } from './open-database.js';
import { iso, stmt } from './sql.js';

/**
 * What the one send loop records about each attempt, beside the claim / sent / retry / dead
 * steps of outbox.ts (migration 0004). An outbox item is an immediate delivery (`alert`) or a
 * digest message (`digest`); both tables have the same sender columns.
 */
export type OutboxKind = 'alert' | 'digest';

/** After this many attempts that may have reached the server without an answer, the item is given up. */
export const MAX_REACHED_ATTEMPTS = 2;

const SQL = {
  alert: {
    dataStarted: `UPDATE deliveries SET data_started_at = ? WHERE id = ? AND status = 'sending'`,
    reached: 'SELECT reached_attempts AS n FROM deliveries WHERE id = ?',
    countReached: `UPDATE deliveries SET reached_attempts = reached_attempts + 1 WHERE id = ?`,
    retriesNow: `UPDATE deliveries SET next_attempt_at = ?
                 WHERE status = 'failed' AND mode = 'immediate' AND next_attempt_at > ?`,
    nextDue: `SELECT min(next_attempt_at) AS at FROM deliveries WHERE status IN ('pending', 'failed') AND mode = 'immediate'`,
  },
  digest: {
    dataStarted: `UPDATE digests SET data_started_at = ? WHERE id = ? AND status = 'sending'`,
    reached: 'SELECT reached_attempts AS n FROM digests WHERE id = ?',
    countReached: `UPDATE digests SET reached_attempts = reached_attempts + 1 WHERE id = ?`,
    retriesNow: `UPDATE digests SET next_attempt_at = ? WHERE status = 'failed' AND next_attempt_at > ?`,
    nextDue: `SELECT min(next_attempt_at) AS at FROM digests WHERE status IN ('pending', 'failed')`,
  },
} as const;

/**
 * Commits the moment the message data starts (SMTP 354), before its first byte leaves: from
 * here on an attempt may reach the recipient, so a kill after it counts towards the cap.
 */
export function markDataStarted(db: Db, kind: OutboxKind, id: number, now: Date): void {
  stmt(db, SQL[kind].dataStarted).run(iso(now), id);
}

/** Counts one attempt that may have reached the server unanswered; returns the new count. */
export function countReachedAttempt(db: Db, kind: OutboxKind, id: number): number {
  stmt(db, SQL[kind].countReached).run(id);
  return readReachedAttempts(db, kind, id);
}

/** Attempts of an item that may have reached the server unanswered. */
export function readReachedAttempts(db: Db, kind: OutboxKind, id: number): number {
  return (stmt(db, SQL[kind].reached).get(id) as { n: number } | undefined)?.n ?? 0;
}

/**
 * Puts back what a stopped or killed sender left `sending`, due now, keeping its Message-ID.
 * An item whose data had started counts one attempt that may have reached the server; one
 * stopped before it counts nothing. Call only while no other sender works (the lease, or the
 * process that held it stopping).
 */
export function requeueInFlightCounted(db: Db, now: Date): { deliveries: number; digests: number } {
  return db
    .transaction(() => ({
      deliveries: stmt(
        db,
        `UPDATE deliveries SET status = 'pending', next_attempt_at = ?,
           reached_attempts = reached_attempts + (data_started_at IS NOT NULL), data_started_at = NULL
         WHERE status = 'sending'`,
      ).run(iso(now)).changes,
      digests: stmt(
        db,
        `UPDATE digests SET status = 'pending', next_attempt_at = ?,
           reached_attempts = reached_attempts + (data_started_at IS NOT NULL), data_started_at = NULL
         WHERE status = 'sending'`,
      ).run(iso(now)).changes,
    }))
    .immediate();
}

/** The mail server answers again: every item waiting for a retry is due now (the loop sends oldest alert first). */
export function makeRetriesDueNow(db: Db, now: Date): number {
  const at = iso(now);
  return db.transaction(
    () =>
      stmt(db, SQL.alert.retriesNow).run(at, at).changes +
      stmt(db, SQL.digest.retriesNow).run(at, at).changes,
  )();
}

/** The earliest time an immediate delivery or digest message is due, or null when none waits. */
export function nextDueAt(db: Db): Date | null {
  const times = (['alert', 'digest'] as const)
    .map((k) => (stmt(db, SQL[k].nextDue).get() as { at: string | null }).at)
    .filter((t): t is string => t !== null);
  return times.length ? new Date(times.sort()[0]!) : null;
}
