import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { backfillCompany } from '../../src/pipeline/edgar/backfill.js';
import { reprocessFiling } from '../../src/pipeline/edgar/reprocess.js';
import { readPause } from '../../src/store/source-state.js';
import { captureLogger } from '../helpers/capture-logger.js';
import {
  acmeFiling as filing,
  fixture,
  startEdgarPipeline,
  type EdgarPipeline,
} from '../helpers/edgar-pipeline.js';
import { useTmpDir } from '../helpers/tmp.js';

const tmp = useTmpDir();
let pipeline: EdgarPipeline | undefined;
afterEach(async () => {
  // Every fault a test sets must have hit a request: one that never fires tests nothing.
  const unused = pipeline?.edgar.unusedFaults() ?? [];
  await pipeline?.close();
  pipeline = undefined;
  expect(unused, 'faults that never fired').toEqual([]);
});

/** The four factors of s1-original.htm, as the store must hold them, in order. */
const S1_HEADINGS = [
  'We have a limited operating history.',
  'We depend on a single foundry.',
  'Our customers are concentrated.',
  'Our stock price may be volatile.',
];

async function setup(
  watches: unknown[] = [{ name: 'acme', cik: '1234567', notify: ['investors'] }],
) {
  const logs = captureLogger();
  pipeline = await startEdgarPipeline(tmp(), watches, { logger: logs.logger });
  const p = pipeline;
  return {
    ...p,
    logs,
    poll: async () => (await p.poll()).stats,
    /** Headings of the stored risk factors, in order. */
    factorHeadings: () =>
      p.app.db
        .prepare('SELECT heading FROM risk_factors ORDER BY section_id, position')
        .pluck()
        .all(),
    /** The documents kept for filings, with their bytes as stored (unzipped). */
    documents: () =>
      (
        p.app.db
          .prepare(
            `SELECT fd.filename, fd.doc_type AS docType, fd.is_primary AS isPrimary, d.body
             FROM filing_documents fd JOIN documents d ON d.id = fd.document_id ORDER BY d.id`,
          )
          .all() as { filename: string; docType: string; isPrimary: number; body: Buffer }[]
      ).map((d) => ({ ...d, body: gunzipSync(d.body).toString('utf8') })),
    /** Requests the fake EDGAR received whose URL matches. */
    requestsTo: (pattern: RegExp) => p.edgar.requests.filter((r) => pattern.test(r.url)),
  };
}

