/**
 * The EDGAR source: every request regwatch makes to the SEC, through an injected `HttpClient`.
 * This module only sequences the I/O: which URL (urls.ts), which answers are data, which are
 * "nothing here", which call for a fallback; reading a body is pure and lives in the parsers
 * (parse.ts gathers them), JSON shapes in schema.ts.
 */
import type { HttpClient } from '../../http/types.js';
import { isRateThresholdPage, isS3MissingKeyBody } from './answer-pages.js';
import { groupFeedEntries, parseAtomFeed, type FeedEntry } from './atom-feed.js';
import { parseFormIndex } from './daily-index.js';
import {
  EdgarParseError,
  EdgarRateThresholdError,
  EdgarUnexpectedResponseError,
  EdgarUnsupportedDocumentError,
} from './errors.js';
import { filingDetailOfPage, parseFilingIndexPage } from './filing-index-page.js';
import { folderDocuments } from './folder-index.js';
import { normalizeCik } from './identifiers.js';
import { detectBinaryDocument } from './parse.js';
import { decodeText, parseJson } from './response-body.js';
import {
  CompanyTickersResponse,
  FolderIndexResponse,
  SubmissionsRecent,
  SubmissionsResponse,
} from './schema.js';
import { parseSubmissionFilings } from './submissions.js';
import {
  dailyIndexUrl,
  documentUrl,
  FEED_PAGE_SIZE,
  filingIndexUrl,
  fullSubmissionUrl,
  latestFilingsUrl,
  requireAccession,
  requireCik,
  submissionsPageUrl,
  submissionsUrl,
  tickerMapUrl,
} from './urls.js';
import type {
  EdgarEndpoints,
  FeedFiling,
  FetchedDocument,
  FilingDetail,
  IndexEntry,
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
export {
  dailyIndexUrl,
  documentUrl,
  filingIndexUrl,
  fullSubmissionUrl,
  latestFilingsUrl,
  submissionsUrl,
} from './urls.js';

const DEFAULT_MAX_PAGES = 10;

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
  const entries: FeedEntry[] = [];
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
  const filings = parseSubmissionFilings(data.filings.recent, url);
  const pages = data.filings.files.map((f) => f.name);
  if (opts.allPages) {
    for (const name of pages) {
      const pageUrl = submissionsPageUrl(ep, name);
      const page = parseJson(
        await client.get(pageUrl, { accept: 'application/json', expect: 'json' }),
        pageUrl,
        SubmissionsRecent,
      );
      filings.push(...parseSubmissionFilings(page, pageUrl));
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
  const url = tickerMapUrl(ep);
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
    return filingDetailOfPage(
      parseFilingIndexPage(decodeText(res), indexUrl),
      cik10,
      acc,
      indexUrl,
    );
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
  const documents = folderDocuments(folder, acc);
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
