import { createHash } from 'node:crypto';
import type { DiffInput } from '../diff/types.js';
import type { Confidence, ExtractionResult } from '../extract/types.js';
import type { Db } from './open-database.js';
import { fromJson, iso, stmt } from './sql.js';

export interface SectionRow {
  id: number;
  filingId: number;
  extractorVersion: string;
  found: boolean;
  reason: string | null;
  heading: string | null;
  wordCount: number;
  categories: string[];
  warnings: string[];
  form: string | null;
  riskFactorCount: number;
  /** How sure the extractor was; null for sections stored before it said so. */
  confidence: Confidence | null;
}

/**
 * Stores an extracted section and its risk factors (one row per filing and extractor version:
 * re-extracting with the same version replaces the rows' content, keeping the id).
 * @returns the section's id.
 */
export function insertSection(
  db: Db,
  filingId: number,
  r: ExtractionResult,
  extractorVersion: string,
  now: Date,
): number {
  const text = r.riskFactors.map((f) => `${f.heading}\n${f.text}`).join('\n\n');
  const values = [
    r.found ? 1 : 0,
    r.reason,
    r.section?.heading ?? null,
    r.section?.wordCount ?? 0,
    JSON.stringify(r.categories),
    JSON.stringify(r.warnings),
    r.found
      ? createHash('sha256')
          .update(`${r.preamble ?? ''}\n${JSON.stringify(r.categoryIntros ?? [])}\n${text}`)
          .digest('hex')
      : null,
    iso(now),
    r.preamble ?? '',
    r.summary ? JSON.stringify(r.summary) : null,
    JSON.stringify(Object.fromEntries((r.categoryIntros ?? []).map((c) => [c.category, c.text]))),
    r.form,
    r.confidence.level,
    JSON.stringify(r.confidence.reasons),
  ];
  // Diffs and sent alerts refer to a section: re-extracting with the same version updates it in place.
  const existing = stmt(
    db,
    `SELECT id FROM sections WHERE filing_id = ? AND kind = 'risk-factors' AND extractor_version = ?`,
  ).get(filingId, extractorVersion) as { id: number } | undefined;
  let id: number;
  if (existing) {
    id = existing.id;
    stmt(
      db,
      `UPDATE sections SET found = ?, reason = ?, heading = ?, word_count = ?, categories = ?, warnings = ?, text_sha256 = ?, extracted_at = ?,
         preamble = ?, summary = ?, category_intros = ?, form = ?, confidence = ?, confidence_reasons = ? WHERE id = ?`,
    ).run(...values, id);
    stmt(db, 'DELETE FROM risk_factors WHERE section_id = ?').run(id);
  } else {
    id = Number(
      stmt(
        db,
        `INSERT INTO sections (found, reason, heading, word_count, categories, warnings, text_sha256, extracted_at, preamble, summary, category_intros, form,
           confidence, confidence_reasons, filing_id, kind, extractor_version)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'risk-factors', ?)`,
      ).run(...values, filingId, extractorVersion).lastInsertRowid,
    );
  }
  const insert = stmt(
    db,
    'INSERT INTO risk_factors (section_id, position, stable_id, category, heading, body, word_count) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  r.riskFactors.forEach((f, i) =>
    insert.run(id, i, f.id, f.category, f.heading, f.text, f.wordCount),
  );
  return id;
}

const SECTION_COLUMNS = `s.id, s.filing_id AS filingId, s.extractor_version AS extractorVersion, s.found, s.reason, s.heading, s.word_count AS wordCount,
  s.categories, s.warnings, s.form, (SELECT count(*) FROM risk_factors rf WHERE rf.section_id = s.id) AS riskFactorCount,
  s.confidence, s.confidence_reasons AS confidenceReasons`;

function toSection(row: unknown): SectionRow {
  const { confidenceReasons, ...r } = row as Omit<
    SectionRow,
    'found' | 'categories' | 'warnings' | 'confidence'
  > & {
    found: number;
    categories: string;
    warnings: string;
    confidence: Confidence['level'] | null;
    confidenceReasons: string;
  };
  return {
    ...r,
    found: r.found === 1,
    categories: fromJson(r.categories, 'sections.categories', []),
    warnings: fromJson(r.warnings, 'sections.warnings', []),
    confidence:
      r.confidence === null
        ? null
        : {
            level: r.confidence,
            reasons: fromJson(confidenceReasons, 'sections.confidence_reasons', []),
          },
  };
}

