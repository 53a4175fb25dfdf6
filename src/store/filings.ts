import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Db } from './open-database.js';
import { iso, stmt } from './sql.js';

/** How a filing was found. */
export type DiscoveredVia = 'atom' | 'daily-index' | 'submissions' | 'backfill' | 'cli';

/** Where processing of a filing stands. */
export type FilingStatus = 'discovered' | 'processed' | 'failed' | 'skipped';

export interface FilingRow {
  id: number;
  accession: string;
  cik: string;
  form: string;
  fileNumber: string | null;
  filingDate: string;
  acceptedAt: string | null;
  primaryDocument: string | null;
  sourceUrl: string;
  discoveredVia: DiscoveredVia;
  discoveredAt: string;
  companyName: string | null;
  status: FilingStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  processedAt: string | null;
  /** Stored as history: processed without alerting. */
  history: boolean;
}

const FILING_COLUMNS = `id, accession, cik, form, file_number AS fileNumber, filing_date AS filingDate, accepted_at AS acceptedAt,
  primary_document AS primaryDocument, source_url AS sourceUrl, discovered_via AS discoveredVia, discovered_at AS discoveredAt,
  company_name AS companyName, status, attempts, next_attempt_at AS nextAttemptAt, last_error AS lastError,
  processed_at AS processedAt, history`;

function toFiling(row: unknown): FilingRow {
  const r = row as FilingRow & { history: number | boolean };
  return { ...r, history: Boolean(r.history) };
}

/** Creates or refreshes an EDGAR registrant (a filing row needs its company). */
export function upsertCompany(
  db: Db,
  c: { cik: string; name: string; tickers?: string[]; sic?: string | null },
  now: Date,
): void {
  stmt(
    db,
    `INSERT INTO companies (cik, name, tickers, sic, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(cik) DO UPDATE SET name = excluded.name,
       tickers = CASE WHEN excluded.tickers = '[]' THEN companies.tickers ELSE excluded.tickers END,
       sic = coalesce(excluded.sic, companies.sic), updated_at = excluded.updated_at`,
  ).run(c.cik, c.name, JSON.stringify(c.tickers ?? []), c.sic ?? null, iso(now));
}

export interface NewFiling {
  accession: string;
  cik: string;
  companyName: string;
  form: string;
  fileNumber: string | null;
  filingDate: string;
  acceptedAt: string | null;
  primaryDocument: string | null;
  sourceUrl: string;
  discoveredVia: DiscoveredVia;
  history: boolean;
}

/**
 * Records a discovered filing (and its company) unless its accession is known.
 * @returns the filing's id and whether this call created it.
 */
export function insertDiscoveredFiling(
  db: Db,
  f: NewFiling,
  now: Date,
): { id: number; created: boolean } {
  const existing = stmt(db, 'SELECT id FROM filings WHERE accession = ?').get(f.accession) as
    { id: number } | undefined;
  if (existing) return { id: existing.id, created: false };
  upsertCompany(db, { cik: f.cik, name: f.companyName }, now);
  const id = stmt(
    db,
    `INSERT INTO filings (accession, cik, form, file_number, filing_date, accepted_at, primary_document, source_url,
       discovered_via, discovered_at, company_name, status, history, next_attempt_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'discovered', ?, ?)`,
  ).run(
    f.accession,
    f.cik,
    f.form,
    f.fileNumber,
    f.filingDate,
    f.acceptedAt,
    f.primaryDocument,
    f.sourceUrl,
    f.discoveredVia,
    iso(now),
    f.companyName,
    f.history ? 1 : 0,
    iso(now),
  ).lastInsertRowid;
  return { id: Number(id), created: true };
}

/** Links a filing to a watch it matched (first reason wins). */
export function linkFilingWatch(
  db: Db,
  filingId: number,
  watchName: string,
  matchedBy: string,
): void {
  stmt(
    db,
    'INSERT OR IGNORE INTO filing_watches (filing_id, watch_name, matched_by) VALUES (?, ?, ?)',
  ).run(filingId, watchName, matchedBy);
}

/** Drops watches from a filing (a new-registrant watch whose phrases the filing does not hold). */
export function unlinkFilingWatches(db: Db, filingId: number, watchNames: string[]): void {
  const del = stmt(db, 'DELETE FROM filing_watches WHERE filing_id = ? AND watch_name = ?');
  for (const w of watchNames) del.run(filingId, w);
}

