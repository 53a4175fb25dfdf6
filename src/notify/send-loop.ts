import type { Logger } from '../log/logger.js';
import {
  acquireSenderLease,
  claimNextDelivery,
  claimNextDigest,
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
  type OutboxKind,
} from '../store/outbox-attempts.js';
import { planDigests } from './digest-plan.js';
import { deadDeliveryNotice, type GivenUp } from './operator-notice.js';
import { renderDelivery, renderDigest } from './outbox-render.js';
import { alertMessageId, digestMessageId, mailDomain } from './render/message-id.js';
import { decideAfterFailure } from './retry.js';
import { quietUntil } from './schedule.js';
import { isProcessAlive, LEASE_TTL_MS, withSenderLease, type SenderDeps } from './sender-lease.js';
import { createWebhookTransportFor } from './transports/registry.js';
import type { SendOutcome, Transport } from './transports/types.js';
import { renderWebhookDelivery, webhookDeliveryKey } from './webhook-render.js';
import { resolveTransportSettings } from '../config/resolve.js';
import type { Config } from '../config/schema.js';
import type { DeliveryChannel } from '../store/webhook-deliveries.js';
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

/** One claimed outbox item: an immediate delivery or a digest message, in `sending`. */
interface Item {
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

type Step = 'next' | 'unreachable';

const CARRIED = (item: Item): string =>
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
      const item = claimNext(deps, alerts, digests);
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

function claimNext(deps: SenderDeps, alerts: boolean, digests: boolean): Item | undefined {
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
        kind: 'alert',
        channel,
        id,
        alertId,
        email,
        recipientGroup,
        attempts,
        createdAt,
        messageId,
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
        kind: 'digest',
        channel: 'mail',
        id,
        alertId: null,
        email,
        recipientGroup,
        attempts,
        createdAt,
        messageId,
      };
    }
  }
  return undefined;
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

function render(deps: SenderDeps, item: Item): RenderedMessage {
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

/** The log fields naming an item: one key each, never repeated. */
function fieldsOf(item: Item): Record<string, unknown> {
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

async function sendItem(
  deps: SenderDeps,
  log: Logger,
  item: Item,
  stats: SendStats,
  beforeHandOff: () => Promise<void>,
): Promise<Step> {
  const fields = fieldsOf(item);
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
  let subject = `${item.kind} ${item.kind === 'alert' ? item.alertId : item.id}`;
  try {
    const rendered = render(deps, item);
    subject = rendered.subject;
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
    giveUp(deps, item, stats, { error: `defect: ${what}`, subject });
    log.error(
      { ...fields, err },
      `${item.kind} given up: building or sending it threw (a defect); the operator is told`,
    );
    return 'next';
  }
  return settle(deps, log, item, stats, outcome, subject);
}

function settle(
  deps: SenderDeps,
  log: Logger,
  item: Item,
  stats: SendStats,
  outcome: SendOutcome,
  subject: string,
): Step {
  const fields = fieldsOf(item);
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
    giveUp(deps, item, stats, { error, subject, carry: true });
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
 * operator's own message, which would loop). With `carry`, the notice holds the message text.
 */
function giveUp(
  deps: SenderDeps,
  item: Item,
  stats: SendStats,
  why: { error: string; subject?: string; carry?: boolean },
): void {
  let subject = why.subject ?? `${item.kind} ${item.kind === 'alert' ? item.alertId : item.id}`;
  let carried: string | undefined;
  if (why.carry) {
    try {
      const m = render(deps, item);
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
function transportFor(deps: SenderDeps, item: Item): Transport {
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
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
