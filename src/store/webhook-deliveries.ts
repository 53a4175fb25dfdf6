import type { Db } from './open-database.js';
import { stmt } from './sql.js';

/**
 * Webhook rows of the outbox (migration 0009): the same `deliveries` table and states as mail,
 * told apart by `channel`; `email` holds the endpoint's reference, `message_id` its
 * Idempotency-Key. Webhooks are always immediate (digests are e-mail only).
 */
export type DeliveryChannel = 'mail' | 'webhook';

// Defined beside the endpoints it names (the configuration resolves them at load).
export { webhookRef } from '../config/webhook-endpoints.js';

/** Queues one delivery per endpoint reference; call it in the transaction that writes the alert. */
export function queueWebhookDeliveries(
  db: Db,
  alertId: number,
  group: string,
  refs: string[],
  at: string,
): number {
  const insert = stmt(
    db,
    `INSERT OR IGNORE INTO deliveries (alert_id, recipient_group, email, mode, status, next_attempt_at, created_at, channel)
     VALUES (?, ?, ?, 'immediate', 'pending', ?, ?, 'webhook')`,
  );
  let n = 0;
  for (const ref of refs) n += insert.run(alertId, group, ref, at, at).changes;
  return n;
}

/** The channel of a delivery (mail when the row is gone: the caller then fails on the alert). */
export function readDeliveryChannel(db: Db, id: number): DeliveryChannel {
  const r = stmt(db, 'SELECT channel FROM deliveries WHERE id = ?').get(id) as
    { channel: DeliveryChannel } | undefined;
  return r?.channel ?? 'mail';
}