describe('the EDGAR pipeline when EDGAR misbehaves', () => {
  it('waits out a 429 with Retry-After and a burst of 503s, then stores the filing', async () => {
    const t = await setup();
    t.edgar.add(filing());
    t.edgar.fault(/browse-edgar/, 'status-429', 1, { retryAfter: 1 });
    t.edgar.fault(/acme-s1\.htm/, 'status-503', 2);
    const stats = await t.poll();
    expect(stats).toMatchObject({ filingsProcessed: 1, alertsQueued: 1, errors: 0 });
    // Retry-After is obeyed: the feed is asked again only after the second it named.
    const feed = t.requestsTo(/browse-edgar/);
    expect(feed).toHaveLength(2);
    expect(feed[1]!.at - feed[0]!.at).toBeGreaterThanOrEqual(990);
    // The document is asked for three times: two 503s, then the answer.
    expect(t.requestsTo(/acme-s1\.htm/)).toHaveLength(3);
    const retries = t.logs.lines.filter((l) => /retry/i.test(l.msg));
    expect(retries.map((l) => [l.reason, l.attempt])).toEqual([
      ['HTTP 429', 1],
      ['HTTP 503', 1],
      ['HTTP 503', 2],
    ]);
    expect(retries[0]!.waitMs).toBe(1000);
    // What was stored is the document EDGAR finally served, read into its four factors.
    expect(t.filings()).toEqual([expect.objectContaining({ status: 'processed' })]);
    expect(t.documents()).toEqual([
      { filename: 'acme-s1.htm', docType: 'S-1', isPrimary: 1, body: fixture('s1-original.htm') },
    ]);
    expect(t.factorHeadings()).toEqual(S1_HEADINGS);
    expect(t.alerts().map((a) => [a.kind, a.title])).toEqual([
      ['filing-new', 'Acme Chips Inc filed S-1: 4 risk factors in 2 categories'],
    ]);
  }, 30_000);

  it('pauses all SEC traffic on the rate-threshold page, keeps the filing queued, and shows the pause', async () => {
    const t = await setup();
    t.edgar.add(filing());
    await t.poll(); // first run: the S-1 is processed
    t.edgar.add(
      filing({
        form: 'S-1/A',
        accession: '0001234567-26-000002',
        acceptedAt: '2026-03-10T12:00:00-05:00',
        primary: { filename: 'a.htm', body: fixture('s1-amendment.htm') },
      }),
    );
    t.edgar.fault(/-index\.htm/, 'threshold-403', 5);
    const stats = await t.poll();
    expect(stats.paused).toBe(1);
    expect(t.filings().map((f) => f.status)).toEqual(['processed', 'discovered']);
    expect(readPause(t.app.db, 'sec')?.until.getTime()).toBeGreaterThan(Date.now() + 9 * 60_000);
    const before = t.edgar.requests.length;
    expect((await t.poll()).paused).toBe(1);
    expect(t.edgar.requests.length).toBe(before); // nothing sent while paused
    expect(
      t.logs.lines.some(
        (l) => l.level >= 50 && /Request Rate Threshold|rate threshold/i.test(JSON.stringify(l)),
      ),
    ).toBe(true);
  }, 30_000);

  it('retries a reset connection and a truncated body without marking anything processed that was not stored', async () => {
    const t = await setup();
    t.edgar.add(filing());
    // The filing is found through the submissions JSON, so its index page is never asked for: both
    // faults hit the primary document, first a reset connection, then half its body.
    t.edgar.fault(/acme-s1\.htm/, 'reset', 1);
    t.edgar.fault(/acme-s1\.htm/, 'truncate', 1);
    const stats = await t.poll();
    expect(stats).toMatchObject({ filingsProcessed: 1, errors: 0 });
    // Each broken answer was asked for again, and only the whole document was kept and read.
    expect(t.requestsTo(/acme-s1\.htm/)).toHaveLength(3);
    expect(t.logs.lines.filter((l) => /retry/i.test(l.msg)).map((l) => l.reason)).toEqual([
      'network (reset)',
      'network (truncated)',
    ]);
    expect(t.documents()).toEqual([
      { filename: 'acme-s1.htm', docType: 'S-1', isPrimary: 1, body: fixture('s1-original.htm') },
    ]);
    expect(t.filings()).toEqual([expect.objectContaining({ status: 'processed' })]);
    expect(t.factorHeadings()).toEqual(S1_HEADINGS);
  }, 30_000);

  it('survives a malformed feed: the poll is partial, one clear log line, and the next poll recovers', async () => {
    const t = await setup([
      { name: 'ipos', newRegistrants: { forms: ['S-1'] }, notify: ['investors'] },
    ]); // found only through the feed
    t.edgar.add(filing());
    t.edgar.fault(/browse-edgar/, 'malformed', 1);
    const bad = await t.poll();
    expect(bad.errors).toBe(1);
    expect(t.filings()).toEqual([]);
    const feedErrors = t.logs.lines.filter((l) => l.step === 'feed');
    expect(feedErrors).toHaveLength(1);
    // Classified where it was made: a feed that does not parse is permanent (an error line).
    expect(feedErrors[0]).toMatchObject({ level: 50, kind: 'permanent', code: 'EDGAR_PARSE' });
    expect(feedErrors[0]!.reason).toMatch(/browse-edgar/);
    const good = await t.poll();
    expect(good).toMatchObject({ filingsProcessed: 1, errors: 0 });
    expect(t.filings()).toEqual([expect.objectContaining({ status: 'processed' })]);
    expect(t.factorHeadings()).toEqual(S1_HEADINGS);
  }, 30_000);

  it('keeps a filing whose documents stay unavailable, retries it with backoff, then reports it as unreadable', async () => {
    const t = await setup();
    t.edgar.add(filing());
    t.edgar.fault(/acme-s1\.htm|\.txt$/, 'status-503', 1000);
    await t.poll();
    expect(t.filings()).toEqual([
      expect.objectContaining({
        status: 'discovered',
        attempts: 1,
        lastError: expect.stringMatching(/503/),
      }),
    ]);
    // Backoff: a poll a minute later, before the retry is due, leaves the filing alone.
    const asked = t.requestsTo(/acme-s1\.htm/).length;
    t.set(new Date(Date.parse('2026-03-10T15:01:00Z')));
    await t.poll();
    expect(t.requestsTo(/acme-s1\.htm/)).toHaveLength(asked);
    expect(t.filings()).toEqual([expect.objectContaining({ status: 'discovered', attempts: 1 })]);
    for (let hour = 1; hour <= 6; hour++) {
      t.set(new Date(Date.parse('2026-03-10T15:00:00Z') + hour * 3_600_000));
      await t.poll();
    }
    expect(t.filings()).toEqual([expect.objectContaining({ status: 'failed', attempts: 6 })]);
    // Each wait doubles the one before, from two minutes; the sixth failure is final.
    const waits = t.logs.lines.filter((l) => l.msg === 'filing not processed; will retry');
    expect(waits.map((l) => l.retryInMinutes)).toEqual([2, 4, 8, 16, 32]);
    expect(t.alerts()).toEqual([
      expect.objectContaining({
        kind: 'filing-unreadable',
        title: 'Acme Chips Inc filed S-1; its risk factors could not be read',
        payload: expect.stringMatching(/HTTP 503/),
      }),
    ]);
  }, 120_000);

  it('falls back to the full submission when the primary document is not HTML', async () => {
    const t = await setup();
    t.edgar.add(
      filing({
        primary: {
          filename: 'acme-s1.pdf',
          body: Buffer.from('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj'),
          contentType: 'application/pdf',
        },
        documents: [{ filename: 'acme-s1.htm', type: 'S-1', body: fixture('s1-original.htm') }],
      }),
    );
    const stats = await t.poll();
    expect(stats.filingsProcessed).toBe(1);
    // The document fetched and kept is the full submission (the PDF is not), and it is what extraction read.
    const docs = t.app.db
      .prepare(
        'SELECT filename, doc_type AS docType, is_primary AS isPrimary FROM filing_documents',
      )
      .all();
    expect(docs).toEqual([
      { filename: expect.stringMatching(/\.txt$/), docType: 'full-submission', isPrimary: 1 },
    ]);
    expect(t.filings()).toEqual([expect.objectContaining({ status: 'processed' })]);
    expect(t.app.db.prepare('SELECT found FROM sections').pluck().all()).toEqual([1]);
    expect(t.factorHeadings()).toEqual(S1_HEADINGS);
  }, 30_000);

  // The fixture's submission holds the PDF first, uuencoded, with the same <TYPE>S-1 as the HTML:
  // primaryDocument() passes over a binary copy of the form while a readable one follows.
  it('reads the risk factors of the HTML S-1 in that full submission, not its uuencoded PDF copy', async () => {
    const t = await setup();
    t.edgar.add(
      filing({
        primary: {
          filename: 'acme-s1.pdf',
          body: Buffer.from('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj'),
          contentType: 'application/pdf',
        },
        documents: [{ filename: 'acme-s1.htm', type: 'S-1', body: fixture('s1-original.htm') }],
      }),
    );
    await t.poll();
    expect(t.app.db.prepare('SELECT found FROM sections').pluck().all()).toEqual([1]);
    // The four factors of the HTML S-1, in its order: nothing read from the PDF's bytes.
    expect(t.factorHeadings()).toEqual(S1_HEADINGS);
    expect(t.app.db.prepare('SELECT body FROM risk_factors WHERE position = 1').pluck().get()).toBe(
      'All of our chips are made by one foundry in Taiwan, and any interruption there would stop our shipments for months.',
    );
  }, 30_000);
});

