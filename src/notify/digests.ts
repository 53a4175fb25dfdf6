import { sendDue, type SendOptions, type SendStats } from './send-loop.js';
import type { SenderDeps } from './sender-lease.js';

export { planDigests, type DigestPlan } from './digest-plan.js';
export { renderDigest } from './outbox-render.js';

/** What one digest pass did (the send loop's counts). */
export type DigestStats = SendStats;

/**
 * Gathers every digest due now (one per address, listing everything since its last digest;
 * nothing waiting, no digest) and sends the digest messages waiting to go, through the same
 * send loop as immediate alerts.
 */
export function sendDueDigests(
  deps: SenderDeps,
  now?: Date,
  options: Omit<SendOptions, 'alerts' | 'digests'> = {},
): Promise<DigestStats> {
  return sendDue(now ? { ...deps, now: () => now } : deps, {
    ...options,
    alerts: false,
    digests: true,
  });
}
