/**
 * Each fetch function of the EDGAR source against the fake EDGAR (a real HTTP server speaking
 * EDGAR's formats) through the real SEC HTTP client: limiter, User-Agent, gzip, retries.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClosableHttpClient } from '../../src/http/client.js';
import { createSecHttpClient } from '../../src/http/services.js';
import {
  type EdgarEndpoints,
  EdgarParseError,
  fetchDailyIndex,
  fetchFilingDetail,
  fetchLatestFilings,
  fetchPrimaryDocument,
  fetchSubmissions,
  fetchTickerMap,
  filingIndexUrl,
  latestFilingsUrl,
} from '../../src/sources/edgar/index.js';
import { parseSgmlHeader } from '../../src/sources/edgar/parse.js';
import { captureLogger } from '../helpers/capture-logger.js';
import {
  type FakeEdgar,
  type FakeEdgarOptions,
  type FakeFiling,
  startFakeEdgar,
} from '../helpers/edgar-server.js';

const UA = 'regwatch tests test@example.com';
let fake: FakeEdgar;
let client: ClosableHttpClient;
let ep: EdgarEndpoints;

async function start(opts: FakeEdgarOptions = {}): Promise<void> {
  fake = await startFakeEdgar(opts);
  ep = { baseUrl: fake.url, dataUrl: fake.url, eftsUrl: fake.url };
  client = createSecHttpClient(
    {
      userAgent: UA,
      baseUrl: fake.url,
      dataUrl: fake.url,
      eftsUrl: fake.url,
      maxRequestsPerSecond: 10,
    },
    {
      logger: captureLogger().logger,
      overrides: {
        maxRequestsPerSecond: 1000, // the limiter is tested by the client's own tests; these test the source
        retries: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
        timeouts: { connectMs: 1000, headersMs: 2000, bodyIdleMs: 2000, bodyTotalMs: 5000 },
        pauseMs: 50,
      },
    },
  );
}

beforeEach(async () => start());
afterEach(async () => {
  const unused = fake.unusedFaults();
  await client.close();
  await fake.close();
  expect(unused, 'faults that never fired').toEqual([]);
});

/** An accession whose sequence is `n`, filed by agent 0001193125 in 2026. */
const acc = (n: number) => `0001193125-26-${String(n).padStart(6, '0')}`;

function filing(n: number, over: Partial<FakeFiling> = {}): FakeFiling {
  return {
    cik: String(2_000_000 + n),
    company: `Company ${n} Inc.`,
    form: 'S-1',
    accession: acc(n),
    filingDate: '2026-01-12',
    // one minute apart, n = larger is newer
    acceptedAt: new Date(Date.UTC(2026, 0, 12, 14, 0) + n * 60_000).toISOString(),
    fileNumber: `333-${String(290_000 + n)}`,
    primary: {
      filename: `d${n}ds1.htm`,
      body: `<html><body><h1>Risk Factors</h1><p>Company ${n} risk.</p></body></html>`,
    },
    ...over,
  };
}

async function rejection(
  p: Promise<unknown>,
): Promise<Error & { code?: string; url?: string; problem?: string }> {
  try {
    await p;
  } catch (err) {
    return err as Error & { code?: string };
  }
  throw new Error('expected a rejection');
}

const feedRequests = () => fake.requests.filter((r) => r.url.startsWith('/cgi-bin/browse-edgar'));

