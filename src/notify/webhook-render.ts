import type { Config } from '../config/schema.js';
import type { Db } from '../store/open-database.js';
import { readAlert, readStoredDiff, type AlertRecord, type StoredDiff } from '../store/outbox.js';
import { summarizeAlert, watchPagePath } from './render/alert-summary.js';
import { allChanges } from './render/reader-changes.js';
import { webhookIdempotencyKey, type WebhookAlert } from './transports/webhook.js';
import type { RenderedMessage } from './types.js';

// A webhook delivery travels the send loop as a RenderedMessage like a mail: `subject` the
// alert's title (for logs and the operator's notice), `text` the alert's facts as JSON (the
// webhook transport builds the body in the endpoint's format from it), the Idempotency-Key in
// the message's fixed id. Built from stored data at send time, like a mail.

/**
 * The facts of an alert a webhook carries; pure. The history link needs `http.publicUrl`;
 * `stored` (a filing diff's stored changes) lets the summary count what matters, as the mail's
 * subject does.
 */
export function webhookAlertOf(
  alert: AlertRecord,
  publicUrl: string | null,
  stored: StoredDiff | null,
): WebhookAlert {
  const watches = alert.watches.map((w) => w.name);
  const payload = alert.payload as unknown as Record<string, unknown>;
  const base = publicUrl?.replace(/\/+$/, '') ?? null;
  const link = (k: string): string | null => {
    const v = payload[k];
    return typeof v === 'string' && /^https?:\/\//i.test(v) ? v : null;
  };
  return {
    key: alert.dedupeKey,
    kind: alert.kind,
    source: alert.source,
    title: alert.title,
    summary: summarizeAlert({ ...alert, payload }, stored ? allChanges(stored) : null),
    createdAt: alert.createdAt,
    watches,
    historyUrl: base === null ? null : `${base}${watchPagePath(watches) ?? '/'}`,
    sourceUrl: link('htmlUrl') ?? link('url'),
    facts: payload,
  };
}

/** Rebuilds a webhook delivery's message. @throws Error when its alert is gone (a defect). */
export function renderWebhookDelivery(db: Db, config: Config, alertId: number): RenderedMessage {
  const alert = readAlert(db, alertId);
  if (!alert) throw new Error(`alert ${alertId} no longer exists`);
  const stored = alert.diffId !== null ? (readStoredDiff(db, alert.diffId) ?? null) : null;
  const facts = webhookAlertOf(alert, config.http.publicUrl ?? null, stored);
  const text = JSON.stringify(facts);
  return {
    subject: alert.title,
    html: '',
    text,
    attachments: [],
    inReplyTo: null,
    references: [],
    headers: {},
  };
}

/**
 * The Idempotency-Key fixed at a webhook delivery's first claim: from the alert's dedupe key and
 * the endpoint's reference (never the secret URL), so it is stable across retries and restarts.
 */
export function webhookDeliveryKey(db: Db, alertId: number, ref: string): string {
  return webhookIdempotencyKey(readAlert(db, alertId)?.dedupeKey ?? `alert-${alertId}`, ref);
}
