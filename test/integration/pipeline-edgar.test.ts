import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { edgarDate } from '../../src/pipeline/edgar/business-days.js';
import {
  acmeFiling,
  fixture,
  START,
  startEdgarPipeline,
  type EdgarPipeline,
} from '../helpers/edgar-pipeline.js';
import type { FakeFiling } from '../helpers/edgar-server.js';
import { useTmpDir } from '../helpers/tmp.js';

const tmp = useTmpDir();
let pipeline: EdgarPipeline | undefined;
afterEach(async () => {
  await pipeline?.close();
  pipeline = undefined;
});

async function setup(watches: unknown[]) {
  pipeline = await startEdgarPipeline(tmp(), watches, {
    logger: pino({ level: 'silent' }),
    tickers: [{ cik: '0000051143', ticker: 'IBM', title: 'International Business Machines Corp' }],
  });
  return { ...pipeline, db: pipeline.app.db };
}

const noise = (i: number, date = '2026-03-10'): FakeFiling => ({
  cik: String(2_000_000 + i),
  company: `Other Co ${i}`,
  form: i % 2 ? '8-K' : '4',
  accession: `000${2_000_000 + i}-26-000001`,
  filingDate: date,
  acceptedAt: `${date}T09:${String(i % 60).padStart(2, '0')}:00-05:00`,
  fileNumber: null,
  primary: { filename: 'x.htm', body: '<html><body><p>Other</p></body></html>' },
});

describe('the EDGAR pipeline against a local EDGAR', () => {
  it('stores a new S-1 and alerts, diffs its S-1/A naming what was added, then queues nothing more', async () => {
    const t = await setup([
      { name: 'acme', cik: '1234567', keywords: ['export control'], notify: ['investors'] },
    ]);
    for (let i = 0; i < 30; i++) t.edgar.add(noise(i));
    t.edgar.add(acmeFiling());
    const first = await t.poll();
    expect(first.stats).toMatchObject({
      filingsDiscovered: 1,
      filingsProcessed: 1,
      alertsQueued: 1,
      errors: 0,
    });
    expect(t.alerts()).toEqual([
      expect.objectContaining({
        kind: 'filing-new',
        title: 'Acme Chips Inc filed S-1: 4 risk factors in 2 categories',
      }),
    ]);
    for (const r of first.requests)
      expect(r.headers['user-agent']).toBe('Test Runner test@example.com');

    t.set(new Date('2026-03-11T15:00:00Z'));
    t.edgar.add(
      acmeFiling({
        form: 'S-1/A',
        accession: '0001234567-26-000002',
        filingDate: '2026-03-11',
        acceptedAt: '2026-03-11T09:30:00-05:00',
        primary: { filename: 'acme-s1a.htm', body: fixture('s1-amendment.htm') },
      }),
    );
    const second = await t.poll();
    expect(second.stats).toMatchObject({ filingsProcessed: 1, alertsQueued: 1 });
    const diff = t.alerts()[1]!;
    expect(diff.kind).toBe('filing-diff');
    expect(diff.title).toMatch(/^Acme Chips Inc S-1\/A: 1 new, /);
    const payload = JSON.parse(diff.payload);
    expect(payload).toMatchObject({
      form: 'S-1/A',
      fileNumber: '333-280001',
      previous: { accession: '0001234567-26-000001' },
      summary: { added: 1 },
    });
    expect(payload.keywordHits[0]).toMatchObject({
      watch: 'acme',
      keyword: 'export control',
      kind: 'added',
    });
    const added = t.db
      .prepare(`SELECT new_heading FROM changes WHERE kind = 'added'`)
      .pluck()
      .all();
    expect(added).toEqual([
      expect.stringMatching(/^Export controls imposed by the U\.S\. Department of Commerce/),
    ]);

    const third = await t.poll();
    expect(third.stats).toMatchObject({ filingsDiscovered: 0, alertsQueued: 0 });
    expect(t.alerts()).toHaveLength(2);
    // Steady state: the feed's first page reaches the last poll; nothing else is asked.
    expect(third.requests.length).toBeLessThanOrEqual(2);
  });

  it('stores what a first run finds from earlier days as history, without alerting', async () => {
    const t = await setup([{ name: 'acme', cik: '1234567', notify: ['investors'] }]);
    t.edgar.add(acmeFiling({ filingDate: '2026-03-09', acceptedAt: '2026-03-09T16:00:00-05:00' }));
    const first = await t.poll();
    expect(first.stats).toMatchObject({ filingsProcessed: 1, alertsQueued: 0 });
    expect(t.db.prepare('SELECT history, status FROM filings').get()).toEqual({
      history: 1,
      status: 'processed',
    });
  });

  it('finds a filing the feed never showed in the daily index of the days it was down', async () => {
    const t = await setup([{ name: 'acme', cik: '1234567', notify: ['investors'] }]);
    await t.poll(); // first run on Tuesday: reconciliation starts from Monday
    t.edgar.add(
      acmeFiling({
        inFeed: false,
        filingDate: '2026-03-10',
        acceptedAt: '2026-03-10T17:00:00-05:00',
      }),
    );
    t.set(new Date('2026-03-12T14:00:00Z')); // Thursday: Tuesday and Wednesday are reconciled
    const later = await t.poll();
    expect(later.stats).toMatchObject({
      daysReconciled: 2,
      filingsRecovered: 1,
      filingsProcessed: 1,
      alertsQueued: 1,
    });
    expect(t.db.prepare('SELECT discovered_via FROM filings').pluck().get()).toBe('daily-index');
    expect(
      later.requests
        .filter((r) => r.url.includes('/daily-index/'))
        .map((r) => r.url.replace(/.*form\./, '')),
    ).toEqual(['20260310.idx', '20260311.idx']);
  });

  it('follows a new registrant matched by its phrases through its amendment', async () => {
    const t = await setup([
      {
        name: 'ipos',
        newRegistrants: { forms: ['S-1'], keywords: ['foundry'] },
        notify: ['investors'],
      },
    ]);
    t.edgar.add(acmeFiling());
    // A second registrant whose risk factors do not mention the phrase: stored, not followed, no alert.
    const other = fixture('s1-original.htm').replace(/foundry/g, 'supplier');
    t.edgar.add(
      acmeFiling({
        cik: '7654321',
        company: 'Unrelated Bank Corp',
        accession: '0007654321-26-000001',
        fileNumber: '333-280002',
        primary: { filename: 'u.htm', body: other },
      }),
    );
    await t.poll();
    t.set(new Date('2026-03-11T15:00:00Z'));
    t.edgar.add(
      acmeFiling({
        form: 'S-1/A',
        accession: '0001234567-26-000002',
        filingDate: '2026-03-11',
        acceptedAt: '2026-03-11T09:30:00-05:00',
        primary: { filename: 'a.htm', body: fixture('s1-amendment.htm') },
      }),
    );
    await t.poll();
    expect(t.alerts().map((a) => a.title)).toEqual([
      'Acme Chips Inc filed S-1: 4 risk factors in 2 categories, 1 watched phrase',
      expect.stringMatching(/^Acme Chips Inc S-1\/A: /),
    ]);
    expect(
      t.db
        .prepare(
          'SELECT f.company_name FROM filing_watches fw JOIN filings f ON f.id = fw.filing_id ORDER BY f.id',
        )
        .pluck()
        .all(),
    ).toEqual(['Acme Chips Inc', 'Acme Chips Inc']);
    expect(edgarDate(START)).toBe('2026-03-10');
  });
});
