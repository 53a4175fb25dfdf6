/**
 * The EDGAR source: every request regwatch makes to the SEC, through an injected `HttpClient`.
 * URLs are built only from the configured endpoints (`config.sec`), so a local server can stand
 * in for all of EDGAR. Parsing lives in parse.ts (pure), JSON shapes in schema.ts.
 */
import type { z } from 'zod';
import type { HttpClient, HttpResponse } from '../../http/types.js';
import { easternWallClockToIso } from './eastern-time.js';
import {
  EdgarParseError,
  EdgarRateThresholdError,
  EdgarUnexpectedResponseError,
  EdgarUnsupportedDocumentError,
} from './errors.js';
import {
  detectBinaryDocument,
  groupFeedEntries,
  isRateThresholdPage,
  isS3MissingKeyBody,
  normalizeAccession,
  normalizeCik,
  normalizeDate,
  parseAtomFeed,
  parseFilingIndexPage,
  parseFormIndex,
  pickPrimaryDocument,
} from './parse.js';
import {
  CompanyTickersResponse,
  FolderIndexResponse,
  SubmissionsRecent,
  SubmissionsResponse,
} from './schema.js';
import type {
  EdgarEndpoints,
  FeedFiling,
  FetchedDocument,
  FilingDetail,
  IndexEntry,
  SubmissionFiling,
  Submissions,
  TickerEntry,
} from './types.js';

export type {
  EdgarEndpoints,
  FeedFiling,
  FetchedDocument,
  FilingDetail,
  FilingDocument,
  FilingParty,
  IndexEntry,
  SubmissionFiling,
  Submissions,
  TickerEntry,
} from './types.js';
export {
  EdgarParseError,
  EdgarRateThresholdError,
  EdgarUnexpectedResponseError,
  EdgarUnsupportedDocumentError,
} from './errors.js';

/** The feed's page size: the largest EDGAR allows (10, 20, 40, 80 or 100). */
const FEED_PAGE_SIZE = 100;
const DEFAULT_MAX_PAGES = 10;

const trimSlash = (u: string) => u.replace(/\/+$/, '');

function requireCik(cik: string): string {
  const c = normalizeCik(cik);
  if (!c) throw new RangeError(`"${cik}" is not a CIK (1 to 10 digits)`);
  return c;
}

function requireAccession(accession: string): string {
  const a = normalizeAccession(accession);
  if (!a) throw new RangeError(`"${accession}" is not an accession number (0001234567-24-000001)`);
  return a;
}

/** `{base}/Archives/edgar/data/{cik as integer}/{accession without dashes}` */
function folderUrl(ep: EdgarEndpoints, cik: string, accession: string): string {
  return `${trimSlash(ep.baseUrl)}/Archives/edgar/data/${Number(requireCik(cik))}/${requireAccession(accession).replace(/-/g, '')}`;
}

/** The filing detail page: `https://www.sec.gov/Archives/edgar/data/{cik int}/{acc no dashes}/{acc}-index.htm`. */
export function filingIndexUrl(ep: EdgarEndpoints, cik: string, accession: string): string {
  return `${folderUrl(ep, cik, accession)}/${requireAccession(accession)}-index.htm`;
}

/** A file in the filing folder (the primary document, `index.json`, `{acc}.txt`). */
export function documentUrl(
  ep: EdgarEndpoints,
  cik: string,
  accession: string,
  filename: string,
): string {
  return `${folderUrl(ep, cik, accession)}/${filename.split('/').map(encodeURIComponent).join('/')}`;
}

/** The full submission in SGML, `{acc}.txt`. */
export function fullSubmissionUrl(ep: EdgarEndpoints, cik: string, accession: string): string {
  return documentUrl(ep, cik, accession, `${requireAccession(accession)}.txt`);
}

/** The latest-filings Atom feed URL for one form prefix and page. */
export function latestFilingsUrl(
  ep: EdgarEndpoints,
  formPrefix: string,
  start: number,
  count = FEED_PAGE_SIZE,
): string {
  const q = new URLSearchParams({
    action: 'getcurrent',
    type: formPrefix,
    company: '',
    dateb: '',
    owner: 'include',
    start: String(start),
    count: String(count),
    output: 'atom',
  });
  return `${trimSlash(ep.baseUrl)}/cgi-bin/browse-edgar?${q.toString()}`;
}

/** `Archives/edgar/daily-index/YYYY/QTRn/form.YYYYMMDD.idx` for a YYYY-MM-DD date. */
export function dailyIndexUrl(ep: EdgarEndpoints, date: string): string {
  const d = normalizeDate(date);
  if (!d) throw new RangeError(`"${date}" is not a date (YYYY-MM-DD)`);
  const [y, m] = d.split('-') as [string, string, string];
  const qtr = Math.floor((Number(m) - 1) / 3) + 1;
  return `${trimSlash(ep.baseUrl)}/Archives/edgar/daily-index/${y}/QTR${qtr}/form.${d.replace(/-/g, '')}.idx`;
}

