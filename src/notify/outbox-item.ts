import { claimNextDelivery, claimNextDigest } from '../store/outbox.js';
import type { OutboxKind } from '../store/outbox-attempts.js';
import type { DeliveryChannel } from '../store/webhook-deliveries.js';
import { alertMessageId, digestMessageId, mailDomain } from './render/message-id.js';
import type { SenderDeps } from './sender-lease.js';
import { webhookDeliveryKey } from './webhook-render.js';

/**
 * One claimed outbox item, as the send loop handles it: an immediate delivery (mail or webhook)
 * or a digest message, already `sending` (committed) with its fixed Message-ID or Idempotency-Key.
 */
export interface OutboxItem {
  kind: OutboxKind;
  /** Which transport sends it: mail, or a webhook (immediate deliveries only; `email` then holds the endpoint). */
  channel: DeliveryChannel;
  id: number;
  alertId: number | null;
  email: string;
  recipientGroup: string;
  attempts: number;
  createdAt: string;
  messageId: string;
}

/**
 * Claims the next due item (immediate deliveries first, oldest alert first; then digests),
 * through the store's claim: `sending`, the attempt counted and the id fixed, committed
 * before anything is handed to a transport. Undefined when nothing of the asked kinds is due.
 */
export function claimNextItem(
  deps: SenderDeps,
  alerts: boolean,
  digests: boolean,
): OutboxItem | undefined {
  const domain = mailDomain(deps.config.mail.from);
  if (alerts) {
    // A webhook's fixed id is its Idempotency-Key: the same on every retry and after a restart.
    const idFor = (row: { alertId: number; email: string; channel: DeliveryChannel }) =>
      row.channel === 'webhook'
        ? webhookDeliveryKey(deps.db, row.alertId, row.email)
        : alertMessageId(row.alertId, row.email, domain);
    const d = claimNextDelivery(deps.db, deps.now(), idFor);
    if (d) {
      const { id, alertId, email, recipientGroup, attempts, createdAt, channel } = d;
      const messageId = d.messageId!;
      return {
        ...{ kind: 'alert', channel, id, alertId, email, recipientGroup },
        ...{ attempts, createdAt, messageId },
      };
    }
  }
  if (digests) {
    const g = claimNextDigest(deps.db, deps.now(), (row) =>
      digestMessageId(row.id, row.email, domain),
    );
    if (g) {
      const { id, email, recipientGroup, attempts, createdAt } = g;
      const messageId = g.messageId!;
      return {
        ...{ kind: 'digest', channel: 'mail', id, alertId: null, email, recipientGroup },
        ...{ attempts, createdAt, messageId },
      };
    }
  }
  return undefined;
}

/** The log fields naming an item: one key each, never repeated. */
export function logFieldsOf(item: OutboxItem): Record<string, unknown> {
  if (item.channel === 'webhook') {
    const {
      id: delivery,
      alertId: alert,
      email: webhook,
      messageId: idempotencyKey,
      attempts: attempt,
    } = item;
    return { delivery, alert, webhook, idempotencyKey, attempt };
  }
  return item.kind === 'alert'
    ? {
        delivery: item.id,
        alert: item.alertId,
        to: item.email,
        messageId: item.messageId,
        attempt: item.attempts,
      }
    : { digest: item.id, to: item.email, messageId: item.messageId, attempt: item.attempts };
}

/** What an item is called before its subject is known: `alert 12`, `digest 3`. */
export function itemName(item: OutboxItem): string {
  return `${item.kind} ${item.kind === 'alert' ? item.alertId : item.id}`;
}
