import { sendDue, type SendOptions, type SendStats } from './send-loop.js';
import type { SenderDeps } from './sender-lease.js';

export { isProcessAlive, withSenderLease, type SenderDeps } from './sender-lease.js';
export { renderDelivery } from './outbox-render.js';

/** What one drain of immediate alerts did (the send loop's counts). */
export type DrainStats = SendStats;

/**
 * Sends every due immediate delivery through the one send loop (see `sendDue`): each is marked
 * `sending` and committed before the transport sees it, and `sent` after the server accepted
 * it. During quiet hours due deliveries are moved to their end, never dropped.
 */
export function drainOutbox(
  deps: SenderDeps,
  options: Omit<SendOptions, 'alerts' | 'digests'> = {},
): Promise<DrainStats> {
  return sendDue(deps, { ...options, alerts: true, digests: false });
}