export function watchesOfFiling(
  db: Db,
  filingId: number,
): { watchName: string; matchedBy: string }[] {
  return stmt(
    db,
    'SELECT watch_name AS watchName, matched_by AS matchedBy FROM filing_watches WHERE filing_id = ? ORDER BY watch_name',
  ).all(filingId) as {
    watchName: string;
    matchedBy: string;
  }[];
}

export function filingByAccession(db: Db, accession: string): FilingRow | null {
  const row = stmt(db, `SELECT ${FILING_COLUMNS} FROM filings WHERE accession = ?`).get(accession);
  return row ? toFiling(row) : null;
}

export function filingById(db: Db, id: number): FilingRow | null {
  const row = stmt(db, `SELECT ${FILING_COLUMNS} FROM filings WHERE id = ?`).get(id);
  return row ? toFiling(row) : null;
}

export function hasFiling(db: Db, accession: string): boolean {
  return stmt(db, 'SELECT 1 FROM filings WHERE accession = ?').get(accession) !== undefined;
}

/** Filings waiting to be fetched and processed whose next attempt is due, oldest first. */
export function dueFilings(db: Db, now: Date, limit = 1000): FilingRow[] {
  return (
    stmt(
      db,
      `SELECT ${FILING_COLUMNS} FROM filings WHERE status = 'discovered' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
       ORDER BY filing_date, coalesce(accepted_at, ''), accession LIMIT ?`,
    ).all(iso(now), limit) as unknown[]
  ).map(toFiling);
}

/** A transient failure: try again at `next`. */
export function markFilingRetry(db: Db, id: number, error: string, next: Date): void {
  stmt(
    db,
    'UPDATE filings SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?',
  ).run(error, iso(next), id);
}

/** A permanent failure: the filing is kept, marked, and never retried automatically. */
export function markFilingFailed(db: Db, id: number, error: string, now: Date): void {
  stmt(
    db,
    `UPDATE filings SET status = 'failed', attempts = attempts + 1, last_error = ?, processed_at = ?, next_attempt_at = NULL WHERE id = ?`,
  ).run(error, iso(now), id);
}

/** Stored and extracted: what the filing detail told us is kept with it. */
export function markFilingProcessed(
  db: Db,
  id: number,
  facts: {
    fileNumber: string | null;
    primaryDocument: string | null;
    companyName: string | null;
    acceptedAt: string | null;
  },
  now: Date,
): void {
  stmt(
    db,
    `UPDATE filings SET status = 'processed', attempts = attempts + 1, last_error = NULL, next_attempt_at = NULL, processed_at = ?,
       file_number = coalesce(?, file_number), primary_document = coalesce(?, primary_document),
       company_name = coalesce(?, company_name), accepted_at = coalesce(accepted_at, ?)
     WHERE id = ?`,
  ).run(iso(now), facts.fileNumber, facts.primaryDocument, facts.companyName, facts.acceptedAt, id);
}

/** Marks a filing skipped (stored as history without fetching it), with why. */
export function markFilingSkipped(db: Db, id: number, why: string, now: Date): void {
  stmt(
    db,
    `UPDATE filings SET status = 'skipped', last_error = ?, processed_at = ?, next_attempt_at = NULL WHERE id = ?`,
  ).run(why, iso(now), id);
}

/**
 * Stores raw bytes gzip-compressed, addressed by sha256: an unchanged re-fetch costs nothing.
 * @returns the document's id.
 */
export function storeDocument(db: Db, bytes: Uint8Array, contentType: string, now: Date): number {
  const sha = createHash('sha256').update(bytes).digest('hex');
  const existing = stmt(db, 'SELECT id FROM documents WHERE sha256 = ?').get(sha) as
    { id: number } | undefined;
  if (existing) return existing.id;
  const body = gzipSync(bytes);
  return Number(
    stmt(
      db,
      `INSERT INTO documents (sha256, content_type, encoding, byte_length, body, fetched_at) VALUES (?, ?, 'gzip', ?, ?, ?)`,
    ).run(sha, contentType, bytes.byteLength, body, iso(now)).lastInsertRowid,
  );
}

export function linkFilingDocument(
  db: Db,
  filingId: number,
  documentId: number,
  filename: string,
  docType: string,
  isPrimary: boolean,
): void {
  stmt(
    db,
    `INSERT INTO filing_documents (filing_id, document_id, filename, doc_type, is_primary) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(filing_id, filename) DO UPDATE SET document_id = excluded.document_id, doc_type = excluded.doc_type, is_primary = excluded.is_primary`,
  ).run(filingId, documentId, filename, docType, isPrimary ? 1 : 0);
}

