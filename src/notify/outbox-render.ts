import type { Config } from '../config/schema.js';
import type { Db } from '../store/open-database.js';
import {
  listDigestAlertIds,
  listThreadPredecessors,
  readAlert,
  readDigest,
  readStoredDiff,
  type AlertRecord,
  type DeliveryRow,
} from '../store/outbox.js';
import { renderAlertMessage } from './render/alert-message.js';
import { renderDigestMessage, type DigestEntry } from './render/digest-message.js';
import { alertMessageId, mailDomain } from './render/message-id.js';
import type { RenderedMessage } from './types.js';

// Messages are rebuilt from stored data at send time (no HTML is ever stored), so a re-send
// carries what the store holds now. An item that cannot be rebuilt is a defect, not weather.

/** Renders one delivery's message from stored data. @throws Error when its alert is gone. */
export function renderDelivery(
  db: Db,
  config: Config,
  delivery: Pick<DeliveryRow, 'alertId' | 'email' | 'recipientGroup'>,
  now: Date,
): RenderedMessage {
  const alert = readAlert(db, delivery.alertId);
  if (!alert) throw new Error(`alert ${delivery.alertId} no longer exists`);
  const domain = mailDomain(config.mail.from);
  return renderAlertMessage({
    alert,
    stored: alert.diffId !== null ? (readStoredDiff(db, alert.diffId) ?? null) : null,
    recipient: { email: delivery.email, group: delivery.recipientGroup },
    thread: listThreadPredecessors(db, alert, delivery.email).map((id) =>
      alertMessageId(id, delivery.email, domain),
    ),
    now,
    maxHtmlBytes: config.mail.maxHtmlBytes,
  });
}

/** Rebuilds a digest's message from the stored alerts and changes (never from an earlier message). */
export function renderDigest(db: Db, config: Config, digestId: number, now: Date): RenderedMessage {
  const digest = readDigest(db, digestId);
  if (!digest) throw new Error(`digest ${digestId} does not exist`);
  const entries: DigestEntry[] = listDigestAlertIds(db, digestId)
    .map((id) => readAlert(db, id))
    .filter((a): a is AlertRecord => a !== undefined)
    .map((alert) => ({
      alert,
      stored: alert.diffId !== null ? (readStoredDiff(db, alert.diffId) ?? null) : null,
    }));
  return renderDigestMessage({
    digestId,
    recipient: { email: digest.email, group: digest.recipientGroup },
    periodStart: digest.periodStart,
    periodEnd: digest.periodEnd,
    entries,
    timezone: config.timezone,
    now,
  });
}
