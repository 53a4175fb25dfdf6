import { deleteSourceState, getSourceState, setSourceState } from './source-state.js';
import { hostname } from 'node:os';
import type { AlertKind, AlertPayload, AlertSource, NewAlert } from '../alerts/types.js';
import type { Config } from '../config/schema.js';
import type {
  Change,
  ChangeTags,
  FigureChange,
  MaterialityClass,
  RedlineOp,
  SectionDiff,
} from '../diff/types.js';
import { insertAlert } from './alerts.js';
import type { Db } from './open-database.js';
import { fromJson, iso, stmt } from './sql.js';
import type { DeliveryChannel } from './webhook-deliveries.js';

/**
 * The outbox, read and updated by the sender. Every state change a sender makes commits
 * before (or instead of) talking to the mail server: `sending` is committed before a message
 * is handed to the transport, `sent` after it was accepted, so a crash loses nothing and
 * re-sends at most the one message in flight (with its stored Message-ID).
 */

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'dead' | 'digested';

/** One row of `deliveries`. */
export interface DeliveryRow {
  id: number;
  alertId: number;
  recipientGroup: string;
  /** For a webhook delivery: the endpoint's reference (src/store/webhook-deliveries.ts). */
  email: string;
  channel: DeliveryChannel;
  mode: 'immediate' | 'digest';
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  messageId: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** One row of `digests`. */
export interface DigestRow {
  id: number;
  recipientGroup: string;
  email: string;
  periodStart: string | null;
  periodEnd: string;
  status: Exclude<DeliveryStatus, 'digested'>;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  messageId: string | null;
  createdAt: string;
  sentAt: string | null;
}

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

/** A stored change outside the factor list: the section's preamble or a category's introduction. */
export interface SectionTextChange extends ChangeTags {
  kind: 'preamble' | 'category-intro';
  category: string | null;
  redline: RedlineOp[];
  wordsAdded: number;
  wordsRemoved: number;
}

/** A stored diff, rebuilt into the shape the redline renderers take. */
export interface StoredDiff {
  diff: SectionDiff;
  sectionChanges: SectionTextChange[];
}

const DELIVERY_COLUMNS = `id, alert_id AS alertId, recipient_group AS recipientGroup, email, channel, mode, status, attempts,
  next_attempt_at AS nextAttemptAt, last_error AS lastError, message_id AS messageId, created_at AS createdAt, sent_at AS sentAt`;
const DIGEST_COLUMNS = `id, recipient_group AS recipientGroup, email, period_start AS periodStart, period_end AS periodEnd, status, attempts,
  next_attempt_at AS nextAttemptAt, last_error AS lastError, message_id AS messageId, created_at AS createdAt, sent_at AS sentAt`;

// ---------------------------------------------------------------------------------------------
// Immediate deliveries

/**
 * Claims the next due immediate delivery, oldest alert first: marks it `sending`, counts the
 * attempt and fixes its Message-ID, and commits, all before anything is handed to a transport.
 * Undefined when none is due.
 */
export function claimNextDelivery(
  db: Db,
  now: Date,
  messageIdFor: (d: DeliveryRow) => string,
): DeliveryRow | undefined {
  return db
    .transaction(() => {
      const row = stmt(
        db,
        `SELECT ${DELIVERY_COLUMNS} FROM deliveries
       WHERE status IN ('pending', 'failed') AND mode = 'immediate' AND next_attempt_at <= ?
       ORDER BY alert_id, id LIMIT 1`,
      ).get(iso(now)) as DeliveryRow | undefined;
      if (!row) return undefined;
      const messageId = row.messageId ?? messageIdFor(row);
      stmt(
        db,
        `UPDATE deliveries SET status = 'sending', attempts = attempts + 1, message_id = ?, data_started_at = NULL WHERE id = ?`,
      ).run(messageId, row.id);
      return { ...row, status: 'sending' as const, attempts: row.attempts + 1, messageId };
    })
    .immediate();
}

/** The server accepted the message. */
export function markDeliverySent(db: Db, id: number, now: Date): void {
  stmt(
    db,
    `UPDATE deliveries SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ? AND status = 'sending'`,
  ).run(iso(now), id);
}

/** A transient failure: try again at `nextAttemptAt`. */
export function markDeliveryRetry(db: Db, id: number, error: string, nextAttemptAt: Date): void {
  stmt(
    db,
    `UPDATE deliveries SET status = 'failed', last_error = ?, next_attempt_at = ? WHERE id = ? AND status = 'sending'`,
  ).run(error, iso(nextAttemptAt), id);
}

/**
 * Gives a delivery up (permanent failure, or retried for too long) and, in the same
 * transaction, queues `notice` (the operator's alert; its dedupe key makes it once only).
 */
export function markDeliveryDead(
  db: Db,
  id: number,
  error: string,
  now: Date,
  notice: { alert: NewAlert; recipients: Config['recipients'] } | null,
): void {
  db.transaction(() => {
    stmt(
      db,
      `UPDATE deliveries SET status = 'dead', last_error = ?, next_attempt_at = ? WHERE id = ? AND status = 'sending'`,
    ).run(error, iso(now), id);
    if (notice) insertAlert(db, notice.alert, notice.recipients, now);
  })();
}

/**
 * Moves every due immediate delivery to `until` (quiet hours): delayed, never dropped.
 * @returns how many were moved.
 */
export function deferDueDeliveries(db: Db, now: Date, until: Date): number {
  return stmt(
    db,
    `UPDATE deliveries SET next_attempt_at = ? WHERE status IN ('pending', 'failed') AND mode = 'immediate' AND next_attempt_at <= ?`,
  ).run(iso(until), iso(now)).changes;
}

/** One delivery, by id. */
export function readDelivery(db: Db, id: number): DeliveryRow | undefined {
  return stmt(db, `SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE id = ?`).get(id) as
    DeliveryRow | undefined;
}

/** Every delivery of an alert, in id order. */
export function listDeliveriesOfAlert(db: Db, alertId: number): DeliveryRow[] {
  return stmt(db, `SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE alert_id = ? ORDER BY id`).all(
    alertId,
  ) as DeliveryRow[];
}

// ---------------------------------------------------------------------------------------------
// Alerts and the stored data a message is rebuilt from

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

interface ChangeRow {
  position: number;
  kind: 'added' | 'removed' | 'modified' | 'moved' | 'preamble' | 'category-intro';
  oldPosition: number | null;
  newPosition: number | null;
  oldHeading: string | null;
  newHeading: string | null;
  oldCategory: string | null;
  newCategory: string | null;
  headingChanged: number;
  moved: number;
  similarity: number | null;
  wordsAdded: number;
  wordsRemoved: number;
  text: string | null;
  headingRedline: string | null;
  redline: string | null;
  materiality: MaterialityClass | null;
  materialityReason: string | null;
  figures: string | null;
  topics: string | null;
}

/** The materiality and topics the diff core stored with a change (absent on rows stored before them). */
function storedTags(r: ChangeRow, where: string): ChangeTags {
  if (r.materiality === null) return {};
  return {
    materiality: {
      class: r.materiality,
      reason: r.materialityReason ?? '',
      figures: fromJson<FigureChange[]>(r.figures, `${where}.figures`, []),
    },
    topics: fromJson<string[]>(r.topics, `${where}.topics`, []),
  };
}

/**
 * A stored diff with its changes, in the shape `renderHtml` / `renderText` take, so a message
 * or digest is rebuilt from stored data. Undefined when the diff does not exist.
 */
export function readStoredDiff(db: Db, diffId: number): StoredDiff | undefined {
  const d = stmt(
    db,
    'SELECT old_section_id AS oldSection, new_section_id AS newSection, similarity, summary FROM section_diffs WHERE id = ?',
  ).get(diffId) as
    { oldSection: number; newSection: number; similarity: number; summary: string } | undefined;
  if (!d) return undefined;
  const count = (section: number) =>
    (
      stmt(db, 'SELECT count(*) AS n FROM risk_factors WHERE section_id = ?').get(section) as {
        n: number;
      }
    ).n;
  const summary = fromJson<SectionDiff['summary']>(
    d.summary,
    `section_diffs.summary (diff ${diffId})`,
    { added: 0, removed: 0, modified: 0, moved: 0, unchanged: 0, preamble: 0, categoryIntros: 0 },
  );
  const rows = stmt(
    db,
    `SELECT position, kind, old_position AS oldPosition, new_position AS newPosition, old_heading AS oldHeading, new_heading AS newHeading,
            old_category AS oldCategory, new_category AS newCategory, heading_changed AS headingChanged, moved, similarity,
            words_added AS wordsAdded, words_removed AS wordsRemoved, text, heading_redline AS headingRedline, redline,
            materiality, materiality_reason AS materialityReason, figures, topics
     FROM changes WHERE diff_id = ? ORDER BY position`,
  ).all(diffId) as ChangeRow[];
  const changes: Change[] = [];
  const sectionChanges: SectionTextChange[] = [];
  for (const r of rows) {
    const where = `changes (diff ${diffId}, position ${r.position})`;
    const oldRef = {
      index: r.oldPosition ?? 0,
      heading: r.oldHeading ?? '',
      category: r.oldCategory,
    };
    const newRef = {
      index: r.newPosition ?? 0,
      heading: r.newHeading ?? '',
      category: r.newCategory,
    };
    switch (r.kind) {
      case 'added':
        changes.push({ ...storedTags(r, where), kind: 'added', new: newRef, text: r.text ?? '' });
        break;
      case 'removed':
        changes.push({ ...storedTags(r, where), kind: 'removed', old: oldRef, text: r.text ?? '' });
        break;
      case 'moved':
        changes.push({ ...storedTags(r, where), kind: 'moved', old: oldRef, new: newRef });
        break;
      case 'modified':
        changes.push({
          ...storedTags(r, where),
          kind: 'modified',
          old: oldRef,
          new: newRef,
          headingChanged: r.headingChanged === 1,
          moved: r.moved === 1,
          similarity: r.similarity ?? 0,
          wordsAdded: r.wordsAdded,
          wordsRemoved: r.wordsRemoved,
          headingRedline: fromJson<RedlineOp[]>(r.headingRedline, `${where}.heading_redline`, []),
          redline: fromJson<RedlineOp[]>(r.redline, `${where}.redline`, []),
        });
        break;
      case 'preamble':
      case 'category-intro':
        sectionChanges.push({
          ...storedTags(r, where),
          kind: r.kind,
          category: r.newCategory ?? r.oldCategory,
          redline: fromJson<RedlineOp[]>(r.redline, `${where}.redline`, []),
          wordsAdded: r.wordsAdded,
          wordsRemoved: r.wordsRemoved,
        });
        break;
    }
  }
  return {
    diff: {
      old: { riskFactors: count(d.oldSection) },
      new: { riskFactors: count(d.newSection) },
      similarity: d.similarity,
      summary: {
        added: summary.added,
        removed: summary.removed,
        modified: summary.modified,
        moved: summary.moved,
        unchanged: summary.unchanged,
        preamble: summary.preamble ?? 0,
        categoryIntros: summary.categoryIntros ?? 0,
      },
      changes,
      keywordHits: [],
    },
    sectionChanges,
  };
}

// ---------------------------------------------------------------------------------------------
// Digests

/** The end of the last digest gathered for an address of a group, or null if none yet. */
export function readLastDigestEnd(db: Db, group: string, email: string): string | null {
  const r = stmt(
    db,
    'SELECT max(period_end) AS end FROM digests WHERE recipient_group = ? AND email = ?',
  ).get(group, email) as { end: string | null };
  return r.end;
}

/** Addresses of a group that have digest deliveries waiting. */
export function listDigestWaiting(
  db: Db,
  group: string,
): { email: string; waiting: number; oldest: string }[] {
  return stmt(
    db,
    `SELECT email, count(*) AS waiting, min(created_at) AS oldest FROM deliveries
     WHERE recipient_group = ? AND mode = 'digest' AND status = 'pending' GROUP BY email ORDER BY email`,
  ).all(group) as { email: string; waiting: number; oldest: string }[];
}

/**
 * Gathers the waiting digest deliveries of one address (created up to `periodEnd`) into a new
 * digest row, in one transaction. Null when nothing waits (an empty digest is never made) or
 * when this period's digest exists already.
 */
export function gatherDigest(
  db: Db,
  group: string,
  email: string,
  periodEnd: Date,
  now: Date,
): { id: number; alerts: number } | null {
  return db
    .transaction(() => {
      const end = iso(periodEnd);
      const existing = stmt(
        db,
        'SELECT id, status, attempts FROM digests WHERE email = ? AND period_end = ?',
      ).get(email, end) as { id: number; status: string; attempts: number } | undefined;
      // Another digest group of the same address ticked at the same time: one message lists both,
      // unless it was ever handed to a transport (its content must not change under its
      // Message-ID); then these wait for the next tick.
      if (existing && (existing.status !== 'pending' || existing.attempts > 0)) return null;
      const ids = stmt(
        db,
        `SELECT id FROM deliveries WHERE recipient_group = ? AND email = ? AND mode = 'digest' AND status = 'pending' AND created_at <= ? ORDER BY alert_id`,
      )
        .all(group, email, end)
        .map((r) => (r as { id: number }).id);
      if (ids.length === 0) return null;
      const start = readLastDigestEnd(db, group, email);
      const id = existing
        ? existing.id
        : Number(
            stmt(
              db,
              `INSERT INTO digests (recipient_group, email, period_start, period_end, status, next_attempt_at, created_at)
         VALUES (?, ?, ?, ?, 'pending', ?, ?)`,
            ).run(group, email, start, end, iso(now), iso(now)).lastInsertRowid,
          );
      const mark = stmt(
        db,
        `UPDATE deliveries SET status = 'digested', digest_id = ? WHERE id = ?`,
      );
      for (const d of ids) mark.run(id, d);
      return { id, alerts: ids.length };
    })
    .immediate();
}

/** Claims the next due digest message, like {@link claimNextDelivery}. */
export function claimNextDigest(
  db: Db,
  now: Date,
  messageIdFor: (d: DigestRow) => string,
): DigestRow | undefined {
  return db
    .transaction(() => {
      const row = stmt(
        db,
        `SELECT ${DIGEST_COLUMNS} FROM digests WHERE status IN ('pending', 'failed') AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT 1`,
      ).get(iso(now)) as DigestRow | undefined;
      if (!row) return undefined;
      const messageId = row.messageId ?? messageIdFor(row);
      stmt(
        db,
        `UPDATE digests SET status = 'sending', attempts = attempts + 1, message_id = ?, data_started_at = NULL WHERE id = ?`,
      ).run(messageId, row.id);
      return { ...row, status: 'sending' as const, attempts: row.attempts + 1, messageId };
    })
    .immediate();
}

export function markDigestSent(db: Db, id: number, now: Date): void {
  db.transaction(() => {
    stmt(
      db,
      `UPDATE digests SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ? AND status = 'sending'`,
    ).run(iso(now), id);
    stmt(db, `UPDATE deliveries SET sent_at = ? WHERE digest_id = ?`).run(iso(now), id);
  })();
}

export function markDigestRetry(db: Db, id: number, error: string, nextAttemptAt: Date): void {
  stmt(
    db,
    `UPDATE digests SET status = 'failed', last_error = ?, next_attempt_at = ? WHERE id = ? AND status = 'sending'`,
  ).run(error, iso(nextAttemptAt), id);
}

export function markDigestDead(
  db: Db,
  id: number,
  error: string,
  now: Date,
  notice: { alert: NewAlert; recipients: Config['recipients'] } | null,
): void {
  db.transaction(() => {
    stmt(
      db,
      `UPDATE digests SET status = 'dead', last_error = ?, next_attempt_at = ? WHERE id = ? AND status = 'sending'`,
    ).run(error, iso(now), id);
    if (notice) insertAlert(db, notice.alert, notice.recipients, now);
  })();
}

export function readDigest(db: Db, id: number): DigestRow | undefined {
  return stmt(db, `SELECT ${DIGEST_COLUMNS} FROM digests WHERE id = ?`).get(id) as
    DigestRow | undefined;
}

/** The alerts a digest lists, oldest first. */
export function listDigestAlertIds(db: Db, digestId: number): number[] {
  return stmt(db, 'SELECT alert_id AS id FROM deliveries WHERE digest_id = ? ORDER BY alert_id')
    .all(digestId)
    .map((r) => (r as { id: number }).id);
}

// ---------------------------------------------------------------------------------------------
// One sender at a time

const LEASE_KEY = 'notify.senderLease';

/** Who holds the sender lease. */
export interface SenderLease {
  pid: number;
  host: string;
  until: string;
}

/**
 * Takes the sender lease (a row in source_state) unless another live process holds it: two
 * senders draining at once (the daemon and `regwatch mail flush`) would each re-queue the
 * other's in-flight message. A holder that died (same host, pid gone) or whose lease expired
 * loses it. Returns the holder when the lease is taken by someone else.
 */
export function acquireSenderLease(
  db: Db,
  now: Date,
  ttlMs: number,
  isAlive: (pid: number) => boolean,
): { acquired: true } | { acquired: false; holder: SenderLease } {
  const me: SenderLease = {
    pid: process.pid,
    host: hostname(),
    until: iso(new Date(now.getTime() + ttlMs)),
  };
  return db
    .transaction(() => {
      const value = getSourceState(db, LEASE_KEY);
      if (value) {
        const holder = fromJson<SenderLease | null>(
          value,
          'source_state.value (sender lease)',
          null,
        );
        const mine = holder && holder.pid === me.pid && holder.host === me.host;
        const live =
          holder && holder.until > iso(now) && (holder.host !== me.host || isAlive(holder.pid));
        if (holder && !mine && live) return { acquired: false as const, holder };
      }
      setSourceState(db, LEASE_KEY, JSON.stringify(me), now);
      return { acquired: true as const };
    })
    .immediate();
}

/** Gives the lease back if this process holds it. */
export function releaseSenderLease(db: Db): void {
  const holder = fromJson<SenderLease | null>(
    getSourceState(db, LEASE_KEY),
    'source_state.value (sender lease)',
    null,
  );
  if (holder && holder.pid === process.pid && holder.host === hostname())
    deleteSourceState(db, LEASE_KEY);
}

// ---------------------------------------------------------------------------------------------
// Status

/** A delivery given up on, as `regwatch status` lists it. */
export interface DeadDelivery {
  kind: 'alert' | 'digest';
  id: number;
  alertId: number | null;
  email: string;
  attempts: number;
  lastError: string | null;
  since: string;
}

/** What `regwatch status` shows of the outbox. */
export interface OutboxStatus {
  /** Immediate deliveries and digest messages waiting to be sent (pending, failed awaiting retry, or in flight). */
  pending: number;
  /** Of those, how many are waiting for a retry after a transient failure. */
  retrying: number;
  /** Creation time of the oldest of them (ISO), or null. */
  oldestPendingAt: string | null;
  /** Alerts waiting for their recipient's next digest. */
  awaitingDigest: number;
  dead: number;
  sentLast24h: number;
  /** Up to 20 dead deliveries, newest first. */
  deadDeliveries: DeadDelivery[];
}

/** The outbox at a glance: queue depth, oldest waiting message, dead deliveries. */
export function outboxStatus(db: Db, now: Date): OutboxStatus {
  const since = iso(new Date(now.getTime() - 24 * 3600_000));
  const d = stmt(
    db,
    `SELECT
       sum(mode = 'immediate' AND status IN ('pending', 'failed', 'sending')) AS pending,
       sum(mode = 'immediate' AND status = 'failed') AS retrying,
       min(CASE WHEN mode = 'immediate' AND status IN ('pending', 'failed', 'sending') THEN created_at END) AS oldest,
       sum(mode = 'digest' AND status = 'pending') AS awaitingDigest,
       sum(status = 'dead') AS dead,
       sum(mode = 'immediate' AND status = 'sent' AND sent_at >= ?) AS sent
     FROM deliveries`,
  ).get(since) as {
    pending: number | null;
    retrying: number | null;
    oldest: string | null;
    awaitingDigest: number | null;
    dead: number | null;
    sent: number | null;
  };
  const g = stmt(
    db,
    `SELECT sum(status IN ('pending', 'failed', 'sending')) AS pending, sum(status = 'failed') AS retrying,
            min(CASE WHEN status IN ('pending', 'failed', 'sending') THEN created_at END) AS oldest,
            sum(status = 'dead') AS dead, sum(status = 'sent' AND sent_at >= ?) AS sent FROM digests`,
  ).get(since) as {
    pending: number | null;
    retrying: number | null;
    oldest: string | null;
    dead: number | null;
    sent: number | null;
  };
  const deadDeliveries = stmt(
    db,
    `SELECT * FROM (
       SELECT 'alert' AS kind, id, alert_id AS alertId, email, attempts, last_error AS lastError, next_attempt_at AS since FROM deliveries WHERE status = 'dead'
       UNION ALL
       SELECT 'digest' AS kind, id, NULL AS alertId, email, attempts, last_error AS lastError, next_attempt_at AS since FROM digests WHERE status = 'dead')
     ORDER BY since DESC, id DESC LIMIT 20`,
  ).all() as DeadDelivery[];
  const oldest = [d.oldest, g.oldest].filter((x): x is string => x !== null).sort()[0] ?? null;
  return {
    pending: (d.pending ?? 0) + (g.pending ?? 0),
    retrying: (d.retrying ?? 0) + (g.retrying ?? 0),
    oldestPendingAt: oldest,
    awaitingDigest: d.awaitingDigest ?? 0,
    dead: (d.dead ?? 0) + (g.dead ?? 0),
    sentLast24h: (d.sent ?? 0) + (g.sent ?? 0),
    deadDeliveries,
  };
}