describe('fetchLatestFilings', () => {
  it('pages back 100 at a time until a page holds a known accession, keeping only the form prefix', async () => {
    for (let n = 1; n <= 250; n++)
      fake.add(filing(n, { form: n % 10 === 0 ? 'S-1/A' : n % 7 === 0 ? 'S-1MEF' : 'S-1' }));
    for (let n = 251; n <= 300; n++) fake.add(filing(n, { form: '10-K' }));
    const known = acc(120); // 131st newest S-1*: on the second page
    const r = await fetchLatestFilings(client, ep, 'S-1', { isKnown: (a) => a === known });
    expect(r).toMatchObject({ pages: 2, reachedKnown: true, stoppedBy: 'known' });
    expect(r.filings).toHaveLength(200);
    expect(r.filings[0]).toEqual({
      accession: acc(250),
      form: 'S-1/A',
      filingDate: '2026-01-12',
      acceptedAt: '2026-01-12T13:10:00-05:00',
      filers: [{ cik: '0002000250', name: 'Company 250 Inc.', role: 'Filer' }],
      indexUrl: filingIndexUrl(ep, '2000250', acc(250)),
    });
    expect(new Set(r.filings.map((f) => f.form))).toEqual(new Set(['S-1', 'S-1/A', 'S-1MEF']));
    expect(r.filings.map((f) => f.accession)).toContain(known);
    const urls = feedRequests().map((q) => new URL(q.url, fake.url).searchParams);
    expect(
      urls.map((q) => [q.get('type'), q.get('start'), q.get('count'), q.get('output')]),
    ).toEqual([
      ['S-1', '0', '100', 'atom'],
      ['S-1', '100', '100', 'atom'],
    ]);
  });

  it('stops at the 503 EDGAR answers past the end of the feed, without an error', async () => {
    for (let n = 1; n <= 100; n++) fake.add(filing(n));
    const r = await fetchLatestFilings(client, ep, 'S-1', { isKnown: () => false });
    expect(r).toMatchObject({ pages: 1, reachedKnown: false, stoppedBy: 'end-of-feed' });
    expect(r.filings).toHaveLength(100);
    expect(feedRequests()).toHaveLength(2); // the second answered 503 once, not retried
  });

  it('stops at maxPages', async () => {
    for (let n = 1; n <= 350; n++) fake.add(filing(n));
    const r = await fetchLatestFilings(client, ep, 'S-1', { isKnown: () => false, maxPages: 2 });
    expect(r).toMatchObject({ pages: 2, reachedKnown: false, stoppedBy: 'max-pages' });
    expect(r.filings).toHaveLength(200);
  });

  it('groups the Reporting and Issuer entries of one filing', async () => {
    fake.add(
      filing(1, {
        form: '4',
        fileNumber: null,
        reportingOwners: [{ cik: '1071287', name: 'DOE JANE' }],
      }),
    );
    const r = await fetchLatestFilings(client, ep, '4', { isKnown: () => false });
    expect(r.filings).toHaveLength(1);
    expect(r.filings[0]!.filers).toEqual([
      { cik: '0002000001', name: 'Company 1 Inc.', role: 'Issuer' },
      { cik: '0001071287', name: 'DOE JANE', role: 'Reporting' },
    ]);
  });

  it('retries a 503 on the first page (a real failure there), then reads it', async () => {
    fake.add(filing(1));
    fake.fault(/browse-edgar/, 'status-503', 1);
    const r = await fetchLatestFilings(client, ep, 'S-1', { isKnown: () => false });
    expect(r.filings.map((f) => f.accession)).toEqual([acc(1)]);
    expect(r.stoppedBy).toBe('short-page');
    expect(feedRequests()).toHaveLength(2);
  });

  it('rejects a malformed feed with a coded error naming the URL', async () => {
    fake.add(filing(1));
    fake.fault(/browse-edgar/, 'malformed');
    const err = await rejection(fetchLatestFilings(client, ep, 'S-1', { isKnown: () => false }));
    expect(err).toBeInstanceOf(EdgarParseError);
    expect(err.code).toBe('EDGAR_PARSE');
    expect(err.message).toContain(`${fake.url}/cgi-bin/browse-edgar?action=getcurrent&type=S-1`);
    expect(err.message).toMatch(/cut short/);
  });

  it('is refused by the fake, as by EDGAR, without a declared User-Agent', async () => {
    const res = await fetch(latestFilingsUrl(ep, 'S-1', 0), { headers: { 'user-agent': 'node' } });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Request Rate Threshold Exceeded');
  });

  it('sends the declared User-Agent and accepts gzip on every request', async () => {
    fake.add(filing(1));
    await fetchLatestFilings(client, ep, 'S-1', { isKnown: () => false });
    expect(fake.requests.map((r) => r.url)).toEqual([
      latestFilingsUrl(ep, 'S-1', 0).replace(ep.baseUrl, ''),
    ]);
    for (const r of fake.requests) {
      expect(r.headers['user-agent']).toBe(UA);
      expect(r.headers['accept-encoding']).toMatch(/gzip/);
    }
  });
});