/** How sure the extractor was of a stored section; null when unknown (stored before it said so). */
export function sectionConfidence(db: Db, sectionId: number): Confidence | null {
  const row = stmt(
    db,
    'SELECT confidence, confidence_reasons AS reasons FROM sections WHERE id = ?',
  ).get(sectionId) as { confidence: Confidence['level'] | null; reasons: string } | undefined;
  if (!row || row.confidence === null) return null;
  return {
    level: row.confidence,
    reasons: fromJson(row.reasons, 'sections.confidence_reasons', []),
  };
}

/** The newest section of a filing (latest extractor run), or null. */
export function latestSectionOf(db: Db, filingId: number): SectionRow | null {
  const row = stmt(
    db,
    `SELECT ${SECTION_COLUMNS} FROM sections s WHERE s.filing_id = ? ORDER BY s.id DESC LIMIT 1`,
  ).get(filingId);
  return row ? toSection(row) : null;
}

/** A stored section in the shape the diff reads. */
export function loadSectionForDiff(db: Db, sectionId: number): DiffInput {
  const s = stmt(db, 'SELECT preamble, category_intros AS intros FROM sections WHERE id = ?').get(
    sectionId,
  ) as { preamble: string; intros: string } | undefined;
  if (!s) throw new Error(`store: no section ${sectionId}`);
  const riskFactors = stmt(
    db,
    'SELECT heading, body AS text, category FROM risk_factors WHERE section_id = ? ORDER BY position',
  ).all(sectionId) as {
    heading: string;
    text: string;
    category: string | null;
  }[];
  const intros = fromJson<Record<string, string>>(s.intros, 'sections.category_intros', {});
  return {
    riskFactors,
    preamble: s.preamble,
    categoryIntros: Object.entries(intros).map(([category, text]) => ({ category, text })),
  };
}

const PREVIOUS_BASE = `SELECT f.id AS filingId, (SELECT s.id FROM sections s WHERE s.filing_id = f.id ORDER BY s.id DESC LIMIT 1) AS sectionId
  FROM filings f
  WHERE f.id != @id AND f.status = 'processed'
    AND (f.filing_date < @date OR (f.filing_date = @date AND f.accession < @accession))
    AND EXISTS (SELECT 1 FROM sections s WHERE s.filing_id = f.id AND s.found = 1)`;
const PREVIOUS_ORDER = 'ORDER BY f.filing_date DESC, f.accession DESC LIMIT 1';
const PREVIOUS_IN_OFFERING = `${PREVIOUS_BASE} AND f.file_number = @key ${PREVIOUS_ORDER}`;
const PREVIOUS_ANNUAL = `${PREVIOUS_BASE} AND f.cik = @key AND (f.form LIKE '10-K%' OR f.form LIKE '20-F%') ${PREVIOUS_ORDER}`;
const PREVIOUS_PROSPECTUS = `${PREVIOUS_BASE} AND f.cik = @key AND f.file_number IS NULL
  AND (f.form LIKE 'S-%' OR f.form LIKE 'F-%' OR f.form LIKE '424B%' OR f.form LIKE 'SB-2%') ${PREVIOUS_ORDER}`;

/** Which earlier filing a new version is compared with. */
export type Lineage =
  | { kind: 'offering'; fileNumber: string }
  | { kind: 'company'; cik: string; forms: 'annual' | 'prospectus' };

/**
 * The latest processed filing before `f` in the same lineage that has a found section: for a
 * registration statement or prospectus, the same offering (SEC file number); for an annual
 * report, the company's previous annual report.
 */
export function previousFilingWithSection(
  db: Db,
  f: { id: number; filingDate: string; accession: string },
  lineage: Lineage,
): { filingId: number; sectionId: number } | null {
  const sql =
    lineage.kind === 'offering'
      ? PREVIOUS_IN_OFFERING
      : lineage.forms === 'annual'
        ? PREVIOUS_ANNUAL
        : PREVIOUS_PROSPECTUS;
  const row = stmt(db, sql).get({
    key: lineage.kind === 'offering' ? lineage.fileNumber : lineage.cik,
    id: f.id,
    date: f.filingDate,
    accession: f.accession,
  }) as { filingId: number; sectionId: number } | undefined;
  return row ?? null;
}

/** The section of a filing extracted by a given extractor version, if any. */
export function sectionOfVersion(
  db: Db,
  filingId: number,
  extractorVersion: string,
): SectionRow | null {
  const row = stmt(
    db,
    `SELECT ${SECTION_COLUMNS} FROM sections s WHERE s.filing_id = ? AND s.extractor_version = ? AND s.kind = 'risk-factors'`,
  ).get(filingId, extractorVersion);
  return row ? toSection(row) : null;
}
