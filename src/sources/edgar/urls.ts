/**
 * Every EDGAR URL regwatch requests, built only from the configured endpoints (`config.sec`),
 * so a local server can stand in for all of EDGAR. A CIK, accession or date that is not one
 * throws a RangeError naming it (a caller's bug, never EDGAR's answer).
 */
import { normalizeAccession, normalizeCik, normalizeDate } from './identifiers.js';
import type { EdgarEndpoints } from './types.js';

/** The feed's page size: the largest EDGAR allows (10, 20, 40, 80 or 100). */
export const FEED_PAGE_SIZE = 100;

const trimSlash = (u: string) => u.replace(/\/+$/, '');

/** A CIK as 10 digits; throws a RangeError when it is not 1 to 10 digits. */
export function requireCik(cik: string): string {
  const c = normalizeCik(cik);
  if (!c) throw new RangeError(`"${cik}" is not a CIK (1 to 10 digits)`);
  return c;
}

/** An accession number dashed; throws a RangeError when it is not one. */
export function requireAccession(accession: string): string {
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

/** A company's submissions JSON: `{dataUrl}/submissions/CIK##########.json`. */
export function submissionsUrl(ep: EdgarEndpoints, cik: string): string {
  return `${trimSlash(ep.dataUrl)}/submissions/CIK${requireCik(cik)}.json`;
}

/** An overflow page of a company's submissions (a name listed in its `filings.files`). */
export function submissionsPageUrl(ep: EdgarEndpoints, name: string): string {
  return `${trimSlash(ep.dataUrl)}/submissions/${name}`;
}

/** Every ticker EDGAR knows: `/files/company_tickers.json`. */
export function tickerMapUrl(ep: EdgarEndpoints): string {
  return `${trimSlash(ep.baseUrl)}/files/company_tickers.json`;
}