describe('fetchDailyIndex', () => {
  it('lists every filing of the date (one line per filer), not those kept out of the index', async () => {
    fake.add(filing(1));
    fake.add(filing(2, { form: '4', reportingOwners: [{ cik: '1071287', name: 'DOE JANE' }] }));
    fake.add(filing(3, { inDailyIndex: false }));
    fake.add(filing(4, { filingDate: '2026-01-13' }));
    fake.add(
      filing(5, {
        form: 'SCHEDULE 13G/A',
        company: 'A company name far longer than the sixty-two columns EDGAR gives it',
      }),
    );
    const rows = await fetchDailyIndex(client, ep, '2026-01-12');
    expect(fake.requests.at(-1)!.url).toBe(
      '/Archives/edgar/daily-index/2026/QTR1/form.20260112.idx',
    );
    expect(rows).not.toBeNull();
    const byKey = rows!.map((r) => `${r.form}|${r.cik}|${r.accession}|${r.filingDate}`).sort();
    expect(byKey).toEqual(
      [
        `S-1|0002000001|${acc(1)}|2026-01-12`,
        `4|0002000002|${acc(2)}|2026-01-12`,
        `4|0001071287|${acc(2)}|2026-01-12`,
        `SCHEDULE 13G/A|0002000005|${acc(5)}|2026-01-12`,
      ].sort(),
    );
    expect(rows!.find((r) => r.cik === '0001071287')!.companyName).toBe('DOE JANE');
  });

  it('is null for a date without an index (S3 AccessDenied with 403): a weekend, or not yet published', async () => {
    fake.add(filing(1));
    expect(await fetchDailyIndex(client, ep, '2026-01-11')).toBeNull();
    expect(await fetchDailyIndex(client, ep, '2026-04-01')).toBeNull();
    expect(fake.requests.at(-1)!.url).toBe(
      '/Archives/edgar/daily-index/2026/QTR2/form.20260401.idx',
    );
  });

  it('never reads the rate-threshold 403 as "no index"', async () => {
    fake.add(filing(1));
    fake.fault(/daily-index/, 'threshold-403');
    const err = await rejection(fetchDailyIndex(client, ep, '2026-01-12'));
    // the client recognises the block page even though the daily index accepts 403, and pauses
    expect(err.code).toBe('HTTP_SERVICE_PAUSED');
    // ... all SEC traffic, not just this URL
    const next = await rejection(fetchTickerMap(client, ep));
    expect(next.code).toBe('HTTP_SERVICE_PAUSED');
  });

  it('rejects an index that is not one', async () => {
    fake.add(filing(1));
    fake.fault(/daily-index/, 'malformed');
    const err = await rejection(fetchDailyIndex(client, ep, '2026-01-12'));
    expect(err).toBeInstanceOf(EdgarParseError);
    expect(err.message).toContain('form.20260112.idx');
  });

  it('survives a connection reset and a truncated body (the client retries)', async () => {
    fake.add(filing(1));
    fake.fault(/daily-index/, 'reset');
    fake.fault(/daily-index/, 'truncate');
    const rows = await fetchDailyIndex(client, ep, '2026-01-12');
    expect(rows!.map((r) => r.accession)).toEqual([acc(1)]);
    expect(fake.requests.filter((r) => r.url.includes('daily-index'))).toHaveLength(3);
  });
});

