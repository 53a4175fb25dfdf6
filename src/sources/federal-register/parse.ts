import { createHash } from 'node:crypto';
import { load } from 'cheerio';
import type { z } from 'zod';
import { FrResponseError } from './errors.js';
import {
  FrDocument,
  FrPublicInspectionDocument,
  FrPublicInspectionList,
  FrSearchPage,
} from './schema.js';
import { isBusinessDay as isCalendarBusinessDay } from '../../calendar/business-days.js';
import type { FrDocumentType } from '../../config/schema.js';

/**
 * The `type` filter takes codes; results carry display names (a trap the guide names). One name
 * per code of FR_DOCUMENT_TYPES, checked by the compiler.
 */
export const TYPE_DISPLAY_NAMES: Readonly<Record<string, string>> = {
  RULE: 'Rule',
  PRORULE: 'Proposed Rule',
  NOTICE: 'Notice',
  PRESDOCU: 'Presidential Document',
} satisfies Record<FrDocumentType, string>;

/**
 * Whether a result's display-name type is one of the configured codes. A `Correction` is
 * kept whatever the codes: the API returns corrections of the requested types under that name.
 */
export function typeMatches(displayType: string | null, codes: readonly string[]): boolean {
  if (displayType === null) return true; // special filings may come untyped: keep rather than lose
  const t = displayType.trim().toLowerCase();
  if (t === 'correction') return true;
  return codes.some((c) => c.toLowerCase() === t || TYPE_DISPLAY_NAMES[c]?.toLowerCase() === t);
}

/**
 * A document number without zero padding, so a public-inspection number and the published
 * one compare equal (`2012-07333` and `2012-7333`; also `C1-2012-07333`).
 */
export function normalizeDocumentNumber(n: string): string {
  return n
    .trim()
    .toUpperCase()
    .split('-')
    .map((part) => (/^\d+$/.test(part) ? String(Number.parseInt(part, 10)) : part))
    .join('-');
}

/**
 * Reads a response body as JSON. An HTML page (the publisher's error pages are HTML with a
 * 200) or broken JSON becomes an error naming the URL and showing the first bytes.
 */
