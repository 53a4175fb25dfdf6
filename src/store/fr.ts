import { getSourceState, setSourceState } from './source-state.js';
import type { FrMatchReason } from '../alerts/types.js';
import type { Db } from './open-database.js';
import { fromJson, iso, stmt } from './sql.js';

/** Where a Federal Register document stands. */
export type FrStatus = 'public-inspection' | 'published' | 'withdrawn';

/** A stored Federal Register document (`fr_documents`). */
export interface FrDocumentRow {
  /** The number first seen (primary key; alerts reference it). */
  documentNumber: string;
  /** Without zero padding: how public-inspection and published numbers are matched. */
  normalizedNumber: string;
  /** The number as the published document spells it, once published. */
  publishedNumber: string | null;
  status: FrStatus;
  type: string;
  title: string;
  /** Agency slugs (or names where the register gives no slug). */
  agencies: string[];
  abstract: string | null;
  publicationDate: string | null;
  effectiveOn: string | null;
  htmlUrl: string | null;
  pdfUrl: string | null;
  filedAt: string | null;
  filingType: 'regular' | 'special' | null;
  tags: string[];
  reasons: FrMatchReason[];
  matchedWatches: string[];
  fullText: string | null;
  firstSeenAt: string;
  updatedAt: string | null;
}

interface RawRow {
  document_number: string;
  normalized_number: string;
  published_number: string | null;
  status: FrStatus;
  type: string;
  title: string;
  agencies: string;
  abstract: string | null;
  publication_date: string | null;
  effective_on: string | null;
  html_url: string | null;
  pdf_url: string | null;
  filed_at: string | null;
  filing_type: 'regular' | 'special' | null;
  tags: string;
  reasons: string;
  matched_watches: string;
  full_text: string | null;
  first_seen_at: string;
  updated_at: string | null;
}

const COLUMNS = `document_number, normalized_number, published_number, status, type, title, agencies, abstract,
  publication_date, effective_on, html_url, pdf_url, filed_at, filing_type, tags, reasons, matched_watches,
  full_text, first_seen_at, updated_at`;
/** The columns without the (large) full text, for lists. */
const COLUMNS_WITHOUT_TEXT = COLUMNS.replace('full_text,', 'NULL AS full_text,');

function toRow(r: RawRow): FrDocumentRow {
  return {
    documentNumber: r.document_number,
    normalizedNumber: r.normalized_number,
    publishedNumber: r.published_number,
    status: r.status,
    type: r.type,
    title: r.title,
    agencies: fromJson<string[]>(r.agencies, 'fr_documents.agencies', []),
    abstract: r.abstract,
    publicationDate: r.publication_date,
    effectiveOn: r.effective_on,
    htmlUrl: r.html_url,
    pdfUrl: r.pdf_url,
    filedAt: r.filed_at,
    filingType: r.filing_type,
    tags: fromJson<string[]>(r.tags, 'fr_documents.tags', []),
    reasons: fromJson<FrMatchReason[]>(r.reasons, 'fr_documents.reasons', []),
    matchedWatches: fromJson<string[]>(r.matched_watches, 'fr_documents.matched_watches', []),
    fullText: r.full_text,
    firstSeenAt: r.first_seen_at,
    updatedAt: r.updated_at,
  };
}

/** The stored document with this normalised number, if any. */
export function findFrDocument(db: Db, normalizedNumber: string): FrDocumentRow | null {
  const r = stmt(db, `SELECT ${COLUMNS} FROM fr_documents WHERE normalized_number = ?`).get(
    normalizedNumber,
  ) as RawRow | undefined;
  return r ? toRow(r) : null;
}

/** What a write sets; `documentNumber` is kept from the first write when the row exists. */
export type FrDocumentWrite = Omit<FrDocumentRow, 'firstSeenAt' | 'updatedAt'>;

/**
 * Inserts or updates a document, keyed by its normalised number (the first number seen stays
 * the primary key). Call inside the transaction that also records its version and alerts.
 */