describe('fetchSubmissions', () => {
  it('reads recent filings, and the overflow pages when asked', async () => {
    await client.close();
    await fake.close();
    await start({ recentLimit: 3 });
    const cik = '1847577';
    for (let n = 1; n <= 5; n++) {
      fake.add(
        filing(n, {
          cik,
          company: n === 5 ? 'Learn CW Investment Corp' : 'Learn SPAC Corp',
          form: n === 1 ? 'S-1' : 'S-1/A',
          fileNumber: '333-253813',
          tickers: n === 5 ? ['LCW'] : [],
          sic: '6770',
        }),
      );
    }
    const recent = await fetchSubmissions(client, ep, cik);
    expect(fake.requests.at(-1)!.url).toBe('/submissions/CIK0001847577.json');
    expect(recent).toMatchObject({
      cik: '0001847577',
      name: 'Learn CW Investment Corp',
      tickers: ['LCW'],
      sic: '6770',
      formerNames: ['Learn SPAC Corp'],
    });
    expect(recent.unfetchedPages).toEqual(['CIK0001847577-submissions-001.json']);
    expect(recent.filings.map((f) => f.accession)).toEqual([acc(5), acc(4), acc(3)]);
    expect(recent.filings[0]).toEqual({
      accession: acc(5),
      form: 'S-1/A',
      filingDate: '2026-01-12',
      // the JSON writes the New York wall clock with a false Z; read as New York time
      acceptedAt: '2026-01-12T09:05:00-05:00',
      acceptedAtRaw: '2026-01-12T09:05:00.000Z',
      fileNumber: '333-253813',
      primaryDocument: 'd5ds1.htm',
      size: expect.any(Number) as number,
    });
    const all = await fetchSubmissions(client, ep, '0001847577', { allPages: true });
    expect(all.filings.map((f) => f.accession)).toEqual([acc(5), acc(4), acc(3), acc(2), acc(1)]);
    expect(all.unfetchedPages).toEqual([]);
    expect(fake.requests.at(-1)!.url).toBe('/submissions/CIK0001847577-submissions-001.json');
  });

  it('gets through a 429 with Retry-After and an answer slower than the client waits (both retried)', async () => {
    fake.add(filing(1));
    fake.fault(/submissions/, 'status-429', 1, { retryAfter: 0 });
    fake.fault(/submissions/, 'slow', 1, { delayMs: 3000 });
    const s = await fetchSubmissions(client, ep, '2000001');
    expect(s.filings.map((f) => f.accession)).toEqual([acc(1)]);
    expect(fake.requests.filter((r) => r.url.startsWith('/submissions/'))).toHaveLength(3);
  });

  it('rejects malformed JSON naming the URL', async () => {
    fake.add(filing(1));
    fake.fault(/submissions/, 'malformed');
    const err = await rejection(fetchSubmissions(client, ep, '2000001'));
    expect(err).toBeInstanceOf(EdgarParseError);
    expect(err.message).toContain(`${fake.url}/submissions/CIK0002000001.json: not JSON`);
  });

  it("rejects an unknown CIK with the client's 404, not an empty company", async () => {
    const err = await rejection(fetchSubmissions(client, ep, '2000999'));
    expect(err.code).toBe('HTTP_STATUS');
  });
});

describe('fetchTickerMap', () => {
  it('lists configured tickers and those of filers, CIKs padded', async () => {
    await client.close();
    await fake.close();
    await start({ tickers: [{ cik: '320193', ticker: 'AAPL', title: 'Apple Inc.' }] });
    fake.add(filing(1, { tickers: ['ACME', 'ACME-WT'] }));
    const map = await fetchTickerMap(client, ep);
    expect(map).toEqual([
      { cik: '0000320193', ticker: 'AAPL', title: 'Apple Inc.' },
      { cik: '0002000001', ticker: 'ACME', title: 'Company 1 Inc.' },
      { cik: '0002000001', ticker: 'ACME-WT', title: 'Company 1 Inc.' },
    ]);
  });

  it('rejects a shape zod refuses', async () => {
    fake.fault(/company_tickers/, 'malformed');
    const err = await rejection(fetchTickerMap(client, ep));
    expect(err).toBeInstanceOf(EdgarParseError);
    expect(err.message).toContain('/files/company_tickers.json');
  });
});

