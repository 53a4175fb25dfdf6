import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { Config } from '../../src/config/schema.js';
import type { EdgarDeps } from '../../src/pipeline/edgar/deps.js';
import { recordDiscovery } from '../../src/pipeline/edgar/discover.js';
import {
  failFiling,
  storeFiling,
  type FetchedFiling,
} from '../../src/pipeline/edgar/process-filing.js';
import { filingByAccession } from '../../src/store/filings.js';
import { readAlert } from '../../src/store/outbox.js';
import { latestSectionOf } from '../../src/store/sections.js';
import { describeAlert } from '../../src/notify/render/describe.js';
import { migrate } from '../../src/store/migrate.js';
import { openDatabase } from '../../src/store/open-database.js';
import { ROOT } from '../helpers/cli.js';
import { useTmpDir } from '../helpers/tmp.js';

const tmp = useTmpDir();
const fixture = (name: string) => readFileSync(join(ROOT, 'test/fixtures/diff', name));

function setup(watches: unknown[]) {
  const db = openDatabase(join(tmp(), 'regwatch.db'));
  migrate(db);
  const config = Config.parse({
    sec: {
      baseUrl: 'http://127.0.0.1:9',
      dataUrl: 'http://127.0.0.1:9',
      eftsUrl: 'http://127.0.0.1:9',
    },
    recipients: {
      investors: { emails: ['pm@example.com', 'analyst@example.com'] },
      desk: { emails: ['desk@example.com'], mode: 'digest', digest: { cron: '0 7 * * 1-5' } },
    },
    federalRegister: { notify: ['desk'] },
    watches,
  });
  let clock = new Date('2026-03-10T15:00:00Z');
  const deps: EdgarDeps = {
    db,
    config,
    client: { name: 'unused', get: () => Promise.reject(new Error('no network in this test')) },
    logger: pino({ level: 'silent' }),
    now: () => clock,
  };
  const discover = (accession: string, form: string, filingDate: string, history = false) => {
    db.transaction(() =>
      recordDiscovery(
        deps,
        {
          accession,
          form,
          filingDate,
          acceptedAt: null,
          fileNumber: '333-280001',
          primaryDocument: 'd1.htm',
          filers: [{ cik: '0001234567', name: 'Acme Chips Inc', role: 'Filer' }],
          indexUrl: 'x',
        },
        [{ watch: 'acme', cik: '0001234567', matchedBy: 'cik 0001234567', requireKeywords: null }],
        { via: 'atom', history },
        clock,
      ),
    )();
    return filingByAccession(db, accession)!;
  };
  const doc = (name: string): FetchedFiling => ({
    fileNumber: '333-280001',
    primaryDocument: 'd1.htm',
    companyName: 'Acme Chips Inc',
    acceptedAt: null,
    document: {
      filename: 'd1.htm',
      url: 'x',
      contentType: 'text/html',
      bytes: fixture(name),
      via: 'primary',
    },
  });
  const alerts = () =>
    db
      .prepare(
        'SELECT id, kind, title, dedupe_key AS dedupeKey, diff_id AS diffId, payload FROM alerts ORDER BY id',
      )
      .all() as {
      id: number;
      kind: string;
      title: string;
      dedupeKey: string;
      diffId: number | null;
      payload: string;
    }[];
  return {
    db,
    deps,
    discover,
    doc,
    alerts,
    tick: (ms: number) => (clock = new Date(clock.getTime() + ms)),
  };
}

const acme = {
  name: 'acme',
  cik: '1234567',
  keywords: ['export control', 'foundry'],
  notify: ['investors', 'desk'],
};