export function saveFrDocument(db: Db, d: FrDocumentWrite, now: Date): FrDocumentRow {
  const at = iso(now);
  stmt(
    db,
    `INSERT INTO fr_documents (${COLUMNS}, last_seen_at)
     VALUES (@documentNumber, @normalizedNumber, @publishedNumber, @status, @type, @title, @agencies, @abstract,
       @publicationDate, @effectiveOn, @htmlUrl, @pdfUrl, @filedAt, @filingType, @tags, @reasons, @matchedWatches,
       @fullText, @at, NULL, @at)
     ON CONFLICT(normalized_number) DO UPDATE SET
       published_number = excluded.published_number, status = excluded.status, type = excluded.type,
       title = excluded.title, agencies = excluded.agencies, abstract = excluded.abstract,
       publication_date = excluded.publication_date, effective_on = excluded.effective_on,
       html_url = excluded.html_url, pdf_url = excluded.pdf_url, filed_at = excluded.filed_at,
       filing_type = excluded.filing_type, tags = excluded.tags, reasons = excluded.reasons,
       matched_watches = excluded.matched_watches, full_text = excluded.full_text,
       updated_at = @at, last_seen_at = @at`,
  ).run({
    ...d,
    agencies: JSON.stringify(d.agencies),
    tags: JSON.stringify(d.tags),
    reasons: JSON.stringify(d.reasons),
    matchedWatches: JSON.stringify(d.matchedWatches),
    at,
  });
  return findFrDocument(db, d.normalizedNumber)!;
}

/** Marks documents as seen by this poll without changing them (for `notices` and status). */
export function touchFrDocument(db: Db, documentNumber: string, now: Date): void {
  stmt(db, 'UPDATE fr_documents SET last_seen_at = ? WHERE document_number = ?').run(
    iso(now),
    documentNumber,
  );
}

export type FrStage = 'public-inspection' | 'published' | 'correction';

/** One version of a document as received (`fr_document_versions`). */
export interface FrVersion {
  stage: FrStage;
  contentSha256: string;
  payload: string;
  seenAt: string;
}

/**
 * Records a version (the API JSON as received). The same content seen again only moves its
 * `seen_at`, so the latest version is always the one seen last, even when a field reverts.
 */
export function recordFrVersion(
  db: Db,
  documentNumber: string,
  v: { stage: FrStage; contentSha256: string; payload: string },
  now: Date,
): void {
  stmt(
    db,
    `INSERT INTO fr_document_versions (document_number, stage, content_sha256, payload, seen_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(document_number, stage, content_sha256) DO UPDATE SET seen_at = excluded.seen_at, payload = excluded.payload`,
  ).run(documentNumber, v.stage, v.contentSha256, v.payload, iso(now));
}

/** The version of a document seen last at one of `stages`. */
export function latestFrVersion(
  db: Db,
  documentNumber: string,
  stages: FrStage[],
): FrVersion | null {
  const rows = stmt(
    db,
    'SELECT stage, content_sha256 AS contentSha256, payload, seen_at AS seenAt, id FROM fr_document_versions WHERE document_number = ? ORDER BY seen_at DESC, id DESC',
  ).all(documentNumber) as (FrVersion & { id: number })[];
  const r = rows.find((x) => stages.includes(x.stage));
  return r
    ? { stage: r.stage, contentSha256: r.contentSha256, payload: r.payload, seenAt: r.seenAt }
    : null;
}

/** Documents still on public inspection (neither published nor withdrawn). */
export function listPublicInspectionDocuments(db: Db): FrDocumentRow[] {
  return (
    stmt(
      db,
      `SELECT ${COLUMNS} FROM fr_documents WHERE status = 'public-inspection' ORDER BY document_number`,
    ).all() as RawRow[]
  ).map(toRow);
}

/** Whether an alert with this dedupe key was ever queued. */
export function frAlertQueued(db: Db, dedupeKey: string): boolean {
  return stmt(db, 'SELECT 1 FROM alerts WHERE dedupe_key = ?').get(dedupeKey) !== undefined;
}

