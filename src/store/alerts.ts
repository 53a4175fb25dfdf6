import type { NewAlert } from '../alerts/types.js';
import type { Config } from '../config/schema.js';
import type { Db } from './open-database.js';
import { iso, stmt } from './sql.js';
import { queueWebhookDeliveries, webhookRef } from './webhook-deliveries.js';

export interface InsertedAlert {
  id: number;
  /** False when an alert with the same dedupe key existed: nothing was written. */
  created: boolean;
  deliveries: number;
}

/**
 * Writes an alert and one delivery row per address of its recipient groups (immediate or
 * digest by each group's mode) and one per webhook endpoint (always immediate). Call it
 * inside the transaction that stores the change the alert is about: the state change and its
 * alert commit together or not at all. An alert whose dedupe key exists is not written again (a re-run never queues a second message).
 */
export function insertAlert(
  db: Db,
  alert: NewAlert,
  recipients: Config['recipients'],
  now: Date,
): InsertedAlert {
  const existing = stmt(db, 'SELECT id FROM alerts WHERE dedupe_key = ?').get(alert.dedupeKey) as
    { id: number } | undefined;
  if (existing) return { id: existing.id, created: false, deliveries: 0 };
  const at = iso(now);
  const id = Number(
    stmt(
      db,
      `INSERT INTO alerts (dedupe_key, kind, source, title, payload, thread_key, filing_id, diff_id, fr_document, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      alert.dedupeKey,
      alert.kind,
      alert.source,
      alert.title,
      JSON.stringify(alert.payload),
      alert.threadKey,
      alert.filingId ?? null,
      alert.diffId ?? null,
      alert.frDocument ?? null,
      at,
    ).lastInsertRowid,
  );
  const watch = stmt(
    db,
    'INSERT OR IGNORE INTO alert_watches (alert_id, watch_name, reason) VALUES (?, ?, ?)',
  );
  for (const w of alert.watches) watch.run(id, w.name, w.reason);
  const delivery = stmt(
    db,
    `INSERT OR IGNORE INTO deliveries (alert_id, recipient_group, email, mode, status, next_attempt_at, created_at)
     VALUES (?, ?, ?, ?, 'pending', ?, ?)`,
  );
  let deliveries = 0;
  for (const group of new Set(alert.recipientGroups)) {
    const r = recipients[group];
    if (!r) continue; // config validation guarantees groups exist; a removed group has no one to tell
    for (const email of r.emails)
      deliveries += delivery.run(id, group, email.toLowerCase(), r.mode, at, at).changes;
    deliveries += queueWebhookDeliveries(db, id, group, r.webhooks.map(webhookRef), at);
  }
  return { id, created: true, deliveries };
}
