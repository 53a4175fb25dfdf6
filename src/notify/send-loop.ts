import type { Logger } from '../log/logger.js';
import {
  acquireSenderLease,
  deferDueDeliveries,
  gatherDigest,
  markDeliveryDead,
  markDeliveryRetry,
  markDeliverySent,
  markDigestDead,
  markDigestRetry,
  markDigestSent,
  readAlert,
  type SenderLease,
} from '../store/outbox.js';
import {
  countReachedAttempt,
  markDataStarted,
  MAX_REACHED_ATTEMPTS,
  nextDueAt,
  readReachedAttempts,
} from '../store/outbox-attempts.js';
import { planDigests } from './digest-plan.js';
import { claimNextItem, itemName, logFieldsOf, type OutboxItem } from './outbox-item.js';
import { deadDeliveryNotice, type GivenUp } from './operator-notice.js';
import { renderDelivery, renderDigest } from './outbox-render.js';
import { decideAfterFailure } from './retry.js';
import { quietUntil } from './schedule.js';
import { isProcessAlive, LEASE_TTL_MS, withSenderLease, type SenderDeps } from './sender-lease.js';
import { createWebhookTransportFor } from './transports/registry.js';
import type { SendOutcome, Transport } from './transports/types.js';
import { renderWebhookDelivery } from './webhook-render.js';
import { resolveTransportSettings } from '../config/resolve.js';
import { sleepCancellable } from '../http/sleep.js';
import type { Config } from '../config/schema.js';
import type { RenderedMessage } from './types.js';

/** What one pass of the send loop did. */
export interface SendStats {
  sent: number;
  /** Transient failures, to be tried again at their due time. */
  retrying: number;
  /** Given up: refused for good, retried for five days, sent twice unanswered, or a defect. */
  dead: number;
  /** Of `dead`, those given up because building or handing over the message threw (a bug). */
  defects: number;
  /** Due immediate deliveries moved to the end of quiet hours. */
  deferred: number;
  /** Items a stopped or killed sender left `sending`, put back in the queue. */
  recovered: number;
  /** Digest messages gathered for addresses whose digest tick had passed. */
  gathered: number;
  /** Set when another live sender holds the lease: nothing was done. */
  lockedBy: SenderLease | null;
  /** Set when the pass stopped because no mail server answered (the reason, with its cause). */
  stoppedBy: string | null;
  /** True when the stop signal ended the pass with work still due. */
  interrupted: boolean;
}

/** Which items a pass sends, and the signal that stops it between messages. */
export interface SendOptions {
  /** Immediate alert deliveries (default true). */
  alerts?: boolean;
  /** Digests: gather those due, send those waiting (default true). */
  digests?: boolean;
  /** When it aborts the message in flight is finished and no other is started. */
  signal?: AbortSignal;
  limit?: number;
}

type Step = 'next' | 'unreachable';

const CARRIED = (item: OutboxItem): string =>
  `${item.kind} may have been sent ${MAX_REACHED_ATTEMPTS} times unanswered: given up, the operator gets the message to forward`;

/**
 * The one send loop for alerts and digests. Each item is claimed (`sending`, committed), built
 * from stored data, handed to the transport, and marked by the outcome the transport decided:
 * sent; transient (retried with backoff; when no server answered at all the pass stops so the
 * caller can probe); permanent (dead, the operator told once). Anything thrown while building or
 * handing over a message is a defect: dead at once, the stack logged once at error level.
 * Attempts that may have reached the server unanswered are counted; after two the item is
 * given up and the operator gets the message itself. Oldest alert first; the stop signal is
 * honoured between messages, never inside one.
 */