describe('backfill and reprocess', () => {
  it("builds a company's chain of versions without alerting, then reprocesses one from the stored document", async () => {
    const t = await setup([]);
    t.edgar.add(filing({ filingDate: '2025-06-02', acceptedAt: '2025-06-02T10:00:00-04:00' }));
    t.edgar.add(
      filing({
        form: 'S-1/A',
        accession: '0001234567-25-000007',
        filingDate: '2025-07-01',
        acceptedAt: '2025-07-01T10:00:00-04:00',
        primary: { filename: 'a.htm', body: fixture('s1-amendment.htm') },
      }),
    );
    t.edgar.add(
      filing({
        form: '8-K',
        accession: '0001234567-25-000009',
        filingDate: '2025-07-02',
        acceptedAt: '2025-07-02T10:00:00-04:00',
        fileNumber: null,
        primary: { filename: 'k.htm', body: '<p>8-K</p>' },
      }),
    );
    const seen: string[] = [];
    const r = await backfillCompany(t.app.edgar(), '0001234567', {
      alert: false,
      onFiling: (f, outcome) => seen.push(`${f.form}:${outcome}`),
    });
    expect(r).toMatchObject({
      company: 'Acme Chips Inc',
      filings: 2,
      filingsProcessed: 2,
      alertsQueued: 0,
    });
    expect(seen).toEqual(['S-1:processed', 'S-1/A:processed']);
    expect(t.app.db.prepare('SELECT count(*) FROM section_diffs').pluck().get()).toBe(1);
    expect(t.app.db.prepare('SELECT count(*) FROM alerts').pluck().get()).toBe(0);
    const again = await backfillCompany(t.app.edgar(), '1234567', { alert: false });
    expect(again).toMatchObject({ filingsProcessed: 0, alreadyStored: 2 });
    const before = t.edgar.requests.length;
    const re = await reprocessFiling(t.app.edgar(), '0001234567-25-000007', { alert: false });
    expect(re).toMatchObject({ sectionFound: true, fetched: false });
    expect(re.diffId).not.toBeNull();
    expect(t.edgar.requests.length).toBe(before); // from the stored document, no network
  }, 60_000);
});
