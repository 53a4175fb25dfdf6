/**
 * A fake EDGAR: a real `node:http` server on 127.0.0.1 (port 0) answering in EDGAR's formats from
 * an in-memory list of filings added at run time. Point `config.sec.baseUrl` and `dataUrl` at
 * `url`. Serves the getcurrent Atom feed, daily form/master indexes, filing folders (listing,
 * index.json, -index.htm, .txt, documents), submissions JSON (with overflow pages) and the ticker
 * map. Indexed by accession, CIK and date so a benchmark can add thousands of filings cheaply.
 */
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import type { TickerEntry } from '../../src/sources/edgar/types.js';
import {
  contentTypeFor,
  type FeedRow,
  renderAccessDenied,
  renderAtomFeed,
  renderFolderIndexJson,
  renderFolderListing,
  renderFormIndex,
  renderFullSubmission,
  renderIndexPage,
  renderMasterIndex,
  renderSubmissionArrays,
  renderThresholdPage,
  type StoredFiling,
} from './edgar-formats.js';

export interface FakeFiling {
  /** CIK, padded or not. */
  cik: string;
  company: string;
  form: string;
  /** `0001234567-24-000001` (dashes optional). */
  accession: string;
  /** YYYY-MM-DD */
  filingDate: string;
  /** ISO-8601 instant of acceptance (any offset). */
  acceptedAt: string;
  fileNumber: string | null;
  /** The primary document (type = form, sequence 1); null for a filing with none. */
  primary: { filename: string; body: string | Buffer; contentType?: string } | null;
  tickers?: string[];
  /** Listed in the latest-filings feed (default true). */
  inFeed?: boolean;
  /** Listed in the daily index of `filingDate` (default true). */
  inDailyIndex?: boolean;
  /** More documents (exhibits, a PDF copy...), sequence 2 onwards. */
  documents?: {
    filename: string;
    type: string;
    body: string | Buffer;
    description?: string;
    contentType?: string;
  }[];
  /** Reporting owners: the feed then has one `Reporting` entry each, and the company is the `Issuer`. */
  reportingOwners?: { cik: string; name: string }[];
  sic?: string | null;
}

export type FaultKind =
  'status-429' | 'status-503' | 'threshold-403' | 'reset' | 'truncate' | 'malformed' | 'slow';

export interface FakeEdgar {
  url: string;
  add(f: FakeFiling): void;
  /** Every request received, in order (also those answered with a fault). */
  requests: { method: string; url: string; at: number; headers: IncomingHttpHeaders }[];
  /**
   * The next `times` (default 1) requests whose path+query matches answer with a fault:
   * `status-429`/`status-503` (with `Retry-After` when `retryAfter` is given), `threshold-403`
   * (EDGAR's "Request Rate Threshold Exceeded" page), `reset` (socket destroyed, no answer),
   * `truncate` (full Content-Length, half the body, then the socket is destroyed), `malformed`
   * (200 with a broken body of the same content type), `slow` (answer after `delayMs`, default 1000).
   */
  fault(
    match: RegExp | ((path: string) => boolean),
    kind: FaultKind,
    times?: number,
    opts?: { retryAfter?: number; delayMs?: number },
  ): void;
  /**
   * Faults never answered, not even once (`kind on match`): a test whose fault never fired
   * tests the happy path under a misleading name.
   */
  unusedFaults(): string[];
  /** Number of filings held. */
  readonly size: number;
  close(): Promise<void>;
}

export interface FakeEdgarOptions {
  tickers?: TickerEntry[];
  /** How many filings `filings.recent` holds before the rest go to overflow pages (EDGAR: >= 1000). */
  recentLimit?: number;
  /** Answer gzip when the client accepts it, as EDGAR does (default true). */
  gzip?: boolean;
  /**
   * Answer 403 (EDGAR's block page) to a request without a declared User-Agent
   * ("Name contact@example.com"), as the SEC does (default true).
   */
  requireUserAgent?: boolean;
  /** The clock for the feed's own `<updated>` (default: the real one). */
  now?: () => Date;
}

interface Reply {
  status: number;
  body: Buffer;
  type: string;
  headers?: Record<string, string>;
}

