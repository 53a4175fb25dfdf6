// `regwatch status` in text is for a person: tables and sentences, never a raw JSON object, and a
// run that partly failed says what failed (never "error: null").
import { describe, expect, it } from 'vitest';
import {
  describeProblem,
  renderStatusText,
  SOURCE_COLUMNS,
  type StatusReport,
} from '../../src/cli/status-text.js';
import { formatTable } from '../../src/cli/text-table.js';

const run = (
  source: string,
  status: string,
  stats: Record<string, number>,
  error: string | null = null,
) => ({
  source,
  startedAt: '2026-12-04T14:02:00.000Z',
  finishedAt: '2026-12-04T14:02:09.000Z',
  status,
  stats,
  error,
});

function report(over: Partial<StatusReport> = {}): StatusReport {
  return {
    database: '/srv/regwatch/data/regwatch.db',
    migrationsApplied: 3,
    counts: { filings: 12, sections: 10, riskFactors: 310, changes: 7, frDocuments: 2, alerts: 4 },
    watches: [
      {
        watch: 'acme-ipo',
        filings: 3,
        processed: 2,
        failed: 1,
        lastFiling: {
          accession: '0001234567-26-000003',
          form: 'S-1/A',
          filingDate: '2026-12-03',
          company: 'Acme AI Inc',
          status: 'processed',
        },
        lastChange: {
          title: 'Acme AI Inc S-1/A: 1 risk factor added',
          createdAt: '2026-12-03T15:00:00.000Z',
        },
      },
      { watch: 'nvidia', filings: 0, processed: 0, failed: 0, lastFiling: null, lastChange: null },
    ],
    secPause: null,
    federalRegister: {
      lastPoll: {
        at: '2026-12-04T14:00:00.000Z',
        stats: { documentsSeen: 20, documentsNew: 2, errors: 0 },
      },
      documents: 2,
      byStatus: { published: 2 },
      byTag: { 'entity-list': 1 },
      lastDocument: null,
    },
    mail: {
      pending: 1,
      retrying: 1,
      oldestPendingAt: '2026-12-04T13:00:00.000Z',
      awaitingDigest: 0,
      dead: 1,
      sentLast24h: 5,
      deadDeliveries: [
        {
          kind: 'alert',
          id: 9,
          alertId: 4,
          email: 'gone@acme.com',
          attempts: 1,
          lastError: '550 No such user',
          since: '2026-12-04T12:00:00.000Z',
        },
      ],
    },
    pendingDeliveries: 1,
    lastRuns: [
      run('edgar', 'partial', {
        feedPages: 1,
        feedFilings: 12,
        filingsProcessed: 2,
        filingsFailed: 1,
        alertsQueued: 1,
        errors: 1,
        fetchMs: 1200,
        paused: 0,
      }),
      run('federal-register', 'failed', {}, 'HTTP 503 from www.federalregister.gov'),
      run('mail', 'ok', { deliveriesSent: 5, errors: 0 }),
    ],
    sources: [],
    ...over,
  };
}

describe('status text', () => {
  const text = renderStatusText(report());

  it('prints no raw JSON and no "null"', () => {
    expect(text).not.toMatch(/[{}]|"\w+":|null|undefined|NaN/);
  });

  it('a partly failed run says what failed', () => {
    expect(text).toMatch(
      /edgar\s+2026-12-04 14:02 UTC\s+partial\s+1 feed pages, 12 feed filings, 2 filings processed, 1 alerts queued\s+1 filings failed; the log has the details/,
    );
    expect(text).toMatch(/federal-register .* failed .*HTTP 503 from www\.federalregister\.gov/);
    expect(describeProblem(run('edgar', 'partial', { errors: 2, filingsFailed: 1 }))).toBe(
      '1 filings failed, 1 step(s) failed; the log has the details',
    );
    expect(describeProblem(run('edgar', 'partial', { errors: 0 }))).toBe(
      'failed (no reason recorded); the log has the details',
    );
    expect(describeProblem(run('mail', 'ok', { errors: 0 }))).toBe('');
  });

  it('lays out watches, sources and dead deliveries as aligned tables', () => {
    const lines = text.split('\n');
    const header = lines.find((l) => /^ {2}source +last run/.test(l))!;
    const edgar = lines.find((l) => l.trimStart().startsWith('edgar'))!;
    expect(edgar.indexOf('partial')).toBe(header.indexOf('result'));
    expect(text).toMatch(
      /acme-ipo\s+3\s+2\s+1\s+S-1\/A 2026-12-03 Acme AI Inc\s+2026-12-03 15:00 UTC Acme AI Inc S-1\/A: 1 risk factor added/,
    );
    expect(text).toMatch(/nvidia\s+0\s+0\s+nothing seen yet/);
    expect(text).toMatch(/alert 4\s+gone@acme\.com\s+1\s+2026-12-04 12:00 UTC\s+550 No such user/);
    expect(text).toMatch(
      /federal register: 2 document\(s\) \(entity-list 1\); last poll 2026-12-04 14:00 UTC: 20 documents seen, 2 documents new/,
    );
  });

  it('says what to do when there is nothing yet, and shows an SEC pause first', () => {
    const empty = renderStatusText(
      report({
        watches: [],
        lastRuns: [],
        secPause: { until: '2026-12-04T14:12:00.000Z', reason: null },
      }),
    );
    expect(empty).toMatch(/none configured \(add them under watches:/);
    expect(empty).toMatch(/no runs recorded yet \(start `regwatch run`/);
    expect(empty.indexOf('SEC TRAFFIC PAUSED until 2026-12-04 14:12 UTC')).toBeLessThan(
      empty.indexOf('watches'),
    );
  });

  it('a column added to the sources table is one entry', () => {
    // The timeliness columns (last success, next run, lag) were added this way; one more is one entry too.
    const columns = [...SOURCE_COLUMNS, { header: 'owner', cell: () => 'ops desk' }];
    const [head, row] = formatTable(columns, [{ source: 'edgar', run: run('edgar', 'ok', {}) }]);
    expect(head).toMatch(/problem\s+last success\s+next run\s+lag\s+owner$/);
    expect(row).toMatch(/nothing new\s+ops desk$/);
  });
});
