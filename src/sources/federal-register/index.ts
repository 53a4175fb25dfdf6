import type { HttpClient, HttpResponse } from '../../http/types.js';
import type { Logger } from '../../log/logger.js';
import { FrResponseError } from './errors.js';
import {
  extractFullText,
  parseDocument,
  parseJsonBody,
  parsePublicInspectionList,
  parseSearchPage,
  type FullText,
  type ParsedPublicInspection,
  type ParsedSearchPage,
} from './parse.js';
import type { FrDocument } from './schema.js';

export { FrResponseError } from './errors.js';
export type { FrDocument, FrPublicInspectionDocument } from './schema.js';

/**
 * The Federal Register source: every request goes through the injected client to URLs under
 * `federalRegister.baseUrl` (which includes `/api/v1`) or to URLs the API itself returned.
 */

const JSON_ACCEPT = 'application/json';

function header(res: HttpResponse, name: string): string | undefined {
  const key = Object.keys(res.headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : res.headers[key];
}

async function getJson(
  client: HttpClient,
  url: string,
  acceptStatus?: number[],
): Promise<{ status: number; json: unknown }> {
  // `expect: 'json'`: an HTML error page answered with a 200 fails in the client, naming its type.
  const res = await client.get(url, {
    accept: JSON_ACCEPT,
    expect: 'json',
    ...(acceptStatus ? { acceptStatus } : {}),
  });
  if (res.status !== 200) return { status: res.status, json: null };
  return { status: res.status, json: parseJsonBody(res.body, url, header(res, 'content-type')) };
}

/** Why paging stopped: the last page, a page seen before (the API's reset past page 50), or the page bound. */
export type PagingEnd = 'last-page' | 'repeated-page' | 'page-limit';

export interface SearchPage extends ParsedSearchPage {
  url: string;
  index: number;
}

/**
 * Pages of one search, following `next_page_url` exactly as given (newer responses carry a
 * `search_after_cursor` in it). Stops when a page repeats (same first document as an earlier
 * page: past page 50 the API silently restarts at page 1) or after `maxPages`, and reports
 * which through `onEnd`, so a truncated poll is logged, never silent.
 */
export async function* searchDocuments(
  client: HttpClient,
  firstUrl: string,
  options: { maxPages: number; onEnd?: (end: PagingEnd, pages: number, url: string) => void },
): AsyncGenerator<SearchPage> {
  const firsts = new Set<string>();
  let url: string | null = firstUrl;
  let index = 0;
  while (url !== null) {
    if (index >= options.maxPages) {
      options.onEnd?.('page-limit', index, url);
      return;
    }
    const { json } = await getJson(client, url);
    const page = parseSearchPage(json, url);
    const first = page.documents[0]?.document_number;
    if (first !== undefined) {
      if (firsts.has(first)) {
        options.onEnd?.('repeated-page', index, url);
        return;
      }
      firsts.add(first);
    }
    yield { ...page, url, index };
    index++;
    // An empty page ends the search whatever it says next: nothing to gain, a loop to risk.
    url = page.documents.length + page.problems.length === 0 ? null : page.nextPageUrl;
  }
  options.onEnd?.('last-page', index, firstUrl);
}

/** `/documents/{n}.json`, or null when it is not (or no longer) published (404). */
export async function fetchDocument(
  client: HttpClient,
  baseUrl: string,
  documentNumber: string,
): Promise<FrDocument | null> {
  const url = `${baseUrl.replace(/\/+$/, '')}/documents/${encodeURIComponent(documentNumber)}.json`;
  const { status, json } = await getJson(client, url, [404]);
  if (status === 404) return null;
  return parseDocument(json, url);
}

/** `/public-inspection-documents/current.json`: what is on public inspection now. */
export async function fetchPublicInspection(
  client: HttpClient,
  baseUrl: string,
): Promise<ParsedPublicInspection> {
  const url = `${baseUrl.replace(/\/+$/, '')}/public-inspection-documents/current.json`;
  const { json } = await getJson(client, url);
  return parsePublicInspectionList(json, url);
}

/** The largest full-text page read; big rules run to a few megabytes of HTML. */
const FULL_TEXT_MAX_BYTES = 40 * 1024 * 1024;

/**
 * A document's clean full text: `body_html_url` first, else `raw_text_url`. Null when the
 * document has neither, or both answer 404 (not rendered yet): the caller stores it without
 * text. Any other failure throws, so the document is retried on the next poll rather than
 * stored without the text its matching needs.
 */
export async function fetchFullText(
  client: HttpClient,
  urls: { body_html_url?: string | null; raw_text_url?: string | null },
): Promise<FullText | null> {
  for (const url of [urls.body_html_url, urls.raw_text_url]) {
    if (!url) continue;
    const res = await client.get(url, {
      accept: 'text/html, text/plain;q=0.9',
      expect: 'text',
      maxBytes: FULL_TEXT_MAX_BYTES,
      acceptStatus: [404],
    });
    if (res.status === 404) continue;
    const body = res.body.toString('utf8');
    const contentType = header(res, 'content-type');
    if (/json/i.test(contentType ?? ''))
      throw new FrResponseError(url, `expected the full text, got ${contentType}`);
    return extractFullText(body, contentType);
  }
  return null;
}

/** Logs how a search ended when it did not end on its last page. */
export function logPagingEnd(logger: Logger, end: PagingEnd, pages: number, url: string): void {
  if (end === 'repeated-page')
    logger.warn(
      { pages, url },
      'federal-register: a page repeated an earlier one (the API resets past page 50); stopped paging',
    );
  else if (end === 'page-limit')
    logger.warn(
      { pages, url },
      'federal-register: page limit reached; stopped paging (narrow the window or the agencies)',
    );
}