export async function sendDue(deps: SenderDeps, options: SendOptions = {}): Promise<SendStats> {
  const stats: SendStats = {
    ...{ sent: 0, retrying: 0, dead: 0, defects: 0, deferred: 0, recovered: 0, gathered: 0 },
    ...{ lockedBy: null, stoppedBy: null, interrupted: false },
  };
  const log = deps.logger.child({ transport: deps.transport.name });
  const outcome = await withSenderLease(deps, async (recovered) => {
    stats.recovered = recovered;
    let alerts = options.alerts !== false;
    const digests = options.digests !== false;
    if (alerts) {
      const quietEnd = quietUntil(deps.now(), deps.config.mail.quietHours, deps.config.timezone);
      if (quietEnd) {
        alerts = false;
        stats.deferred = deferDueDeliveries(deps.db, deps.now(), quietEnd);
        const until = quietEnd.toISOString();
        if (stats.deferred > 0)
          log.info({ deferred: stats.deferred, until }, 'quiet hours: alerts wait until they end');
      }
    }
    if (digests) stats.gathered = gatherDueDigests(deps, log);
    const limit = options.limit ?? Infinity;
    const spacingMs = 60_000 / deps.config.mail.maxPerMinute;
    let lastStart = -Infinity;
    for (let n = 0; n < limit; n++) {
      // The pace is kept in real time (a test's clock may stand still), and only when more is due.
      const due = nextDueAt(deps.db);
      if (!due || due > deps.now()) break;
      await pause(lastStart + spacingMs - Date.now(), options.signal);
      if (options.signal?.aborted) {
        stats.interrupted = true;
        break;
      }
      const item = claimNextItem(deps, alerts, digests);
      if (!item) break;
      // Renew the lease so a long pass is never taken for a dead one.
      acquireSenderLease(deps.db, deps.now(), LEASE_TTL_MS, isProcessAlive);
      // The pace holds at the hand-off too (rendering takes a few ms that vary from one message to
      // the next); the claimed message is in flight, so this last wait ignores the stop signal.
      const handOff = async () => {
        await pause(lastStart + spacingMs - Date.now());
        lastStart = Date.now();
      };
      if ((await sendItem(deps, log, item, stats, handOff)) === 'unreachable') break;
    }
  });
  stats.lockedBy = outcome.lockedBy;
  return stats;
}

/** Gathers every digest whose tick has passed (one per address; nothing waiting, no digest). */
function gatherDueDigests(deps: SenderDeps, log: Logger): number {
  let gathered = 0;
  for (const plan of planDigests(deps.db, deps.config, deps.now())) {
    if (!plan.dueTick) continue;
    const made = gatherDigest(deps.db, plan.group, plan.email, plan.dueTick, deps.now());
    if (!made) continue;
    gathered++;
    const periodEnd = plan.dueTick.toISOString();
    log.info(
      { digest: made.id, group: plan.group, to: plan.email, alerts: made.alerts, periodEnd },
      'digest gathered',
    );
  }
  return gathered;
}

function render(deps: SenderDeps, item: OutboxItem): RenderedMessage {
  if (item.channel === 'webhook') return renderWebhookDelivery(deps.db, deps.config, item.alertId!);
  return item.kind === 'alert'
    ? renderDelivery(
        deps.db,
        deps.config,
        { alertId: item.alertId!, email: item.email, recipientGroup: item.recipientGroup },
        deps.now(),
      )
    : renderDigest(deps.db, deps.config, item.id, deps.now());
}

async function sendItem(
  deps: SenderDeps,
  log: Logger,
  item: OutboxItem,
  stats: SendStats,
  beforeHandOff: () => Promise<void>,
): Promise<Step> {
  const fields = logFieldsOf(item);
  if (readReachedAttempts(deps.db, item.kind, item.id) >= MAX_REACHED_ATTEMPTS) {
    const to = item.channel === 'webhook' ? 'webhook' : 'mail server';
    giveUp(deps, item, stats, {
      error: `handed to the ${to} ${MAX_REACHED_ATTEMPTS} times without an answer`,
      carry: true,
    });
    log.warn(fields, CARRIED(item));
    return 'next';
  }
  // Outside the defect path: a transport that cannot be made is a configuration problem, not this item's.
  const transport = transportFor(deps, item);
  let outcome: SendOutcome;
  let rendered: RenderedMessage | undefined;
  try {
    rendered = render(deps, item);
    await beforeHandOff();
    outcome = await transport.send(
      {
        ...rendered,
        from: deps.config.mail.from,
        to: item.email,
        messageId: item.messageId,
        date: deps.now(),
      },
      { onDataStart: () => markDataStarted(deps.db, item.kind, item.id, deps.now()) },
    );
  } catch (err) {
    // A bug, not weather: retrying would fail the same way for days.
    stats.defects++;
    const what = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    giveUp(deps, item, stats, { error: `defect: ${what}`, subject: rendered?.subject });
    log.error(
      { ...fields, err },
      `${item.kind} given up: building or sending it threw (a defect); the operator is told`,
    );
    return 'next';
  }
  return settle(deps, log, item, stats, outcome, rendered);
}