export function parseJsonBody(body: Buffer | string, url: string, contentType?: string): unknown {
  const text = (typeof body === 'string' ? body : body.toString('utf8')).replace(/^\uFEFF/, '');
  const head = text.trimStart().slice(0, 80).replace(/\s+/g, ' ');
  if (/^</.test(text.trimStart()) || (contentType !== undefined && /html/i.test(contentType))) {
    throw new FrResponseError(
      url,
      `expected JSON, got an HTML page (${contentType ?? 'no content-type'}): "${head}"`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new FrResponseError(url, `invalid JSON (${(err as Error).message}): "${head}"`);
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}

function parseWith<T extends z.ZodType>(
  schema: T,
  json: unknown,
  url: string,
  what: string,
): z.infer<T> {
  const r = schema.safeParse(json);
  if (!r.success) throw new FrResponseError(url, `not a ${what}: ${describeIssues(r.error)}`);
  return r.data;
}

/** Items of a list validated one by one: a malformed item is reported, the others kept. */
function parseItems<T extends z.ZodType>(
  schema: T,
  items: unknown[],
  url: string,
): { items: z.infer<T>[]; problems: string[] } {
  const out: z.infer<T>[] = [];
  const problems: string[] = [];
  items.forEach((item, i) => {
    const r = schema.safeParse(item);
    if (r.success) out.push(r.data);
    else {
      const n =
        typeof (item as { document_number?: unknown })?.document_number === 'string'
          ? ` (${(item as { document_number: string }).document_number})`
          : '';
      problems.push(`${url}: results[${i}]${n}: ${describeIssues(r.error)}`);
    }
  });
  return { items: out, problems };
}

export interface ParsedSearchPage {
  count: number;
  nextPageUrl: string | null;
  documents: FrDocument[];
  /** Malformed results, each naming its index and what was wrong. */
  problems: string[];
}

/** One `/documents.json` page. */
export function parseSearchPage(json: unknown, url: string): ParsedSearchPage {
  const page = parseWith(FrSearchPage, json, url, 'Federal Register search page');
  const { items, problems } = parseItems(FrDocument, page.results, url);
  return { count: page.count, nextPageUrl: page.next_page_url, documents: items, problems };
}

/** `/documents/{n}.json`. */
export function parseDocument(json: unknown, url: string): FrDocument {
  return parseWith(FrDocument, json, url, 'Federal Register document');
}

export interface ParsedPublicInspection {
  regularUpdatedAt: string | null;
  specialUpdatedAt: string | null;
  documents: FrPublicInspectionDocument[];
  problems: string[];
}

/** `/public-inspection-documents/current.json`. */
export function parsePublicInspectionList(json: unknown, url: string): ParsedPublicInspection {
  const list = parseWith(FrPublicInspectionList, json, url, 'public inspection list');
  const { items, problems } = parseItems(FrPublicInspectionDocument, list.results, url);
  return {
    regularUpdatedAt: list.regular_filings_updated_at,
    specialUpdatedAt: list.special_filings_updated_at,
    documents: items,
    problems,
  };
}

/** Marks a line break while whitespace is collapsed (a private-use character, never in a document). */
const BREAK = '\uE000';

const BLOCKS =
  'p, div, li, ul, ol, h1, h2, h3, h4, h5, h6, tr, table, pre, blockquote, section, article, dd, dt';

/** Clean text of a full-text page, and the text of each table cell (Entity List entries sit in tables). */
export interface FullText {
  text: string;
  cells: string[];
}

function collapse(s: string): string {
  return s.replace(/[ \t\f\v\u00a0\u200b]+/g, ' ').trim();
}

/**
 * The clean text of a `body_html_url` page (block elements on their own lines, scripts and
 * styles dropped), or of a `raw_text_url` page (plain text, sometimes wrapped in `<pre>`).
 */
export function extractFullText(body: string, contentType: string | undefined): FullText {
  const looksHtml = /html/i.test(contentType ?? '') || /^\s*</.test(body);
  if (!looksHtml)
    return { text: body.split(/\r?\n/).map(collapse).filter(Boolean).join('\n'), cells: [] };
  const $ = load(body);
  $('script, style, noscript, head').remove();
  const cells = $('td')
    .map((_, el) => collapse($(el).text().replace(/\s+/g, ' ')))
    .get()
    .filter((c) => c !== '');
  // Line breaks in the source are only whitespace; a private-use mark stands for a real break
  // (a block's edge, <br>, a line of <pre>) until the whitespace is collapsed.
  $('pre').each((_, el) => {
    $(el).text($(el).text().replace(/\r?\n/g, BREAK));
  });
  $('br').replaceWith(BREAK);
  $(BLOCKS).each((_, el) => {
    $(el).prepend(BREAK).append(BREAK);
  });
  $('td, th').each((_, el) => {
    $(el).append(' ');
  });
  const text = $.root()
    .text()
    .replace(/\s+/g, ' ')
    .split(BREAK)
    .map(collapse)
    .filter(Boolean)
    .join('\n');
  return { text, cells };
}

const DAY_MS = 86_400_000;

/** The calendar date (YYYY-MM-DD) of `now` in Washington, where the register's day is kept. */
export function registerDate(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/New_York',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** Whether a YYYY-MM-DD date is a business day: a weekday, not a federal holiday, not in `holidays` (extra closures). */
export function isBusinessDay(date: string, holidays: ReadonlySet<string> = new Set()): boolean {
  return isCalendarBusinessDay(date) && !holidays.has(date);
}

/**
 * The publication dates to re-poll: today (in Washington) if it is a business day, and the
 * `lookback` business days before it, newest first. Small on purpose (the guide: keep
 * windows to a day; re-poll the last few days because metadata is re-imported).
 */
export function pollWindow(
  now: Date,
  lookback: number,
  holidays: ReadonlySet<string> = new Set(),
): string[] {
  const today = registerDate(now);
  const out: string[] = [];
  if (isBusinessDay(today, holidays)) out.push(today);
  let t = new Date(`${today}T12:00:00Z`).getTime();
  let back = 0;
  while (back < lookback) {
    t -= DAY_MS;
    const d = new Date(t).toISOString().slice(0, 10);
    if (isBusinessDay(d, holidays)) {
      out.push(d);
      back++;
    }
  }
  return out;
}

/** Fields regwatch asks the search for: everything classification and the update check read. */
export const SEARCH_FIELDS = [
  'document_number',
  'title',
  'type',
  'abstract',
  'action',
  'dates',
  'effective_on',
  'comments_close_on',
  'publication_date',
  'agencies',
  'html_url',
  'pdf_url',
  'public_inspection_pdf_url',
  'body_html_url',
  'raw_text_url',
  'citation',
  'cfr_references',
  'docket_ids',
  'regulation_id_numbers',
  'correction_of',
  'corrections',
] as const;

/** `documents.json` for one publication date, the configured agencies and types, oldest first. */
export function buildSearchUrl(
  baseUrl: string,
  q: { agencies: readonly string[]; types: readonly string[]; date: string; perPage: number },
): string {
  const u = new URL(`${baseUrl.replace(/\/+$/, '')}/documents.json`);
  for (const a of q.agencies) u.searchParams.append('conditions[agencies][]', a);
  for (const t of q.types) u.searchParams.append('conditions[type][]', t);
  u.searchParams.set('conditions[publication_date][is]', q.date);
  for (const f of SEARCH_FIELDS) u.searchParams.append('fields[]', f);
  u.searchParams.set('per_page', String(q.perPage));
  u.searchParams.set('order', 'oldest');
  return u.toString();
}

/** The fields whose change makes an `updated` alert, as comparable text. */
export interface TrackedFields {
  title: string;
  abstract: string | null;
  dates: string | null;
  effective_on: string | null;
  corrections: string[];
}

export function trackedFields(d: FrDocument): TrackedFields {
  return {
    title: d.title,
    abstract: d.abstract,
    dates: d.dates,
    effective_on: d.effective_on,
    corrections: [...d.corrections].sort(),
  };
}

export interface ChangedField {
  field: string;
  old: string | null;
  new: string | null;
}

const norm = (s: string | null) => (s === null ? null : s.replace(/\s+/g, ' ').trim());

/**
 * What changed between two snapshots of a document: title, abstract, dates, effective date,
 * and corrections added (listed) or dropped. Whitespace-only edits are not changes.
 */
export function diffTrackedFields(before: TrackedFields, after: TrackedFields): ChangedField[] {
  const out: ChangedField[] = [];
  for (const f of ['title', 'abstract', 'dates', 'effective_on'] as const) {
    if (norm(before[f]) !== norm(after[f])) out.push({ field: f, old: before[f], new: after[f] });
  }
  const added = after.corrections.filter((c) => !before.corrections.includes(c));
  const dropped = before.corrections.filter((c) => !after.corrections.includes(c));
  if (added.length) out.push({ field: 'corrections', old: null, new: added.join(', ') });
  if (dropped.length)
    out.push({ field: 'corrections removed', old: dropped.join(', '), new: null });
  return out;
}

/** A short stable hash (hex) of a JSON-able value; deterministic dedupe keys are built from it. */
export function shortHash(value: unknown, length = 12): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, length);
}