describe('processing a filing: one transaction from document to outbox', () => {
  it('stores how sure the extraction was with the section, and an alert from a doubted one says so', () => {
    const t = setup([acme]);
    const s1 = t.discover('0001234567-26-000001', 'S-1', '2026-03-10');
    const bytes = readFileSync(
      join(ROOT, 'test/fixtures/extract/confidence-contents-next-missing.htm'),
    );
    storeFiling(
      t.deps,
      s1,
      {
        ...t.doc('s1-original.htm'),
        document: { filename: 'd1.htm', url: 'x', contentType: 'text/html', bytes, via: 'primary' },
      },
      { alert: true },
    );
    const row = t.db
      .prepare('SELECT confidence, confidence_reasons AS reasons FROM sections')
      .get() as { confidence: string; reasons: string };
    expect(row.confidence).toBe('low');
    expect(JSON.parse(row.reasons).map((r: { code: string }) => r.code)).toEqual([
      'not-next-in-contents',
    ]);
    expect(latestSectionOf(t.db, s1.id)!.confidence).toEqual({
      level: 'low',
      reasons: JSON.parse(row.reasons),
    });
    const [alert] = t.alerts();
    expect(JSON.parse(alert!.payload).extractionDoubts).toEqual([
      expect.stringContaining('lists "Special Note Regarding Forward-Looking Statements" next'),
    ]);
    const notes = describeAlert(readAlert(t.db, alert!.id)!).notes;
    expect(
      notes.filter((n) =>
        n.startsWith('The risk factors of this filing may have been read wrongly'),
      ),
    ).toHaveLength(1);
  });

  it("a diff alert against a doubted previous version names that version's doubts", () => {
    const t = setup([acme]);
    const bytes = readFileSync(
      join(ROOT, 'test/fixtures/extract/confidence-contents-next-missing.htm'),
    );
    const s1 = t.discover('0001234567-26-000001', 'S-1', '2026-03-10');
    storeFiling(
      t.deps,
      s1,
      {
        ...t.doc('s1-original.htm'),
        document: { filename: 'd1.htm', url: 'x', contentType: 'text/html', bytes, via: 'primary' },
      },
      { alert: true },
    );
    t.tick(86_400_000);
    storeFiling(
      t.deps,
      t.discover('0001234567-26-000002', 'S-1/A', '2026-03-11'),
      t.doc('s1-amendment.htm'),
      { alert: true },
    );
    const diff = t.alerts().find((a) => a.kind === 'filing-diff')!;
    expect(JSON.parse(diff.payload).extractionDoubts).toEqual([
      expect.stringMatching(/^in the previous version, the table of contents lists /),
    ]);
  });

  it('an alert from a sure extraction carries no doubt, and the section says high', () => {
    const t = setup([acme]);
    const s1 = t.discover('0001234567-26-000001', 'S-1', '2026-03-10');
    storeFiling(t.deps, s1, t.doc('s1-original.htm'), { alert: true });
    expect(t.db.prepare('SELECT confidence FROM sections').pluck().get()).toBe('high');
    expect(JSON.parse(t.alerts()[0]!.payload)).not.toHaveProperty('extractionDoubts');
    t.tick(86_400_000);
    storeFiling(
      t.deps,
      t.discover('0001234567-26-000002', 'S-1/A', '2026-03-11'),
      t.doc('s1-amendment.htm'),
      { alert: true },
    );
    expect(JSON.parse(t.alerts()[1]!.payload)).not.toHaveProperty('extractionDoubts');
  });

  it('stores a first S-1 and queues a new-filing alert with its counts, categories and phrases, one delivery per address', () => {
    const t = setup([acme]);
    const s1 = t.discover('0001234567-26-000001', 'S-1', '2026-03-10');
    const out = storeFiling(t.deps, s1, t.doc('s1-original.htm'), { alert: true });
    expect(out).toMatchObject({ sectionFound: true, alertsQueued: 1, diffId: null });
    const [alert] = t.alerts();
    expect(alert!.kind).toBe('filing-new');
    expect(alert!.title).toBe(
      'Acme Chips Inc filed S-1: 4 risk factors in 2 categories, 1 watched phrase',
    );
    const payload = JSON.parse(alert!.payload);
    expect(payload).toMatchObject({
      cik: '0001234567',
      form: 'S-1',
      fileNumber: '333-280001',
      riskFactorCount: 4,
      categories: ['Risks Related to Our Business', 'Risks Related to This Offering'],
    });
    expect(payload.keywordHits).toEqual([
      {
        watch: 'acme',
        keyword: 'foundry',
        kind: 'present',
        heading: 'We depend on a single foundry.',
        sentence: 'We depend on a single foundry.',
      },
    ]);
    const deliveries = t.db
      .prepare('SELECT email, mode, status FROM deliveries ORDER BY email')
      .all();
    expect(deliveries).toEqual([
      { email: 'analyst@example.com', mode: 'immediate', status: 'pending' },
      { email: 'desk@example.com', mode: 'digest', status: 'pending' },
      { email: 'pm@example.com', mode: 'immediate', status: 'pending' },
    ]);
    expect(t.db.prepare('SELECT status FROM filings').pluck().get()).toBe('processed');
    expect(t.db.prepare('SELECT count(*) FROM risk_factors').pluck().get()).toBe(4);
  });

  it('diffs an S-1/A against the S-1 of the same offering and names what was added', () => {
    const t = setup([acme]);
    storeFiling(
      t.deps,
      t.discover('0001234567-26-000001', 'S-1', '2026-03-10'),
      t.doc('s1-original.htm'),
      { alert: true },
    );
    t.tick(86_400_000);
    const out = storeFiling(
      t.deps,
      t.discover('0001234567-26-000002', 'S-1/A', '2026-03-11'),
      t.doc('s1-amendment.htm'),
      { alert: true },
    );
    expect(out.diffId).not.toBeNull();
    const diffAlert = t.alerts()[1]!;
    expect(diffAlert.kind).toBe('filing-diff');
    expect(diffAlert.diffId).toBe(out.diffId);
    expect(diffAlert.title).toMatch(/^Acme Chips Inc S-1\/A: 1 new, .*changed.* risk factors$/);
    const changes = t.db
      .prepare(
        'SELECT kind, new_heading AS heading, redline FROM changes WHERE diff_id = ? ORDER BY position',
      )
      .all(out.diffId) as { kind: string; heading: string; redline: string | null }[];
    expect(changes.find((c) => c.kind === 'added')?.heading).toMatch(
      /^Export controls imposed by the U\.S\. Department of Commerce/,
    );
    const modified = changes.find(
      (c) => c.kind === 'modified' && c.heading === 'We depend on a single foundry.',
    );
    expect(JSON.parse(modified!.redline!)).toEqual(
      expect.arrayContaining([{ op: 'insert', text: expect.stringContaining('earthquake') }]),
    );
    const payload = JSON.parse(diffAlert.payload);
    expect(payload.previous.accession).toBe('0001234567-26-000001');
    expect(payload.keywordHits).toEqual([
      expect.objectContaining({ watch: 'acme', keyword: 'export control', kind: 'added' }),
    ]);
  });

  it('stores history without alerting, and never queues the same alert twice', () => {
    const t = setup([acme]);
    const old = t.discover('0001234567-25-000009', 'S-1', '2025-12-01', true);
    expect(storeFiling(t.deps, old, t.doc('s1-original.htm'), { alert: true }).alertsQueued).toBe(
      0,
    );
    const s1a = t.discover('0001234567-26-000002', 'S-1/A', '2026-03-10');
    expect(storeFiling(t.deps, s1a, t.doc('s1-amendment.htm'), { alert: true }).alertsQueued).toBe(
      1,
    );
    expect(storeFiling(t.deps, s1a, t.doc('s1-amendment.htm'), { alert: true }).alertsQueued).toBe(
      0,
    );
    expect(t.alerts().map((a) => a.kind)).toEqual(['filing-diff']);
    expect(t.db.prepare('SELECT count(*) FROM deliveries').pluck().get()).toBe(3);
  });

  it('reports a filing whose risk factors cannot be read, and one that could not be fetched', () => {
    const t = setup([acme]);
    const f = t.discover('0001234567-26-000003', 'S-1', '2026-03-10');
    const noSection: FetchedFiling = {
      ...t.doc('s1-original.htm'),
      document: {
        filename: 'd1.htm',
        url: 'x',
        contentType: 'text/html',
        bytes: Buffer.from('<html><body><p>Cover page only.</p></body></html>'),
        via: 'primary',
      },
    };
    expect(storeFiling(t.deps, f, noSection, { alert: true })).toMatchObject({
      sectionFound: false,
      alertsQueued: 1,
    });
    const g = t.discover('0001234567-26-000004', 'S-1/A', '2026-03-10');
    expect(
      failFiling(t.deps, g, 'HTTP 404 for the primary document and the full submission', {
        alert: true,
      }),
    ).toBe(1);
    const [a, b] = t.alerts();
    expect(a!.kind).toBe('filing-unreadable');
    expect(JSON.parse(a!.payload).reason).toMatch(/Risk Factors/i);
    expect(b!.title).toBe('Acme Chips Inc filed S-1/A; its risk factors could not be read');
    expect(filingByAccession(t.db, '0001234567-26-000004')).toMatchObject({
      status: 'failed',
      lastError: 'HTTP 404 for the primary document and the full submission',
    });
  });

  it('drops a new-registrant watch whose phrases the S-1 does not hold', () => {
    const t = setup([
      {
        name: 'ipos',
        newRegistrants: { forms: ['S-1'], keywords: ['quantum computing'] },
        notify: ['investors'],
      },
    ]);
    const f = t.discover('0001234567-26-000005', 'S-1', '2026-03-10');
    t.db.prepare(`UPDATE filing_watches SET watch_name = 'ipos'`).run();
    expect(storeFiling(t.deps, f, t.doc('s1-original.htm'), { alert: true }).alertsQueued).toBe(0);
    expect(t.db.prepare('SELECT count(*) FROM filing_watches').pluck().get()).toBe(0);
  });
});