export function submissionsUrl(ep: EdgarEndpoints, cik: string): string {
  return `${trimSlash(ep.dataUrl)}/submissions/CIK${requireCik(cik)}.json`;
}

/** Decodes a body by the charset of its XML declaration or Content-Type (the feed is ISO-8859-1). */
function decodeText(res: HttpResponse): string {
  const ct = res.headers['content-type'] ?? '';
  const head = res.body.subarray(0, 100).toString('latin1');
  const charset =
    /charset=["']?([\w-]+)/i.exec(ct)?.[1] ??
    /encoding=["']([\w-]+)["']/i.exec(head)?.[1] ??
    'utf-8';
  return /^(iso-8859-1|latin1|windows-1252|us-ascii)$/i.test(charset)
    ? res.body.toString('latin1')
    : res.body.toString('utf8');
}

function parseJson<S extends z.ZodType>(res: HttpResponse, url: string, schema: S): z.infer<S> {
  let data: unknown;
  try {
    data = JSON.parse(res.body.toString('utf8'));
  } catch (err) {
    throw new EdgarParseError(url, `not JSON (${(err as Error).message})`, { cause: err });
  }
  const r = schema.safeParse(data);
  if (!r.success) {
    const issues = r.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new EdgarParseError(
      url,
      `unexpected JSON shape: ${issues.join('; ')}${r.error.issues.length > 3 ? ` (+${r.error.issues.length - 3} more)` : ''}`,
    );
  }
  return r.data;
}

/**
 * Latest-filings Atom feed for one form prefix (`type=S-1` matches S-1, S-1/A, S-1MEF),
 * 100 entries a page, paging back (start=0,100,...) until a page holds an accession for which
 * `isKnown` is true, or `maxPages` (default 10) pages were read. Entries are grouped by
 * accession (the feed has one per (accession, role)), newest first; known filings on the pages
 * read are returned too (the caller filters). Paging past the end answers 503: that ends the
 * walk, it is not an error (on the first page a 503 is a real failure and the client's).
 */
export async function fetchLatestFilings(
  client: HttpClient,
  ep: EdgarEndpoints,
  formPrefix: string,
  opts: { isKnown(accession: string): boolean; maxPages?: number },
): Promise<{ filings: FeedFiling[]; pages: number; reachedKnown: boolean; stoppedBy: FeedStop }> {
  const maxPages = Math.max(1, opts.maxPages ?? DEFAULT_MAX_PAGES);
  const entries: ReturnType<typeof parseAtomFeed> = [];
  let pages = 0;
  let stoppedBy: FeedStop = 'max-pages';
  for (let page = 0; page < maxPages; page++) {
    const url = latestFilingsUrl(ep, formPrefix, page * FEED_PAGE_SIZE);
    const res = await client.get(url, {
      accept: 'application/atom+xml',
      expect: 'xml',
      ...(page > 0 ? { acceptStatus: [503] } : {}),
    });
    if (res.status === 503) {
      stoppedBy = 'end-of-feed';
      break;
    }
    pages++;
    const pageEntries = parseAtomFeed(decodeText(res), url);
    entries.push(...pageEntries);
    if (pageEntries.some((e) => opts.isKnown(e.accession))) {
      stoppedBy = 'known';
      break;
    }
    if (pageEntries.length < FEED_PAGE_SIZE) {
      stoppedBy = 'short-page';
      break;
    }
  }
  return {
    filings: groupFeedEntries(entries, (cik, acc) => filingIndexUrl(ep, cik, acc)),
    pages,
    reachedKnown: stoppedBy === 'known',
    stoppedBy,
  };
}

/**
 * Why the feed walk stopped: a known accession; `maxPages` read (older filings may be unseen:
 * reconcile with the daily index); the 503 past the end (or a 503 on a later page: EDGAR gives
 * no way to tell); a page shorter than 100 (the end of the feed).
 */
export type FeedStop = 'known' | 'max-pages' | 'end-of-feed' | 'short-page';

/**
 * The daily form index for one date (the way to recover filings missed while down). Null when
 * EDGAR has none: a non-business day or not yet published (~22:45 ET) answers 403/404 with an
 * S3 `AccessDenied`/`NoSuchKey` XML body. A 403 carrying the rate-threshold page throws
 * `EdgarRateThresholdError` instead: it must never read as "no index". (The client returns an
 * accepted 403 before looking for that page, so this check is the one that catches it here.)
 */
export async function fetchDailyIndex(
  client: HttpClient,
  ep: EdgarEndpoints,
  date: string,
): Promise<IndexEntry[] | null> {
  const url = dailyIndexUrl(ep, date);
  const res = await client.get(url, { acceptStatus: [403, 404], expect: 'text' });
  if (res.status === 403 || res.status === 404) {
    const body = res.body.toString('utf8');
    if (isRateThresholdPage(body)) throw new EdgarRateThresholdError(url);
    if (res.status === 404 || isS3MissingKeyBody(body)) return null;
    throw new EdgarUnexpectedResponseError(
      url,
      res.status,
      `a 403 without S3's AccessDenied body: ${body.replace(/\s+/g, ' ').trim().slice(0, 120)}`,
    );
  }
  return parseFormIndex(decodeText(res), url);
}

function toSubmissionFilings(r: SubmissionsRecent, url: string): SubmissionFiling[] {
  return r.accessionNumber.map((accRaw, i) => {
    const accession = normalizeAccession(accRaw);
    const filingDate = normalizeDate(r.filingDate[i] ?? '');
    if (!accession || !filingDate)
      throw new EdgarParseError(
        url,
        `filing ${i}: bad accession "${accRaw}" or date "${r.filingDate[i]}"`,
      );
    const raw = r.acceptanceDateTime[i] || null;
    const size = r.size?.[i];
    return {
      accession,
      form: r.form[i] ?? '',
      filingDate,
      // The trailing Z is not true for many filers: read the wall clock as New York time.
      acceptedAt: raw ? easternWallClockToIso(raw) : null,
      acceptedAtRaw: raw,
      fileNumber: r.fileNumber?.[i] || null,
      primaryDocument: r.primaryDocument?.[i] || null,
      size: typeof size === 'number' ? size : null,
    };
  });
}

/**
 * A company's submissions (`data.sec.gov/submissions/CIK##########.json`): name, tickers, SIC,
 * former names and its filings (`recent`; with `allPages`, also every overflow page listed in
 * `filings.files`). Can lag the feed by hours.
 */
export async function fetchSubmissions(
  client: HttpClient,
  ep: EdgarEndpoints,
  cik: string,
  opts: { allPages?: boolean } = {},
): Promise<Submissions> {
  const url = submissionsUrl(ep, cik);
  const data = parseJson(
    await client.get(url, { accept: 'application/json', expect: 'json' }),
    url,
    SubmissionsResponse,
  );
  const filings = toSubmissionFilings(data.filings.recent, url);
  const pages = data.filings.files.map((f) => f.name);
  if (opts.allPages) {
    for (const name of pages) {
      const pageUrl = `${trimSlash(ep.dataUrl)}/submissions/${name}`;
      const page = parseJson(
        await client.get(pageUrl, { accept: 'application/json', expect: 'json' }),
        pageUrl,
        SubmissionsRecent,
      );
      filings.push(...toSubmissionFilings(page, pageUrl));
    }
  }
  const sic = data.sic?.trim() || null;
  return {
    cik: normalizeCik(data.cik) ?? requireCik(cik),
    name: data.name,
    tickers: data.tickers,
    sic,
    formerNames: data.formerNames.map((f) => f.name),
    filings,
    unfetchedPages: opts.allPages ? [] : pages,
  };
}

/** Every ticker EDGAR knows (`/files/company_tickers.json`). Pre-IPO companies are not in it. */
export async function fetchTickerMap(
  client: HttpClient,
  ep: EdgarEndpoints,
): Promise<TickerEntry[]> {
  const url = `${trimSlash(ep.baseUrl)}/files/company_tickers.json`;
  const data = parseJson(
    await client.get(url, { accept: 'application/json', expect: 'json' }),
    url,
    CompanyTickersResponse,
  );
  return Object.values(data).map((e) => ({
    cik: normalizeCik(e.cik_str)!,
    ticker: e.ticker,
    title: e.title,
  }));
}

// Files in every folder that are EDGAR's own renderings, not documents of the filing.
const GENERATED_FILE =
  /(-index\.html?|-index-headers\.html|-xbrl\.zip|^FilingSummary\.xml|^R\d+\.htm|^Financial_Report\.xlsx)$/i;

/**
 * The `{accession}-index.htm` page: form, dates, company, file number and the documents;
 * primary = the first document whose type equals the form. When the page cannot be parsed,
 * falls back to the folder's `index.json` (file names only: no types, so `primaryDocument` is
 * null and `form` is `opts.form` or ''), marked `source: 'index-json'`.
 */
export async function fetchFilingDetail(
  client: HttpClient,
  ep: EdgarEndpoints,
  cik: string,
  accession: string,
  opts: { form?: string } = {},
): Promise<FilingDetail> {
  const cik10 = requireCik(cik);
  const acc = requireAccession(accession);
  const indexUrl = filingIndexUrl(ep, cik10, acc);
  const res = await client.get(indexUrl, { accept: 'text/html' });
  let pageError: EdgarParseError;
  try {
    const page = parseFilingIndexPage(decodeText(res), indexUrl);
    if (page.accession && page.accession !== acc)
      throw new EdgarParseError(indexUrl, `page is for accession ${page.accession}, not ${acc}`);
    const self = page.filers.find((f) => f.cik === cik10) ?? page.filers[0];
    return {
      accession: acc,
      cik: cik10,
      companyName: self?.name ?? null,
      form: page.form,
      filingDate: page.filingDate,
      acceptedAt: page.acceptedAt,
      // The offering's file number: the principal filer's (a reporting owner's page may have none).
      fileNumber: page.filers.find((f) => f.fileNumber)?.fileNumber ?? null,
      documents: page.documents,
      primaryDocument: pickPrimaryDocument(page.form, page.documents),
      indexUrl,
      filers: page.filers,
      source: 'index-page',
    };
  } catch (err) {
    if (!(err instanceof EdgarParseError)) throw err;
    pageError = err;
  }
  const jsonUrl = documentUrl(ep, cik10, acc, 'index.json');
  let folder: FolderIndexResponse;
  try {
    folder = parseJson(
      await client.get(jsonUrl, { accept: 'application/json', expect: 'json' }),
      jsonUrl,
      FolderIndexResponse,
    );
  } catch (err) {
    if (err instanceof EdgarParseError)
      throw new EdgarParseError(indexUrl, `${pageError.problem}; and the fallback ${err.message}`, {
        cause: err,
      });
    throw err;
  }
  const documents = folder.directory.item
    .filter((i) => !GENERATED_FILE.test(i.name) && i.name !== `${acc}.txt`)
    .map((i) => {
      const size = Number.parseInt(String(i.size ?? ''), 10);
      return {
        seq: null,
        filename: i.name,
        type: '',
        description: '',
        size: Number.isFinite(size) ? size : null,
      };
    });
  if (documents.length === 0)
    throw new EdgarParseError(indexUrl, `${pageError.problem}; and ${jsonUrl} lists no documents`);
  return {
    accession: acc,
    cik: cik10,
    companyName: null,
    form: opts.form ?? '',
    filingDate: null,
    acceptedAt: null,
    fileNumber: null,
    documents,
    primaryDocument: null,
    indexUrl,
    source: 'index-json',
  };
}

/**
 * The primary document's bytes. When its name is unknown, it answers 404, or it is not HTML or
 * text (PDF, image, archive: `EdgarUnsupportedDocumentError`), fetches the full submission
 * `{accession}.txt` instead (the extractor picks the primary `<DOCUMENT>` by `<TYPE>` itself);
 * `fallbackReason` says why.
 */
export async function fetchPrimaryDocument(
  client: HttpClient,
  ep: EdgarEndpoints,
  cik: string,
  accession: string,
  primary: string | null,
): Promise<FetchedDocument> {
  let fallbackReason = 'the primary document is not known';
  let fallbackCode: FetchedDocument['fallbackCode'] = 'PRIMARY_UNKNOWN';
  if (primary) {
    const url = documentUrl(ep, cik, accession, primary);
    const res = await client.get(url, {
      accept: 'text/html, text/plain;q=0.9, */*;q=0.1',
      acceptStatus: [404],
    });
    if (res.status === 404) {
      fallbackReason = `${url} answered 404`;
      fallbackCode = 'PRIMARY_NOT_FOUND';
    } else {
      const contentType = res.headers['content-type'] ?? '';
      const binary = detectBinaryDocument(res.body, contentType, primary);
      if (!binary)
        return {
          filename: primary,
          url: res.url || url,
          contentType,
          bytes: res.body,
          via: 'primary',
        };
      const rejected = new EdgarUnsupportedDocumentError(url, binary);
      fallbackReason = rejected.message;
      fallbackCode = rejected.code;
    }
  }
  const acc = requireAccession(accession);
  const url = fullSubmissionUrl(ep, cik, acc);
  const res = await client.get(url, { accept: 'text/plain', expect: 'text' });
  const contentType = res.headers['content-type'] ?? 'text/plain';
  if (!/<SEC-DOCUMENT>|<DOCUMENT>/.test(res.body.subarray(0, 65536).toString('latin1'))) {
    throw new EdgarParseError(
      url,
      `not an EDGAR full submission (no <SEC-DOCUMENT>/<DOCUMENT>); fetched because ${fallbackReason}`,
    );
  }
  return {
    filename: `${acc}.txt`,
    url: res.url || url,
    contentType,
    bytes: res.body,
    via: 'full-submission',
    fallbackReason,
    fallbackCode,
  };
}