function settle(
  deps: SenderDeps,
  log: Logger,
  item: OutboxItem,
  stats: SendStats,
  outcome: SendOutcome,
  message: RenderedMessage,
): Step {
  const subject = message.subject;
  const fields = logFieldsOf(item);
  const why = outcome.status === 'sent' ? {} : { reason: outcome.reason, cause: outcome.cause };
  if (outcome.status === 'sent') {
    (item.kind === 'alert' ? markDeliverySent : markDigestSent)(deps.db, item.id, deps.now());
    stats.sent++;
    log.info(fields, `${item.kind} sent`);
    return 'next';
  }
  if (outcome.status === 'permanent') {
    giveUp(deps, item, stats, { error: outcome.reason, subject });
    log.warn(
      { ...fields, ...why },
      `${item.kind} refused for good; given up, the operator is told`,
    );
    return 'next';
  }
  if (
    outcome.mayHaveReached &&
    countReachedAttempt(deps.db, item.kind, item.id) >= MAX_REACHED_ATTEMPTS
  ) {
    const error = `${outcome.reason} (handed over ${MAX_REACHED_ATTEMPTS} times without an answer)`;
    // The message built for this attempt is the one carried: it is not built a second time.
    giveUp(deps, item, stats, { error, subject, carry: message });
    log.warn({ ...fields, ...why }, CARRIED(item));
    return 'next';
  }
  const decision = decideAfterFailure({
    retryable: true,
    attempts: item.attempts,
    createdAt: item.createdAt,
    now: deps.now(),
  });
  if (decision.action === 'dead') {
    giveUp(deps, item, stats, { error: `${decision.why}: ${outcome.reason}`, subject });
    log.warn(
      { ...fields, ...why },
      `${item.kind} given up (${decision.why}); the operator is told`,
    );
    return 'next';
  }
  (item.kind === 'alert' ? markDeliveryRetry : markDigestRetry)(
    deps.db,
    item.id,
    outcome.reason,
    decision.at,
  );
  stats.retrying++;
  log.warn(
    { ...fields, ...why, retryAt: decision.at.toISOString() },
    `${item.kind} not sent; will retry`,
  );
  if (!outcome.unreachable) return 'next';
  stats.stoppedBy = `${outcome.cause}: ${outcome.reason}`;
  return 'unreachable';
}

/**
 * Marks the item dead and, in the same transaction, queues the operator's notice (never for an
 * operator's own message, which would loop). With `carry`, the notice holds the message text:
 * the message given, or (true) the item built now.
 */
function giveUp(
  deps: SenderDeps,
  item: OutboxItem,
  stats: SendStats,
  why: { error: string; subject?: string | undefined; carry?: RenderedMessage | true },
): void {
  let subject = why.subject ?? itemName(item);
  let carried: string | undefined;
  if (why.carry) {
    try {
      const m = why.carry === true ? render(deps, item) : why.carry;
      subject = m.subject;
      carried = m.text;
    } catch {
      carried = undefined; // the notice still names the item; its stack was logged when it failed
    }
  }
  const what: GivenUp = {
    ...{
      kind: item.kind,
      id: item.id,
      alertId: item.alertId,
      email: item.email,
      attempts: item.attempts,
    },
    ...{ error: why.error, subject, ...(carried ? { carried } : {}) },
  };
  // Never a notice about an operator's own message: it would loop.
  const ownsNotice =
    item.kind === 'digest' || readAlert(deps.db, item.alertId!)?.kind !== 'operator';
  const notice = ownsNotice
    ? { alert: deadDeliveryNotice(deps.config, what), recipients: deps.config.recipients }
    : null;
  (item.kind === 'alert' ? markDeliveryDead : markDigestDead)(
    deps.db,
    item.id,
    why.error,
    deps.now(),
    notice,
  );
  stats.dead++;
}

const webhookTransports = new WeakMap<Config, Transport>();

/** The transport of an item's channel: the deps' webhook transport, else one from the registry (kept per config). */
function transportFor(deps: SenderDeps, item: OutboxItem): Transport {
  if (item.channel !== 'webhook') return deps.transport;
  if (deps.webhooks) return deps.webhooks;
  let t = webhookTransports.get(deps.config);
  // No environment here (the app's transport has it, resolved at load): `url` endpoints only.
  if (!t) t = createWebhookTransportFor(resolveTransportSettings(deps.config, {}));
  webhookTransports.set(deps.config, t);
  return t;
}

/** Waits `ms` (nothing when not positive), ending early when `signal` aborts. */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return sleepCancellable(ms, signal);
}