/** The stored primary document of a filing (decompressed), for reprocessing without the network. */
export function loadPrimaryDocument(
  db: Db,
  filingId: number,
): { filename: string; contentType: string; bytes: Buffer } | null {
  const row = stmt(
    db,
    `SELECT fd.filename, d.content_type AS contentType, d.encoding, d.body FROM filing_documents fd JOIN documents d ON d.id = fd.document_id
     WHERE fd.filing_id = ? AND fd.is_primary = 1`,
  ).get(filingId) as
    { filename: string; contentType: string; encoding: string; body: Buffer } | undefined;
  if (!row) return null;
  return {
    filename: row.filename,
    contentType: row.contentType,
    bytes: row.encoding === 'gzip' ? gunzipSync(row.body) : row.body,
  };
}

/** CIKs already linked to each watch: later filings of a company matched by name, or of a new registrant, follow. */
export function watchedCiks(db: Db): Map<string, Set<string>> {
  const rows = stmt(
    db,
    'SELECT DISTINCT f.cik, fw.watch_name AS watch FROM filing_watches fw JOIN filings f ON f.id = fw.filing_id',
  ).all() as { cik: string; watch: string }[];
  const byCik = new Map<string, Set<string>>();
  for (const r of rows) (byCik.get(r.cik) ?? byCik.set(r.cik, new Set()).get(r.cik)!).add(r.watch);
  return byCik;
}

/** Every filing of a company, oldest first (for status and backfill). */
export function filingsOfCompany(db: Db, cik: string): FilingRow[] {
  return (
    stmt(
      db,
      `SELECT ${FILING_COLUMNS} FROM filings WHERE cik = ? ORDER BY filing_date, coalesce(accepted_at, ''), accession`,
    ).all(cik) as unknown[]
  ).map(toFiling);
}

export interface WatchSummary {
  watch: string;
  filings: number;
  processed: number;
  failed: number;
  lastFiling: {
    accession: string;
    form: string;
    filingDate: string;
    company: string | null;
    status: FilingStatus;
  } | null;
  lastChange: { title: string; createdAt: string } | null;
}

/** What each watch has seen: filings, how many were processed or failed, the last filing and the last alert. */
export function watchSummaries(db: Db): Map<string, WatchSummary> {
  const rows = stmt(
    db,
    `SELECT fw.watch_name AS watch, count(*) AS filings, sum(f.status = 'processed') AS processed, sum(f.status = 'failed') AS failed,
       (SELECT f2.id FROM filing_watches fw2 JOIN filings f2 ON f2.id = fw2.filing_id WHERE fw2.watch_name = fw.watch_name
        ORDER BY f2.filing_date DESC, f2.accession DESC LIMIT 1) AS lastId
     FROM filing_watches fw JOIN filings f ON f.id = fw.filing_id GROUP BY fw.watch_name`,
  ).all() as {
    watch: string;
    filings: number;
    processed: number;
    failed: number;
    lastId: number;
  }[];
  const lastAlert = stmt(
    db,
    'SELECT a.title, a.created_at AS createdAt FROM alert_watches aw JOIN alerts a ON a.id = aw.alert_id WHERE aw.watch_name = ? ORDER BY a.id DESC LIMIT 1',
  );
  const out = new Map<string, WatchSummary>();
  for (const r of rows) {
    const f = filingById(db, r.lastId);
    const alert = lastAlert.get(r.watch) as { title: string; createdAt: string } | undefined;
    out.set(r.watch, {
      watch: r.watch,
      filings: r.filings,
      processed: r.processed,
      failed: r.failed,
      lastFiling: f
        ? {
            accession: f.accession,
            form: f.form,
            filingDate: f.filingDate,
            company: f.companyName,
            status: f.status,
          }
        : null,
      lastChange: alert ?? null,
    });
  }
  return out;
}

/** The row counts of the main tables (a type, not an interface: `status` reads it as a Record). */
export type StoreCounts = {
  filings: number;
  sections: number;
  riskFactors: number;
  changes: number;
  frDocuments: number;
  alerts: number;
};

/** How many rows the main tables hold (for `status`). */
export function storeCounts(db: Db): StoreCounts {
  return stmt(
    db,
    `SELECT (SELECT count(*) FROM filings) AS filings, (SELECT count(*) FROM sections) AS sections, (SELECT count(*) FROM risk_factors) AS riskFactors,
       (SELECT count(*) FROM changes) AS changes, (SELECT count(*) FROM fr_documents) AS frDocuments, (SELECT count(*) FROM alerts) AS alerts`,
  ).get() as StoreCounts;
}