const text = (
  status: number,
  body: string,
  type: string,
  headers?: Record<string, string>,
  encoding: BufferEncoding = 'utf8',
): Reply => ({
  status,
  body: Buffer.from(body, encoding),
  type,
  headers,
});
const notFound = (): Reply =>
  text(
    404,
    '<!DOCTYPE html><html><head><title>SEC.gov | Page Not Found</title></head><body><h1>Page Not Found</h1></body></html>',
    'text/html',
  );
const accessDenied = (): Reply => text(403, renderAccessDenied(), 'application/xml');

function pad10(cik: string | number): string {
  const s = String(cik).trim();
  if (!/^\d{1,10}$/.test(s)) throw new Error(`fake EDGAR: "${cik}" is not a CIK`);
  return s.padStart(10, '0');
}

function dashed(accession: string): string {
  const d = accession.replace(/-/g, '');
  if (!/^\d{18}$/.test(d)) throw new Error(`fake EDGAR: "${accession}" is not an accession number`);
  return `${d.slice(0, 10)}-${d.slice(10, 12)}-${d.slice(12)}`;
}

const byNewest = (a: StoredFiling, b: StoredFiling) =>
  b.acceptedAt.getTime() - a.acceptedAt.getTime() || (a.accession < b.accession ? 1 : -1);

function malformedBody(type: string): Buffer {
  if (type.includes('json'))
    return Buffer.from(
      '{"cik":"0000000001","name":"Broken","filings":{"recent":{"accessionNumber":["00',
    );
  if (type.includes('atom') || type.includes('xml'))
    return Buffer.from(
      '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n<entry>\n<title>S-1 - BROKEN',
    );
  if (type.includes('html'))
    return Buffer.from(
      '<html><head><title>Maintenance</title></head><body><p>EDGAR is undergoing maintenance.</p></body></html>',
    );
  return Buffer.from('this is not an EDGAR index\n\u0000\u0001garbage');
}