/**
 * The company names EDGAR has shown for each watch: the filer name stored on its filings and
 * the registrant's name, for filings linked to the watch in `filing_watches`.
 */
export function watchFilerNames(db: Db): Map<string, string[]> {
  const rows = stmt(
    db,
    `SELECT DISTINCT fw.watch_name AS watch, f.company_name AS name FROM filing_watches fw JOIN filings f ON f.id = fw.filing_id WHERE f.company_name IS NOT NULL
     UNION
     SELECT DISTINCT fw.watch_name AS watch, c.name AS name FROM filing_watches fw JOIN filings f ON f.id = fw.filing_id JOIN companies c ON c.cik = f.cik`,
  ).all() as { watch: string; name: string }[];
  const out = new Map<string, string[]>();
  for (const r of rows) {
    if (!r.name.trim()) continue;
    const list = out.get(r.watch) ?? [];
    if (!list.includes(r.name)) list.push(r.name);
    out.set(r.watch, list);
  }
  return out;
}

const LAST_POLL_KEY = 'federal-register.lastPoll';

/** What the last poll did, kept in `source_state` for `regwatch status`. */
export interface FrLastPoll {
  at: string;
  stats: Record<string, number>;
}

export function recordFrPoll(db: Db, stats: Record<string, number | undefined>, now: Date): void {
  const clean = Object.fromEntries(
    Object.entries(stats).filter(([, v]) => v !== undefined),
  ) as Record<string, number>;
  const value: FrLastPoll = { at: iso(now), stats: clean };
  setSourceState(db, LAST_POLL_KEY, JSON.stringify(value), now);
}

/** For `regwatch status`: the last poll, how many documents are stored, by tag and status, and the newest. */
export interface FrStatusReport {
  lastPoll: FrLastPoll | null;
  documents: number;
  byStatus: Record<string, number>;
  byTag: Record<string, number>;
  lastDocument: {
    documentNumber: string;
    title: string;
    publicationDate: string | null;
    status: FrStatus;
    firstSeenAt: string;
  } | null;
}

export function frStatus(db: Db): FrStatusReport {
  const last = getSourceState(db, LAST_POLL_KEY);
  const documents = (stmt(db, 'SELECT count(*) AS n FROM fr_documents').get() as { n: number }).n;
  const byStatus = Object.fromEntries(
    (
      stmt(
        db,
        'SELECT status, count(*) AS n FROM fr_documents GROUP BY status ORDER BY status',
      ).all() as { status: string; n: number }[]
    ).map((r) => [r.status, r.n]),
  );
  const byTag = Object.fromEntries(
    (
      stmt(
        db,
        'SELECT j.value AS tag, count(*) AS n FROM fr_documents d, json_each(d.tags) j GROUP BY j.value ORDER BY j.value',
      ).all() as { tag: string; n: number }[]
    ).map((r) => [r.tag, r.n]),
  );
  const ld = stmt(
    db,
    'SELECT document_number AS documentNumber, title, publication_date AS publicationDate, status, first_seen_at AS firstSeenAt FROM fr_documents ORDER BY first_seen_at DESC, document_number DESC LIMIT 1',
  ).get() as FrStatusReport['lastDocument'] | undefined;
  return {
    lastPoll: last ? fromJson<FrLastPoll | null>(last, 'source_state.value', null) : null,
    documents,
    byStatus,
    byTag,
    lastDocument: ld ?? null,
  };
}

/** Stored documents published (or on inspection, or withdrawn) on or after `since`, newest first, without full text. */
export function listFrNotices(db: Db, since: string): Omit<FrDocumentRow, 'fullText'>[] {
  return (
    stmt(
      db,
      `SELECT ${COLUMNS_WITHOUT_TEXT} FROM fr_documents WHERE coalesce(publication_date, substr(first_seen_at, 1, 10)) >= ? ORDER BY coalesce(publication_date, first_seen_at) DESC, document_number DESC`,
    ).all(since) as RawRow[]
  ).map((r) => {
    const { fullText: _omit, ...rest } = toRow(r);
    return rest;
  });
}
