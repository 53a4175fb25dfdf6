import type { AlertKind, AlertPayload, AlertSource } from '../alerts/types.js';
import type { Db } from './open-database.js';
import { fromJson, stmt } from './sql.js';

/**
 * The alerts a message is rebuilt from: an alert with its payload and the watches it concerns,
 * and the earlier alerts of its thread (the messages a new one replies to).
 */

/** An alert with its parsed payload and the watches it concerns. */
export interface AlertRecord {
  id: number;
  dedupeKey: string;
  kind: AlertKind;
  source: AlertSource;
  title: string;
  payload: AlertPayload;
  threadKey: string | null;
  filingId: number | null;
  diffId: number | null;
  frDocument: string | null;
  createdAt: string;
  watches: { name: string; reason: string }[];
}

/** An alert with its payload and watches, or undefined. */
export function readAlert(db: Db, id: number): AlertRecord | undefined {
  const row = stmt(
    db,
    `SELECT id, dedupe_key AS dedupeKey, kind, source, title, payload, thread_key AS threadKey, filing_id AS filingId,
            diff_id AS diffId, fr_document AS frDocument, created_at AS createdAt FROM alerts WHERE id = ?`,
  ).get(id) as (Omit<AlertRecord, 'payload' | 'watches'> & { payload: string }) | undefined;
  if (!row) return undefined;
  const watches = stmt(
    db,
    'SELECT watch_name AS name, reason FROM alert_watches WHERE alert_id = ? ORDER BY watch_name',
  ).all(id) as AlertRecord['watches'];
  return {
    ...row,
    payload: fromJson<AlertPayload>(row.payload, `alerts.payload (alert ${id})`, { message: '' }),
    watches,
  };
}

/**
 * Earlier alerts of the same thread that were (or are to be) mailed to `email` one by one:
 * the messages a new one replies to. Oldest first.
 */
export function listThreadPredecessors(
  db: Db,
  alert: { id: number; threadKey: string | null },
  email: string,
): number[] {
  if (!alert.threadKey) return [];
  return stmt(
    db,
    `SELECT a.id AS id FROM alerts a JOIN deliveries d ON d.alert_id = a.id
     WHERE a.thread_key = ? AND a.id < ? AND d.email = ? AND d.mode = 'immediate' AND d.status != 'dead'
     ORDER BY a.id`,
  )
    .all(alert.threadKey, alert.id, email)
    .map((r) => (r as { id: number }).id);
}
