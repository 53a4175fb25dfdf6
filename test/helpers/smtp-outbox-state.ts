// Builds the state the pipeline leaves behind (filings, sections, a stored diff with redlines,
// alerts with their deliveries), with plain SQL in the shape of migrations 0001/0002, so the
// sender's tests run on a real SQLite file without the pipeline's branch.
import { join } from 'node:path';
import type { FilingDiffPayload, FrDocumentPayload, NewAlert } from '../../src/alerts/types.js';
import { parseConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import type { RedlineOp } from '../../src/diff/types.js';
import { insertAlert } from '../../src/store/alerts.js';
import { migrate } from '../../src/store/migrate.js';
import { openDatabase, type Db } from '../../src/store/open-database.js';

/** A validated config on top of a test's raw keys (UTC, an SEC contact, no file). */
export function testConfig(raw: Record<string, unknown>): Config {
  return parseConfig(
    { sec: { userAgent: 'Regwatch Tests tests@example.com' }, timezone: 'UTC', ...raw },
    null,
    {},
  );
}

/** A migrated SQLite file in `dir`. */
export function openTestDb(dir: string, name = 'regwatch.db'): Db {
  const db = openDatabase(join(dir, name));
  migrate(db);
  return db;
}

export type ChangeSeed =
  | { kind: 'added'; heading: string; text: string; category?: string }
  | { kind: 'removed'; heading: string; text: string; category?: string }
  | { kind: 'modified'; heading: string; redline: RedlineOp[]; headingRedline?: RedlineOp[] }
  | { kind: 'moved'; heading: string }
  | { kind: 'preamble'; redline: RedlineOp[] };

export interface FilingDiffSeed {
  cik: string;
  company: string;
  form: string;
  previousForm: string;
  fileNumber: string;
  /** Distinguishes the accession numbers of several seeds for one company. */
  seq: number;
  changes: ChangeSeed[];
  unchanged?: number;
  recipientGroups: string[];
  createdAt: Date;
  keywordHits?: FilingDiffPayload['keywordHits'];
}

const words = (ops: RedlineOp[], op: RedlineOp['op']) =>
  ops
    .filter((o) => o.op === op)
    .reduce((n, o) => n + o.text.split(/\s+/).filter(Boolean).length, 0);

/**
 * Two versions of one offering (S-1 then S-1/A, say), their sections and factors, the stored
 * diff and its changes, and the `filing-diff` alert with its deliveries: all in one
 * transaction, as the pipeline commits them.
 */
export function seedFilingDiff(
  db: Db,
  config: Config,
  s: FilingDiffSeed,
): { alertId: number; diffId: number } {
  return db.transaction(() => {
    const at = s.createdAt.toISOString();
    db.prepare('INSERT OR IGNORE INTO companies (cik, name, updated_at) VALUES (?, ?, ?)').run(
      s.cik,
      s.company,
      at,
    );
    const accession = (n: number) => `${s.cik}-26-${String(n).padStart(6, '0')}`;
    const url = (acc: string) =>
      `https://www.sec.gov/Archives/edgar/data/${Number(s.cik)}/${acc.replace(/-/g, '')}/${acc}-index.htm`;
    const filing = (acc: string, form: string, date: string) =>
      Number(
        db
          .prepare(
            `INSERT INTO filings (accession, cik, form, file_number, filing_date, source_url, discovered_via, discovered_at, company_name, status, processed_at)
             VALUES (?, ?, ?, ?, ?, ?, 'atom', ?, ?, 'processed', ?)`,
          )
          .run(acc, s.cik, form, s.fileNumber, date, url(acc), at, s.company, at).lastInsertRowid,
      );
    const oldAcc = accession(s.seq * 2);
    const newAcc = accession(s.seq * 2 + 1);
    const oldFiling = filing(oldAcc, s.previousForm, '2026-11-02');
    const newFiling = filing(newAcc, s.form, '2026-12-01');
    const section = (filingId: number) =>
      Number(
        db
          .prepare(
            `INSERT INTO sections (filing_id, extractor_version, found, heading, word_count, extracted_at) VALUES (?, 'test', 1, 'RISK FACTORS', 5000, ?)`,
          )
          .run(filingId, at).lastInsertRowid,
      );
    const oldSection = section(oldFiling);
    const newSection = section(newFiling);
    const count = (k: string) => s.changes.filter((c) => c.kind === k).length;
    const summary = {
      added: count('added'),
      removed: count('removed'),
      modified: count('modified'),
      moved: count('moved'),
      unchanged: s.unchanged ?? 10,
    };
    const factor = db.prepare(
      'INSERT INTO risk_factors (section_id, position, stable_id, heading, body, word_count) VALUES (?, ?, ?, ?, ?, 50)',
    );
    const oldCount = summary.unchanged + summary.removed + summary.modified + summary.moved;
    const newCount = summary.unchanged + summary.added + summary.modified + summary.moved;
    for (let i = 0; i < oldCount; i++)
      factor.run(oldSection, i, `old-${i}`, `Old factor ${i}`, 'Body.');
    for (let i = 0; i < newCount; i++)
      factor.run(newSection, i, `new-${i}`, `New factor ${i}`, 'Body.');
    const diffId = Number(
      db
        .prepare(
          'INSERT INTO section_diffs (old_section_id, new_section_id, similarity, summary, created_at) VALUES (?, ?, 0.91, ?, ?)',
        )
        .run(oldSection, newSection, JSON.stringify(summary), at).lastInsertRowid,
    );
    const insertChange = db.prepare(
      `INSERT INTO changes (diff_id, position, kind, old_position, new_position, old_heading, new_heading, old_category, new_category, heading_changed, moved, similarity, words_added, words_removed, text, heading_redline, redline)
       VALUES (@diff, @position, @kind, @oldPosition, @newPosition, @oldHeading, @newHeading, @oldCategory, @newCategory, @headingChanged, @moved, @similarity, @wordsAdded, @wordsRemoved, @text, @headingRedline, @redline)`,
    );
    s.changes.forEach((c, position) => {
      const row = {
        diff: diffId,
        position,
        kind: c.kind,
        oldPosition: null as number | null,
        newPosition: null as number | null,
        oldHeading: null as string | null,
        newHeading: null as string | null,
        oldCategory: null as string | null,
        newCategory: null as string | null,
        headingChanged: 0,
        moved: 0,
        similarity: null as number | null,
        wordsAdded: 0,
        wordsRemoved: 0,
        text: null as string | null,
        headingRedline: null as string | null,
        redline: null as string | null,
      };
      if (c.kind === 'added')
        Object.assign(row, {
          newPosition: position,
          newHeading: c.heading,
          newCategory: c.category ?? 'Risks Related to Our Business',
          text: c.text,
          wordsAdded: c.text.split(/\s+/).length,
        });
      if (c.kind === 'removed')
        Object.assign(row, {
          oldPosition: position,
          oldHeading: c.heading,
          oldCategory: c.category ?? 'Risks Related to Our Business',
          text: c.text,
          wordsRemoved: c.text.split(/\s+/).length,
        });
      if (c.kind === 'moved')
        Object.assign(row, {
          oldPosition: position + 3,
          newPosition: position,
          oldHeading: c.heading,
          newHeading: c.heading,
          moved: 1,
        });
      if (c.kind === 'modified')
        Object.assign(row, {
          oldPosition: position,
          newPosition: position,
          oldHeading: c.heading,
          newHeading: c.heading,
          oldCategory: 'Risks Related to Regulation',
          newCategory: 'Risks Related to Regulation',
          headingChanged: c.headingRedline ? 1 : 0,
          similarity: 0.8,
          wordsAdded: words(c.redline, 'insert'),
          wordsRemoved: words(c.redline, 'delete'),
          headingRedline: JSON.stringify(c.headingRedline ?? [{ op: 'equal', text: c.heading }]),
          redline: JSON.stringify(c.redline),
        });
      if (c.kind === 'preamble')
        Object.assign(row, {
          wordsAdded: words(c.redline, 'insert'),
          wordsRemoved: words(c.redline, 'delete'),
          redline: JSON.stringify(c.redline),
        });
      insertChange.run(row);
    });
    const facts = (acc: string, form: string, date: string) => ({
      cik: s.cik,
      company: s.company,
      form,
      accession: acc,
      fileNumber: s.fileNumber,
      filingDate: date,
      url: url(acc),
      documentUrl: `${url(acc).replace(/-index\.htm$/, '')}/d${s.seq}s1a.htm`,
    });
    const payload: FilingDiffPayload = {
      ...facts(newAcc, s.form, '2026-12-01'),
      previous: facts(oldAcc, s.previousForm, '2026-11-02'),
      summary,
      similarity: 0.91,
      keywordHits: s.keywordHits ?? [],
    };
    const alert: NewAlert = {
      dedupeKey: `filing-diff:${newAcc}`,
      kind: 'filing-diff',
      source: 'edgar',
      title: `${s.company} ${s.form}: risk factors changed`,
      payload,
      threadKey: `offering:${s.cik}:${s.fileNumber}`,
      filingId: newFiling,
      diffId,
      watches: [{ name: 'example-ipo', reason: `cik ${s.cik}` }],
      recipientGroups: s.recipientGroups,
    };
    return { alertId: insertAlert(db, alert, config.recipients, s.createdAt).id, diffId };
  })();
}

/** A Federal Register document and its `fr-document` alert, in one transaction. */
export function seedFrAlert(
  db: Db,
  config: Config,
  s: {
    documentNumber: string;
    title: string;
    agencies: string[];
    recipientGroups: string[];
    createdAt: Date;
  },
): number {
  return db.transaction(() => {
    const at = s.createdAt.toISOString();
    const htmlUrl = `https://www.federalregister.gov/documents/2026/12/01/${s.documentNumber}/x`;
    db.prepare(
      'INSERT INTO fr_documents (document_number, type, title, agencies, publication_date, html_url, first_seen_at, normalized_number) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(
      s.documentNumber,
      'RULE',
      s.title,
      JSON.stringify(s.agencies),
      '2026-12-01',
      htmlUrl,
      at,
      s.documentNumber,
    );
    const payload: FrDocumentPayload = {
      documentNumber: s.documentNumber,
      title: s.title,
      type: 'Rule',
      agencies: s.agencies,
      abstract: 'This rule adds entities to the Entity List.',
      publicationDate: '2026-12-01',
      effectiveOn: '2026-12-01',
      htmlUrl,
      pdfUrl: null,
      reasons: [{ tag: 'entity-list', sentence: 'BIS is adding 12 entities to the Entity List.' }],
      watches: [],
    };
    return insertAlert(
      db,
      {
        dedupeKey: `fr:${s.documentNumber}`,
        kind: 'fr-document',
        source: 'federal-register',
        title: s.title,
        payload,
        threadKey: `fr:${s.documentNumber}`,
        frDocument: s.documentNumber,
        watches: [{ name: '@federal-register', reason: 'agency industry-and-security-bureau' }],
        recipientGroups: s.recipientGroups,
      },
      config.recipients,
      s.createdAt,
    ).id;
  })();
}

/** A realistic amendment: 2 new, 1 removed, 5 reworded risk factors. */
export function typicalChanges(): ChangeSeed[] {
  const reworded = (n: number): ChangeSeed => ({
    kind: 'modified',
    heading: `We depend on a limited number of suppliers (${n})`,
    redline: [
      { op: 'equal', text: 'We rely on a small number of suppliers for' },
      { op: 'delete', text: 'most' },
      { op: 'insert', text: 'substantially all' },
      {
        op: 'equal',
        text: 'of our components, and the loss of any of them could harm our business.',
      },
    ],
  });
  return [
    {
      kind: 'added',
      heading: 'Export controls may limit our sales to customers in China',
      text: 'The Department of Commerce has expanded export controls on advanced computing items.\n\nThese rules may prevent us from shipping our products.',
    },
    {
      kind: 'added',
      heading: 'We may be subject to new tariffs',
      text: 'Tariffs on imported components could raise our costs.',
    },
    {
      kind: 'removed',
      heading: 'The COVID-19 pandemic may disrupt our operations',
      text: 'The pandemic has disrupted supply chains.',
    },
    reworded(1),
    reworded(2),
    reworded(3),
    reworded(4),
    reworded(5),
  ];
}