/** Starts a fake EDGAR on a free loopback port. */
export async function startFakeEdgar(opts: FakeEdgarOptions = {}): Promise<FakeEdgar> {
  const recentLimit = opts.recentLimit ?? 1000;
  const useGzip = opts.gzip ?? true;
  const now = opts.now ?? (() => new Date());
  const byAcc = new Map<string, StoredFiling>();
  const byCik = new Map<string, StoredFiling[]>();
  const byDate = new Map<string, StoredFiling[]>();
  const sortedCiks = new Set<string>();
  let feed: FeedRow[] | null = null;
  // Rendered daily indexes, dropped when a filing of that date is added.
  const dailyCache = new Map<string, Reply>();
  const companies = new Map<
    string,
    { name: string; tickers: string[]; sic: string | null; latest: number }
  >();
  const baseTickers = opts.tickers ?? [];
  const requests: FakeEdgar['requests'] = [];
  const faults: {
    match: (p: string) => boolean;
    kind: FaultKind;
    left: number;
    times: number;
    label: string;
    retryAfter?: number;
    delayMs?: number;
  }[] = [];
  let url = '';

  function add(input: FakeFiling): void {
    const cik = pad10(input.cik);
    const accession = dashed(input.accession);
    const acceptedAt = new Date(input.acceptedAt);
    if (Number.isNaN(acceptedAt.getTime()))
      throw new Error(`fake EDGAR: acceptedAt "${input.acceptedAt}" is not a date`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.filingDate))
      throw new Error(`fake EDGAR: filingDate "${input.filingDate}" is not YYYY-MM-DD`);
    if (byAcc.has(accession)) throw new Error(`fake EDGAR: accession ${accession} added twice`);
    const toBuf = (b: string | Buffer) => (typeof b === 'string' ? Buffer.from(b, 'utf8') : b);
    const f: StoredFiling = {
      cik,
      cikInt: Number(cik),
      company: input.company,
      form: input.form,
      accession,
      accNoDashes: accession.replace(/-/g, ''),
      filingDate: input.filingDate,
      acceptedAt,
      fileNumber: input.fileNumber,
      primary: input.primary
        ? {
            filename: input.primary.filename,
            body: toBuf(input.primary.body),
            contentType: input.primary.contentType ?? contentTypeFor(input.primary.filename),
          }
        : null,
      documents: (input.documents ?? []).map((d, i) => ({
        seq: i + 2,
        filename: d.filename,
        type: d.type,
        description: d.description ?? d.type,
        body: toBuf(d.body),
        contentType: d.contentType ?? contentTypeFor(d.filename),
      })),
      reportingOwners: (input.reportingOwners ?? []).map((o) => ({
        cik: pad10(o.cik),
        name: o.name,
      })),
      tickers: input.tickers ?? [],
      sic: input.sic ?? null,
      inFeed: input.inFeed ?? true,
      inDailyIndex: input.inDailyIndex ?? true,
    };
    byAcc.set(accession, f);
    for (const c of [cik, ...f.reportingOwners.map((o) => o.cik)]) {
      const list = byCik.get(c) ?? [];
      list.push(f);
      byCik.set(c, list);
      sortedCiks.delete(c);
    }
    if (f.inDailyIndex) {
      const list = byDate.get(f.filingDate) ?? [];
      list.push(f);
      byDate.set(f.filingDate, list);
      dailyCache.delete(`form|${f.filingDate}`);
      dailyCache.delete(`master|${f.filingDate}`);
    }
    if (f.inFeed) feed = null;
    const known = companies.get(cik);
    // The company's current name and tickers are those of its latest filing.
    if (!known || known.latest <= acceptedAt.getTime()) {
      companies.set(cik, {
        name: f.company,
        tickers: f.tickers.length ? f.tickers : (known?.tickers ?? []),
        sic: f.sic ?? known?.sic ?? null,
        latest: acceptedAt.getTime(),
      });
    }
    for (const o of f.reportingOwners)
      if (!companies.has(o.cik))
        companies.set(o.cik, { name: o.name, tickers: [], sic: null, latest: 0 });
  }

  function feedRows(): FeedRow[] {
    if (!feed) {
      const rows: FeedRow[] = [];
      for (const f of [...byAcc.values()].filter((x) => x.inFeed).sort(byNewest)) {
        // Like EDGAR: each reporting owner's entry, then the issuer's.
        for (const o of f.reportingOwners)
          rows.push({ filing: f, cik: o.cik, name: o.name, role: 'Reporting' });
        rows.push({
          filing: f,
          cik: f.cik,
          name: f.company,
          role: f.reportingOwners.length ? 'Issuer' : 'Filer',
        });
      }
      feed = rows;
    }
    return feed;
  }

  function filingsOf(cik: string): StoredFiling[] {
    const list = byCik.get(cik) ?? [];
    if (!sortedCiks.has(cik)) {
      list.sort(byNewest);
      sortedCiks.add(cik);
    }
    return list;
  }

  function serveFeed(q: URLSearchParams): Reply {
    if (q.get('action') !== 'getcurrent' || q.get('output') !== 'atom')
      return text(400, 'fake EDGAR serves only action=getcurrent&output=atom', 'text/plain');
    const type = (q.get('type') ?? '').trim().toUpperCase();
    const start = Math.max(0, Number.parseInt(q.get('start') ?? '0', 10) || 0);
    const count = Math.min(100, Math.max(1, Number.parseInt(q.get('count') ?? '40', 10) || 40));
    const rows = type
      ? feedRows().filter((r) => r.filing.form.toUpperCase().startsWith(type))
      : feedRows();
    // EDGAR answers 503 when paging past the end of the feed.
    if (start > 0 && start >= rows.length)
      return text(503, '<html><body><h1>Service Unavailable</h1></body></html>', 'text/html');
    // The feed declares ISO-8859-1, and is encoded so.
    return text(
      200,
      renderAtomFeed(rows.slice(start, start + count), url, now()),
      'application/atom+xml',
      undefined,
      'latin1',
    );
  }

  function serveDailyIndex(m: RegExpExecArray): Reply {
    const [, year, qtr, kind, ymd] = m as unknown as [string, string, string, string, string];
    const date = `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6)}`;
    const quarter = Math.floor((Number(ymd.slice(4, 6)) - 1) / 3) + 1;
    const filings = byDate.get(date);
    if (year !== ymd.slice(0, 4) || Number(qtr) !== quarter || !filings || filings.length === 0)
      return accessDenied();
    const key = `${kind}|${date}`;
    let reply = dailyCache.get(key);
    if (!reply) {
      let latest = 0;
      for (const f of filings) latest = Math.max(latest, f.acceptedAt.getTime());
      reply = text(
        200,
        kind === 'form' ? renderFormIndex(date, filings) : renderMasterIndex(date, filings),
        'text/plain',
        { 'last-modified': new Date(latest).toUTCString() },
      );
      dailyCache.set(key, reply);
    }
    return reply;
  }

  function serveArchive(cikPart: string, accPart: string, file: string): Reply {
    const f = /^\d{18}$/.test(accPart) ? byAcc.get(dashed(accPart)) : undefined;
    if (!f || !/^\d{1,10}$/.test(cikPart)) return notFound();
    const cik = pad10(cikPart);
    if (cik !== f.cik && !f.reportingOwners.some((o) => o.cik === cik)) return notFound();
    const lm = { 'last-modified': f.acceptedAt.toUTCString() };
    if (file === '') return text(200, renderFolderListing(f), 'text/html', lm);
    if (file === 'index.json') return text(200, renderFolderIndexJson(f), 'application/json', lm);
    if (file === `${f.accession}-index.htm` || file === `${f.accession}-index.html`)
      return text(200, renderIndexPage(f, url), 'text/html', lm);
    if (file === `${f.accession}.txt`)
      return { status: 200, body: renderFullSubmission(f), type: 'text/plain', headers: lm };
    const doc =
      f.primary?.filename === file ? f.primary : f.documents.find((d) => d.filename === file);
    if (!doc) return notFound();
    return { status: 200, body: doc.body, type: doc.contentType, headers: lm };
  }

  function serveSubmissions(cik: string, page: string | undefined): Reply {
    const company = companies.get(cik);
    const all = filingsOf(cik);
    if (!company || all.length === 0)
      return text(
        404,
        '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>',
        'application/xml',
      );
    const pages: StoredFiling[][] = [];
    for (let i = recentLimit; i < all.length; i += recentLimit)
      pages.push(all.slice(i, i + recentLimit));
    if (page !== undefined) {
      const p = pages[Number(page) - 1];
      return p
        ? text(200, JSON.stringify(renderSubmissionArrays(p)), 'application/json')
        : notFound();
    }
    const files = pages.map((p, i) => ({
      name: `CIK${cik}-submissions-${String(i + 1).padStart(3, '0')}.json`,
      filingCount: p.length,
      filingFrom: p[p.length - 1]!.filingDate,
      filingTo: p[0]!.filingDate,
    }));
    const body = {
      cik: String(Number(cik)),
      entityType: 'operating',
      sic: company.sic ?? '',
      sicDescription: '',
      name: company.name,
      tickers: company.tickers,
      exchanges: company.tickers.map(() => 'Nasdaq'),
      formerNames: [] as { name: string; from: string; to: string }[],
      filings: { recent: renderSubmissionArrays(all.slice(0, recentLimit)), files },
    };
    // Former names: earlier filings under a different company name, newest first.
    const seen = new Set([company.name]);
    for (const f of all) {
      if (f.cik === cik && !seen.has(f.company)) {
        seen.add(f.company);
        body.formerNames.push({
          name: f.company,
          from: f.acceptedAt.toISOString(),
          to: f.acceptedAt.toISOString(),
        });
      }
    }
    return text(200, JSON.stringify(body), 'application/json');
  }

  function serveTickers(): Reply {
    const out: Record<string, { cik_str: number; ticker: string; title: string }> = {};
    let i = 0;
    const seen = new Set<string>();
    const push = (cik: string, ticker: string, title: string) => {
      const key = `${cik}|${ticker}`;
      if (seen.has(key)) return;
      seen.add(key);
      out[String(i++)] = { cik_str: Number(cik), ticker, title };
    };
    for (const t of baseTickers) push(pad10(t.cik), t.ticker, t.title);
    for (const [cik, c] of companies) for (const t of c.tickers) push(cik, t, c.name);
    return text(200, JSON.stringify(out), 'application/json');
  }

  function route(req: IncomingMessage): Reply {
    const u = new URL(req.url ?? '/', 'http://fake.invalid');
    const path = decodeURIComponent(u.pathname);
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return text(405, 'method not allowed', 'text/plain');
    if (path === '/cgi-bin/browse-edgar') return serveFeed(u.searchParams);
    let m = /^\/Archives\/edgar\/daily-index\/(\d{4})\/QTR(\d)\/(form|master)\.(\d{8})\.idx$/.exec(
      path,
    );
    if (m) return serveDailyIndex(m);
    if (path.startsWith('/Archives/edgar/daily-index/')) return accessDenied();
    m = /^\/Archives\/edgar\/data\/(\d+)\/(\d+)\/(.*)$/.exec(path);
    if (m) return serveArchive(m[1]!, m[2]!, m[3]!);
    m = /^\/submissions\/CIK(\d{10})(?:-submissions-(\d{3}))?\.json$/.exec(path);
    if (m) return serveSubmissions(m[1]!, m[2]);
    if (path === '/files/company_tickers.json') return serveTickers();
    return notFound();
  }

  function send(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
    const headers: Record<string, string | number> = {
      'content-type': reply.type,
      ...reply.headers,
    };
    const ims = req.headers['if-modified-since'];
    const lm = reply.headers?.['last-modified'];
    if (reply.status === 200 && ims && lm && Date.parse(ims) >= Date.parse(lm)) {
      res.writeHead(304, { 'last-modified': lm });
      res.end();
      return;
    }
    let body = reply.body;
    if (
      useGzip &&
      body.length > 512 &&
      /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))
    ) {
      body = gzipSync(body, { level: 1 });
      headers['content-encoding'] = 'gzip';
    }
    headers['content-length'] = body.length;
    res.writeHead(reply.status, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  const server: Server = createServer((req, res) => {
    requests.push({
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      at: Date.now(),
      headers: req.headers,
    });
    const path = req.url ?? '/';
    if (
      (opts.requireUserAgent ?? true) &&
      !/\S+\s+\S+@\S+\.\S+/.test(String(req.headers['user-agent'] ?? ''))
    ) {
      return send(req, res, text(403, renderThresholdPage(), 'text/html'));
    }
    const fault = faults.find((f) => f.left > 0 && f.match(path));
    if (fault) fault.left--;
    let reply: Reply;
    try {
      reply = route(req);
    } catch (err) {
      reply = text(500, `fake EDGAR failed: ${(err as Error).stack ?? String(err)}`, 'text/plain');
    }
    if (!fault) return send(req, res, reply);
    const retry =
      fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : undefined;
    switch (fault.kind) {
      case 'status-429':
        return send(req, res, text(429, 'Too Many Requests', 'text/plain', retry));
      case 'status-503':
        return send(
          req,
          res,
          text(503, '<html><body><h1>Service Unavailable</h1></body></html>', 'text/html', retry),
        );
      case 'threshold-403':
        return send(req, res, text(403, renderThresholdPage(), 'text/html'));
      case 'reset':
        req.socket.destroy();
        return;
      case 'truncate': {
        res.writeHead(reply.status, {
          'content-type': reply.type,
          'content-length': reply.body.length,
        });
        res.write(reply.body.subarray(0, Math.floor(reply.body.length / 2)), () => res.destroy());
        return;
      }
      case 'malformed':
        return send(req, res, { status: 200, body: malformedBody(reply.type), type: reply.type });
      case 'slow': {
        const timer = setTimeout(() => send(req, res, reply), fault.delayMs ?? 1000);
        res.on('close', () => clearTimeout(timer));
        return;
      }
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    add,
    requests,
    fault(match, kind, times = 1, o = {}) {
      const fn = typeof match === 'function' ? match : (p: string) => match.test(p);
      faults.push({
        match: fn,
        kind,
        left: times,
        times,
        label: `${kind} on ${String(match)}`,
        retryAfter: o.retryAfter,
        delayMs: o.delayMs,
      });
    },
    unusedFaults: () => faults.filter((f) => f.left === f.times).map((f) => f.label),
    get size() {
      return byAcc.size;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
