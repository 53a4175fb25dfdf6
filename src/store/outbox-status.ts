import type { Db } from './open-database.js';
import { iso, stmt } from './sql.js';

/** The outbox at a glance, for `regwatch status`: queue depth, oldest waiting, dead deliveries. */

/** A delivery given up on, as `regwatch status` lists it. */
export interface DeadDelivery {
  kind: 'alert' | 'digest';
  id: number;
  alertId: number | null;
  email: string;
  attempts: number;
  lastError: string | null;
  since: string;
}

/** What `regwatch status` shows of the outbox. */
export interface OutboxStatus {
  /** Immediate deliveries and digest messages waiting to be sent (pending, failed awaiting retry, or in flight). */
  pending: number;
  /** Of those, how many are waiting for a retry after a transient failure. */
  retrying: number;
  /** Creation time of the oldest of them (ISO), or null. */
  oldestPendingAt: string | null;
  /** Alerts waiting for their recipient's next digest. */
  awaitingDigest: number;
  dead: number;
  sentLast24h: number;
  /** Up to 20 dead deliveries, newest first. */
  deadDeliveries: DeadDelivery[];
}

/** The outbox at a glance: queue depth, oldest waiting message, dead deliveries. */
export function outboxStatus(db: Db, now: Date): OutboxStatus {
  const since = iso(new Date(now.getTime() - 24 * 3600_000));
  const d = stmt(
    db,
    `SELECT
       sum(mode = 'immediate' AND status IN ('pending', 'failed', 'sending')) AS pending,
       sum(mode = 'immediate' AND status = 'failed') AS retrying,
       min(CASE WHEN mode = 'immediate' AND status IN ('pending', 'failed', 'sending') THEN created_at END) AS oldest,
       sum(mode = 'digest' AND status = 'pending') AS awaitingDigest,
       sum(status = 'dead') AS dead,
       sum(mode = 'immediate' AND status = 'sent' AND sent_at >= ?) AS sent
     FROM deliveries`,
  ).get(since) as {
    pending: number | null;
    retrying: number | null;
    oldest: string | null;
    awaitingDigest: number | null;
    dead: number | null;
    sent: number | null;
  };
  const g = stmt(
    db,
    `SELECT sum(status IN ('pending', 'failed', 'sending')) AS pending, sum(status = 'failed') AS retrying,
            min(CASE WHEN status IN ('pending', 'failed', 'sending') THEN created_at END) AS oldest,
            sum(status = 'dead') AS dead, sum(status = 'sent' AND sent_at >= ?) AS sent FROM digests`,
  ).get(since) as {
    pending: number | null;
    retrying: number | null;
    oldest: string | null;
    dead: number | null;
    sent: number | null;
  };
  const deadDeliveries = stmt(
    db,
    `SELECT * FROM (
       SELECT 'alert' AS kind, id, alert_id AS alertId, email, attempts, last_error AS lastError, next_attempt_at AS since FROM deliveries WHERE status = 'dead'
       UNION ALL
       SELECT 'digest' AS kind, id, NULL AS alertId, email, attempts, last_error AS lastError, next_attempt_at AS since FROM digests WHERE status = 'dead')
     ORDER BY since DESC, id DESC LIMIT 20`,
  ).all() as DeadDelivery[];
  const oldest = [d.oldest, g.oldest].filter((x): x is string => x !== null).sort()[0] ?? null;
  return {
    pending: (d.pending ?? 0) + (g.pending ?? 0),
    retrying: (d.retrying ?? 0) + (g.retrying ?? 0),
    oldestPendingAt: oldest,
    awaitingDigest: d.awaitingDigest ?? 0,
    dead: (d.dead ?? 0) + (g.dead ?? 0),
    sentLast24h: (d.sent ?? 0) + (g.sent ?? 0),
    deadDeliveries,
  };
}
