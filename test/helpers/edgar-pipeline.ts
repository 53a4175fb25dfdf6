import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { createApp, type App } from '../../src/app.js';
import { resolveConfig } from '../../src/config/resolve.js';
import { Config } from '../../src/config/schema.js';
import { pollEdgar, type EdgarPollReport } from '../../src/pipeline/edgar/poll.js';
import { ROOT } from './cli.js';
import { startFakeEdgar, type FakeEdgar, type FakeFiling } from './edgar-server.js';
import type { TickerEntry } from '../../src/sources/edgar/types.js';

/** A hand-written S-1 (4 factors, 2 categories) and its S-1/A (one added, two reworded, one moved). */
export const fixture = (name: 's1-original.htm' | 's1-amendment.htm'): string =>
  readFileSync(join(ROOT, 'test/fixtures/diff', name), 'utf8');

/** Tuesday 10 March 2026, 11:00 in New York. */
export const START = new Date('2026-03-10T15:00:00Z');

export interface EdgarPipeline {
  app: App;
  edgar: FakeEdgar;
  /** One EDGAR cycle, with the requests it made. */
  poll(): Promise<{
    stats: Record<string, number>;
    report: EdgarPollReport;
    requests: FakeEdgar['requests'];
  }>;
  alerts(): { kind: string; title: string; payload: string }[];
  filings(): {
    accession: string;
    form: string;
    status: string;
    attempts: number;
    lastError: string | null;
  }[];
  set(d: Date): void;
  close(): Promise<void>;
}

/**
 * The production app (real SQLite file, the real SEC client) pointed at a fake EDGAR, with a
 * clock the test moves: what the daemon's EDGAR task does, one cycle per `poll()`.
 */
export async function startEdgarPipeline(
  dir: string,
  watches: unknown[],
  options: { logger: Logger; tickers?: TickerEntry[]; config?: Record<string, unknown> },
): Promise<EdgarPipeline> {
  let clock = START;
  const edgar = await startFakeEdgar({ now: () => clock, tickers: options.tickers });
  const config = Config.parse({
    sec: {
      userAgent: 'Test Runner test@example.com',
      baseUrl: edgar.url,
      dataUrl: edgar.url,
      eftsUrl: edgar.url,
      maxRequestsPerSecond: 10,
    },
    recipients: { investors: { emails: ['pm@example.com'] } },
    federalRegister: { notify: ['investors'] },
    watches,
    database: { path: join(dir, 'regwatch.db') },
    ...options.config,
  });
  const resolved = resolveConfig({ config, file: null }, process.env);
  const app = createApp(resolved, options.logger, { now: () => clock });
  return {
    app,
    edgar,
    async poll() {
      const before = edgar.requests.length;
      const report = await pollEdgar(app.edgar());
      return { stats: report.stats, report, requests: edgar.requests.slice(before) };
    },
    alerts: () =>
      app.db.prepare('SELECT kind, title, payload FROM alerts ORDER BY id').all() as {
        kind: string;
        title: string;
        payload: string;
      }[],
    filings: () =>
      app.db
        .prepare(
          'SELECT accession, form, status, attempts, last_error AS lastError FROM filings ORDER BY id',
        )
        .all() as {
        accession: string;
        form: string;
        status: string;
        attempts: number;
        lastError: string | null;
      }[],
    set: (d: Date) => (clock = d),
    async close() {
      app.close();
      await edgar.close().catch(() => undefined);
    },
  };
}

/** Acme Chips' S-1 of 10 March 2026 (file number 333-280001), to vary per test. */
export const acmeFiling = (over: Partial<FakeFiling> = {}): FakeFiling => ({
  cik: '1234567',
  company: 'Acme Chips Inc',
  form: 'S-1',
  accession: '0001234567-26-000001',
  filingDate: '2026-03-10',
  acceptedAt: '2026-03-10T10:05:00-05:00',
  fileNumber: '333-280001',
  primary: { filename: 'acme-s1.htm', body: fixture('s1-original.htm') },
  ...over,
});
