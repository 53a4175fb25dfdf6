/** The data the EDGAR source hands to the pipeline. CIKs are 10-digit, accessions dashed, dates YYYY-MM-DD. */

/** Where EDGAR lives (`config.sec`); a test server stands in for all three. */
export interface EdgarEndpoints {
  /** www.sec.gov: the Atom feed, `/Archives/...`, `/files/company_tickers.json`. */
  baseUrl: string;
  /** data.sec.gov: `/submissions/CIK##########.json`. */
  dataUrl: string;
  /** efts.sec.gov: full-text search (not used by this module yet). */
  eftsUrl: string;
}

/** One company named on a filing, with its role (`Filer`, `Issuer`, `Reporting`, `Subject`, `Filed by`). */
export interface FilingParty {
  cik: string;
  name: string;
  role: string;
}

/** One filing from the latest-filings feed (all its (accession, role) entries grouped). */
export interface FeedFiling {
  accession: string;
  form: string;
  /** YYYY-MM-DD */
  filingDate: string;
  /** The feed's `updated`, ISO-8601 with EDGAR's own offset (e.g. `2026-01-12T11:27:39-05:00`). */
  acceptedAt: string | null;
  filers: FilingParty[];
  indexUrl: string;
}

/** One line of a daily index (one per (accession, CIK): a filing with several filers has several). */
export interface IndexEntry {
  cik: string;
  companyName: string;
  form: string;
  filingDate: string;
  accession: string;
}

export interface SubmissionFiling {
  accession: string;
  form: string;
  filingDate: string;
  /**
   * `acceptanceDateTime` read as New York wall-clock time (EDGAR writes a `Z` that is not true
   * for many filers), ISO-8601 with the New York offset. Null when empty.
   */
  acceptedAt: string | null;
  /** `acceptanceDateTime` exactly as EDGAR sent it. */
  acceptedAtRaw?: string | null;
  fileNumber: string | null;
  primaryDocument: string | null;
  size: number | null;
}

export interface Submissions {
  cik: string;
  name: string;
  tickers: string[];
  sic: string | null;
  formerNames: string[];
  /** `filings.recent`, newest first, then the overflow pages when `allPages` was asked for. */
  filings: SubmissionFiling[];
  /** Overflow pages EDGAR lists that were not fetched (empty when `allPages`). */
  unfetchedPages?: string[];
}

export interface TickerEntry {
  cik: string;
  ticker: string;
  title: string;
}

export interface FilingDocument {
  seq: number | null;
  filename: string;
  type: string;
  description: string;
  size: number | null;
}

export interface FilingDetail {
  accession: string;
  /** The CIK the detail was asked for (10-digit). */
  cik: string;
  companyName: string | null;
  form: string;
  filingDate: string | null;
  /** The page's "Accepted" (New York wall clock) as ISO-8601 with the New York offset. */
  acceptedAt: string | null;
  /** The first filer's file number ("File No."), the key that links the versions of one offering. */
  fileNumber: string | null;
  documents: FilingDocument[];
  /** The first document whose type equals the form; null when none does (use the full submission). */
  primaryDocument: string | null;
  indexUrl: string;
  /** Every company on the page with its role and own file number. */
  filers?: (FilingParty & { fileNumber: string | null })[];
  /** `index-page` normally; `index-json` when the page could not be parsed (no types, no form). */
  source?: 'index-page' | 'index-json';
}

export interface FetchedDocument {
  filename: string;
  url: string;
  contentType: string;
  bytes: Buffer;
  via: 'primary' | 'full-submission';
  /** Why the primary document was not used (404, not HTML/text, name unknown). */
  fallbackReason?: string;
  /** The same as a stable code: `PRIMARY_UNKNOWN`, `PRIMARY_NOT_FOUND` or `EDGAR_UNSUPPORTED_DOCUMENT`. */
  fallbackCode?: 'PRIMARY_UNKNOWN' | 'PRIMARY_NOT_FOUND' | 'EDGAR_UNSUPPORTED_DOCUMENT';
}