describe('fetchFilingDetail', () => {
  it('reads the -index.htm: form, dates, company, file number, documents, primary', async () => {
    fake.add(
      filing(7, {
        acceptedAt: '2026-07-01T21:15:09Z',
        filingDate: '2026-07-02',
        documents: [
          {
            filename: 'd7dex231.htm',
            type: 'EX-23.1',
            body: '<html>consent</html>',
            description: 'CONSENT OF AUDITORS',
          },
        ],
      }),
    );
    const d = await fetchFilingDetail(client, ep, '2000007', acc(7));
    expect(d).toEqual({
      accession: acc(7),
      cik: '0002000007',
      companyName: 'Company 7 Inc.',
      form: 'S-1',
      filingDate: '2026-07-02',
      acceptedAt: '2026-07-01T17:15:09-04:00',
      fileNumber: '333-290007',
      documents: [
        {
          seq: 1,
          filename: 'd7ds1.htm',
          type: 'S-1',
          description: 'S-1',
          size: expect.any(Number) as number,
        },
        {
          seq: 2,
          filename: 'd7dex231.htm',
          type: 'EX-23.1',
          description: 'CONSENT OF AUDITORS',
          size: 20,
        },
      ],
      primaryDocument: 'd7ds1.htm',
      indexUrl: `${fake.url}/Archives/edgar/data/2000007/000119312526000007/${acc(7)}-index.htm`,
      filers: [
        { cik: '0002000007', name: 'Company 7 Inc.', role: 'Filer', fileNumber: '333-290007' },
      ],
      source: 'index-page',
    });
  });

  it('has a null file number when the page shows no "File No."', async () => {
    fake.add(filing(8, { fileNumber: null }));
    const d = await fetchFilingDetail(client, ep, '2000008', acc(8));
    expect(d.fileNumber).toBeNull();
    expect(d.primaryDocument).toBe('d8ds1.htm');
  });

  it('falls back to index.json when the page cannot be parsed', async () => {
    fake.add(filing(9));
    fake.fault(/-index\.htm$/, 'malformed');
    const d = await fetchFilingDetail(client, ep, '2000009', acc(9), { form: 'S-1' });
    expect(d).toMatchObject({
      source: 'index-json',
      form: 'S-1',
      primaryDocument: null,
      fileNumber: null,
    });
    expect(d.documents.map((x) => x.filename)).toEqual(['d9ds1.htm']);
    expect(fake.requests.at(-1)!.url).toBe(
      '/Archives/edgar/data/2000009/000119312526000009/index.json',
    );
  });

  it('rejects when neither the page nor index.json can be read, naming both problems', async () => {
    fake.add(filing(10));
    fake.fault(/-index\.htm$|index\.json$/, 'malformed', 2);
    const err = await rejection(fetchFilingDetail(client, ep, '2000010', acc(10)));
    expect(err).toBeInstanceOf(EdgarParseError);
    expect(err.message).toMatch(/not a filing detail page.*index\.json: not JSON/);
  });
});

describe('fetchPrimaryDocument', () => {
  it('fetches the primary document', async () => {
    fake.add(filing(11));
    const doc = await fetchPrimaryDocument(client, ep, '2000011', acc(11), 'd11ds1.htm');
    expect(doc).toMatchObject({
      filename: 'd11ds1.htm',
      via: 'primary',
      url: `${fake.url}/Archives/edgar/data/2000011/000119312526000011/d11ds1.htm`,
    });
    expect(doc.contentType).toMatch(/^text\/html/);
    expect(doc.bytes.toString('utf8')).toContain('Company 11 risk.');
  });

  it('rejects a PDF primary document and falls back to the full submission .txt', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(300, 7)]);
    fake.add(filing(12, { primary: { filename: 'prospectus.pdf', body: pdf } }));
    const doc = await fetchPrimaryDocument(client, ep, '2000012', acc(12), 'prospectus.pdf');
    expect(doc).toMatchObject({
      via: 'full-submission',
      filename: `${acc(12)}.txt`,
      fallbackCode: 'EDGAR_UNSUPPORTED_DOCUMENT',
    });
    expect(doc.fallbackReason).toMatch(/prospectus\.pdf: the primary document is a PDF/);
    const header = parseSgmlHeader(doc.bytes.toString('latin1'), doc.url);
    expect(header).toMatchObject({ accession: acc(12), form: 'S-1', filingDate: '2026-01-12' });
    expect(header.filers[0]!.fileNumber).toBe('333-290012');
    expect(header.documents.map((d) => [d.type, d.filename])).toEqual([['S-1', 'prospectus.pdf']]);
    expect(doc.bytes.toString('latin1')).toContain('begin 644 prospectus.pdf');
  });

  it('falls back to the .txt when the primary is unknown or answers 404', async () => {
    fake.add(filing(13));
    const unknown = await fetchPrimaryDocument(client, ep, '2000013', acc(13), null);
    expect(unknown).toMatchObject({ via: 'full-submission', fallbackCode: 'PRIMARY_UNKNOWN' });
    expect(unknown.bytes.toString('utf8')).toMatch(
      /<TYPE>S-1\n<SEQUENCE>1\n<FILENAME>d13ds1\.htm[\s\S]*Company 13 risk\./,
    );
    const missing = await fetchPrimaryDocument(client, ep, '2000013', acc(13), 'gone.htm');
    expect(missing).toMatchObject({ via: 'full-submission', fallbackCode: 'PRIMARY_NOT_FOUND' });
  });
});
