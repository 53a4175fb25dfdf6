/**
 * Pure parsers of EDGAR's text formats: the latest-filings Atom feed, the daily form and master
 * indexes, the `{accession}-index.htm` filing detail page and the SGML header of a submission.
 * Each takes the body and the URL it came from; anything that is not the expected format throws
 * an `EdgarParseError` naming the URL and the problem (never an empty success).
 */
import { load } from 'cheerio';
import { easternWallClockToIso } from './eastern-time.js';
import { EdgarParseError } from './errors.js';
import type { FeedFiling, FilingDocument, FilingParty, IndexEntry } from './types.js';

// ---------------------------------------------------------------------------------------------
// Normalisation

/** A CIK (number or string, padded or not) as 10 digits; null when it is not 1-10 digits. */
export function normalizeCik(value: string | number): string | null {
  const s = String(value).trim();
  return /^\d{1,10}$/.test(s) ? s.padStart(10, '0') : null;
}

/** An accession number with or without dashes as `0001234567-24-000001`; null when malformed. */
export function normalizeAccession(value: string): string | null {
  const digits = value.trim().replace(/-/g, '');
  if (!/^\d{18}$/.test(digits)) return null;
  return `${digits.slice(0, 10)}-${digits.slice(10, 12)}-${digits.slice(12)}`;
}

/** `20240131` or `2024-01-31` as `2024-01-31`; null when not a real calendar date. */
export function normalizeDate(value: string): string | null {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (
    d.getUTCFullYear() !== Number(m[1]) ||
    d.getUTCMonth() !== Number(m[2]) - 1 ||
    d.getUTCDate() !== Number(m[3])
  )
    return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

// ---------------------------------------------------------------------------------------------
// Bodies that are answers, not data

/** EDGAR's fair-access block page (HTTP 403), which must never be read as "not found". */
export function isRateThresholdPage(body: string): boolean {
  return /Request Rate Threshold Exceeded/i.test(body);
}

/** The S3 error EDGAR's Archives return for a daily index that does not exist (non-business day, not yet published). */
export function isS3MissingKeyBody(body: string): boolean {
  return /<Error>\s*<Code>\s*(AccessDenied|NoSuchKey)\s*<\/Code>/i.test(body);
}

// ---------------------------------------------------------------------------------------------
// Latest-filings Atom feed

/** One `<entry>` of the feed: one (accession, role) pair. */
export interface FeedEntry {
  accession: string;
  form: string;
  filingDate: string;
  acceptedAt: string | null;
  cik: string;
  name: string;
  role: string;
  link: string;
}

// `4 - DAVIS CHARLES A (0001071287) (Reporting)`; names may contain " - " and parentheses.
const FEED_TITLE = /^(.+?) - (.*) \((\d{1,10})\) \(([^()]+)\)$/;

/** Decodes the five XML entities and numeric references (the feed escapes names and the summary's HTML). */
function decodeXmlText(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (m, e: string) => {
    const k = e.toLowerCase();
    if (k.startsWith('#x')) return String.fromCodePoint(Number.parseInt(k.slice(2), 16));
    if (k.startsWith('#')) return String.fromCodePoint(Number.parseInt(k.slice(1), 10));
    return ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[k] ?? m;
  });
}

/** The text of the first `<tag ...>text</tag>` in `xml` (CDATA unwrapped), or null. */
const tagPatterns = new Map<string, RegExp>();
function tagPattern(key: string, make: () => RegExp): RegExp {
  let re = tagPatterns.get(key);
  if (!re) tagPatterns.set(key, (re = make()));
  return re;
}

function elementText(xml: string, tag: string): string | null {
  const m = tagPattern(
    `t:${tag}`,
    () => new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`),
  ).exec(xml);
  if (!m) return null;
  const raw = m[1]!;
  const cdata = /^\s*<!\[CDATA\[([\s\S]*)\]\]>\s*$/.exec(raw);
  return cdata ? cdata[1]! : decodeXmlText(raw);
}

/** The value of `attr` on the first `<tag .../>` in `xml`, or null. */
function elementAttr(xml: string, tag: string, attr: string): string | null {
  const el = tagPattern(`e:${tag}`, () => new RegExp(`<${tag}\\s[^>]*>`)).exec(xml)?.[0];
  const v = el
    ? tagPattern(`a:${attr}`, () => new RegExp(`\\s${attr}="([^"]*)"`)).exec(el)?.[1]
    : undefined;
  return v === undefined ? null : decodeXmlText(v);
}

/**
 * Parses a `browse-edgar?action=getcurrent&output=atom` page. A feed without entries is a valid
 * empty page; a body that is not a whole `<feed>` (cut short, HTML error page) or an entry
 * missing its accession, form, date or filer throws. The feed is machine-written and flat, so
 * it is read with anchored patterns rather than a DOM (a page is 100 entries, polled often).
 */
export function parseAtomFeed(xml: string, url: string): FeedEntry[] {
  const body = xml.trim();
  if (!/<feed[\s>]/.test(body))
    throw new EdgarParseError(url, 'not an Atom feed (no <feed> element)');
  if (!/<\/feed>$/.test(body))
    throw new EdgarParseError(url, 'Atom feed is cut short (no closing </feed>)');
  const entries: FeedEntry[] = [];
  const entryRe = /<entry>([\s\S]*?)<\/entry>/g;
  let i = 0;
  for (let em = entryRe.exec(body); em; em = entryRe.exec(body), i++) {
    const entry = em[1]!;
    const where = `entry ${i + 1}`;
    const title = (elementText(entry, 'title') ?? '').trim().replace(/\s+/g, ' ');
    const t = FEED_TITLE.exec(title);
    if (!t)
      throw new EdgarParseError(
        url,
        `${where}: title "${title.slice(0, 120)}" is not "FORM - NAME (CIK) (ROLE)"`,
      );
    const summary = (elementText(entry, 'summary') ?? '').replace(/<[^>]*>/g, ' ');
    const id = elementText(entry, 'id') ?? '';
    const acc = normalizeAccession(
      /AccNo:\s*([\d-]{18,20})/.exec(summary)?.[1] ??
        /accession-number=([\d-]{18,20})/.exec(id)?.[1] ??
        '',
    );
    if (!acc)
      throw new EdgarParseError(
        url,
        `${where} ("${title.slice(0, 80)}"): no accession number in summary or id`,
      );
    const filed = normalizeDate(/Filed:\s*(\d{4}-\d{2}-\d{2})/.exec(summary)?.[1] ?? '');
    if (!filed) throw new EdgarParseError(url, `${where} (${acc}): no "Filed:" date in summary`);
    const term = elementAttr(entry, 'category', 'term')?.trim();
    const updated = (elementText(entry, 'updated') ?? '').trim();
    entries.push({
      accession: acc,
      form: term || t[1]!.trim(),
      filingDate: filed,
      acceptedAt: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(updated) ? updated : null,
      cik: normalizeCik(t[3]!)!,
      name: t[2]!.trim(),
      role: t[4]!.trim(),
      link: elementAttr(entry, 'link', 'href') ?? '',
    });
  }
  // An <entry> left open means the page was cut or garbled between entries.
  const opened = (body.match(/<entry>/g) ?? []).length;
  if (opened !== entries.length)
    throw new EdgarParseError(
      url,
      `${opened} <entry> elements but ${entries.length} complete ones`,
    );
  return entries;
}

// Roles whose CIK owns the filing folder in the feed's links; a reporting owner is never first.
const PRINCIPAL_ROLES = ['Filer', 'Issuer', 'Subject', 'Filed by'];

/**
 * Groups feed entries by accession (the feed has one entry per (accession, role)), keeping the
 * order of first appearance (newest first). `indexUrlFor` builds the detail page URL from the
 * principal filer's CIK (Filer/Issuer/Subject before Reporting).
 */
export function groupFeedEntries(
  entries: FeedEntry[],
  indexUrlFor: (cik: string, accession: string) => string,
): FeedFiling[] {
  const byAcc = new Map<string, { first: FeedEntry; filers: FilingParty[] }>();
  for (const e of entries) {
    let g = byAcc.get(e.accession);
    if (!g) {
      g = { first: e, filers: [] };
      byAcc.set(e.accession, g);
    }
    if (!g.filers.some((f) => f.cik === e.cik && f.role === e.role))
      g.filers.push({ cik: e.cik, name: e.name, role: e.role });
  }
  return [...byAcc.values()].map(({ first, filers }) => {
    const rank = (r: string) => {
      const i = PRINCIPAL_ROLES.indexOf(r);
      return i < 0 ? PRINCIPAL_ROLES.length : i;
    };
    const ordered = [...filers].sort((a, b) => rank(a.role) - rank(b.role));
    return {
      accession: first.accession,
      form: first.form,
      filingDate: first.filingDate,
      acceptedAt: first.acceptedAt,
      filers: ordered,
      indexUrl: indexUrlFor(ordered[0]!.cik, first.accession),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Daily indexes

const ACCESSION_IN_PATH = /^edgar\/data\/\d+\/(\d{10}-\d{2}-\d{6})\.txt$/;

/** Splits an index into its column header line and data lines; throws when the header is missing. */
function splitIndex(
  text: string,
  url: string,
  columns: string[],
): { header: string; lines: { no: number; text: string }[] } {
  const lines = text.split(/\r?\n/);
  const dash = lines.findIndex((l) => /^-{20,}\s*$/.test(l));
  const header = dash > 0 ? lines[dash - 1]! : '';
  if (dash < 0 || !columns.every((c) => header.includes(c))) {
    throw new EdgarParseError(
      url,
      `not an EDGAR daily index (no "${columns.join(' / ')}" header above a dashed line)`,
    );
  }
  const out: { no: number; text: string }[] = [];
  for (let i = dash + 1; i < lines.length; i++)
    if (lines[i]!.trim() !== '') out.push({ no: i + 1, text: lines[i]! });
  return { header, lines: out };
}

function pushUnique(out: IndexEntry[], seen: Set<string>, e: IndexEntry): void {
  // EDGAR repeats a line for each document series of a filer; one entry per (accession, CIK, form) is enough.
  const key = `${e.accession}|${e.cik}|${e.form}`;
  if (seen.has(key)) return;
  seen.add(key);
  out.push(e);
}

/**
 * The fixed-width daily form index (`form.YYYYMMDD.idx`). Columns are found from the header;
 * the right-hand fields (CIK, date, file name) are read from the end of the line, so a form
 * or company name that overflows its column does not shift them.
 */
export function parseFormIndex(text: string, url: string): IndexEntry[] {
  const { header, lines } = splitIndex(text, url, [
    'Form Type',
    'Company Name',
    'CIK',
    'Date Filed',
    'File Name',
  ]);
  const companyCol = header.indexOf('Company Name');
  const out: IndexEntry[] = [];
  const seen = new Set<string>();
  for (const { no, text: line } of lines) {
    const m = /\s(\d{1,10})\s+(\d{8})\s+(edgar\/data\/\S+)\s*$/.exec(line);
    const acc = m ? ACCESSION_IN_PATH.exec(m[3]!)?.[1] : undefined;
    const date = m ? normalizeDate(m[2]!) : null;
    if (!m || !acc || !date)
      throw new EdgarParseError(
        url,
        `line ${no}: "${line.trim().slice(0, 120)}" is not "FORM COMPANY CIK YYYYMMDD edgar/data/.../ACCESSION.txt"`,
      );
    const left = line.slice(0, m.index);
    let form: string;
    let company: string;
    if (left.length <= companyCol || left[companyCol - 1] === ' ') {
      form = left.slice(0, companyCol).trim();
      company = left.slice(companyCol).trim();
    } else {
      // The form overflowed its column (SCHEDULE 13G/A): it runs on to the next space.
      const end = left.indexOf(' ', companyCol - 1);
      form = (end < 0 ? left : left.slice(0, end)).trim();
      company = end < 0 ? '' : left.slice(end).trim();
    }
    if (!form) throw new EdgarParseError(url, `line ${no}: no form type`);
    pushUnique(out, seen, {
      cik: normalizeCik(m[1]!)!,
      companyName: company,
      form,
      filingDate: date,
      accession: acc,
    });
  }
  return out;
}

/** The pipe-delimited daily master index (`master.YYYYMMDD.idx`: CIK|Company Name|Form Type|Date Filed|File Name). */
export function parseMasterIndex(text: string, url: string): IndexEntry[] {
  const { lines } = splitIndex(text, url, ['CIK|Company Name|Form Type|Date Filed|File Name']);
  const out: IndexEntry[] = [];
  const seen = new Set<string>();
  for (const { no, text: line } of lines) {
    const f = line.trim().split('|');
    // A company name containing "|" would add fields: the outer four are fixed.
    const cik = f.length >= 5 ? normalizeCik(f[0]!) : null;
    const file = f[f.length - 1] ?? '';
    const date = normalizeDate(f[f.length - 2] ?? '');
    const form = (f[f.length - 3] ?? '').trim();
    const acc = ACCESSION_IN_PATH.exec(file.trim())?.[1];
    if (!cik || !date || !acc || !form)
      throw new EdgarParseError(
        url,
        `line ${no}: "${line.trim().slice(0, 120)}" is not "CIK|COMPANY|FORM|YYYYMMDD|edgar/data/.../ACCESSION.txt"`,
      );
    pushUnique(out, seen, {
      cik,
      companyName: f
        .slice(1, f.length - 3)
        .join('|')
        .trim(),
      form,
      filingDate: date,
      accession: acc,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Filing detail page `{accession}-index.htm`

export interface FilingIndexPage {
  accession: string | null;
  form: string;
  filingDate: string | null;
  acceptedAt: string | null;
  filers: (FilingParty & { fileNumber: string | null })[];
  documents: FilingDocument[];
}

const clean = (s: string) =>
  s
    .replace(/\u00a0/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * Reads the "Filing Detail" page: form, accession, filing date, accepted time, each filer with
 * CIK, role and "File No." (absent on some pages, e.g. reporting owners), and the documents
 * tables (the "Complete submission text file" row is not a document). Throws when the page has
 * no form or no documents.
 */
export function parseFilingIndexPage(html: string, url: string): FilingIndexPage {
  const $ = load(html);
  const form = clean($('#formName strong').first().text()).replace(/^Form\s+/i, '');
  if (!form) throw new EdgarParseError(url, 'not a filing detail page (no "Form ..." name)');
  const accession = normalizeAccession(/(\d{10}-\d{2}-\d{6})/.exec($('#secNum').text())?.[1] ?? '');
  const info = new Map<string, string>();
  $('.infoHead').each((_, el) => {
    info.set(clean($(el).text()), clean($(el).next('.info').text()));
  });
  const filers: FilingIndexPage['filers'] = [];
  $('.companyInfo').each((_, el) => {
    const text = clean($(el).find('.companyName').text());
    const m = /^(.*?)\s*\(([^()]+)\)\s*CIK:?\s*(\d{1,10})/.exec(text);
    if (!m) return;
    const ident = clean($(el).find('.identInfo').text());
    filers.push({
      cik: normalizeCik(m[3]!)!,
      name: m[1]!,
      role: m[2]!,
      fileNumber: /File No\.:\s*([0-9][0-9A-Za-z-]*)/.exec(ident)?.[1] ?? null,
    });
  });
  const documents: FilingDocument[] = [];
  $('table.tableFile tr').each((_, tr) => {
    const cells = $(tr).children('td');
    if (cells.length < 5) return;
    const description = clean(cells.eq(1).text());
    if (/^Complete submission text file$/i.test(description)) return;
    const docCell = cells.eq(2);
    const filename = clean(docCell.find('a').first().text() || docCell.text());
    if (!filename) return;
    const seq = Number.parseInt(clean(cells.eq(0).text()), 10);
    const size = Number.parseInt(clean(cells.eq(4).text()), 10);
    documents.push({
      seq: Number.isFinite(seq) ? seq : null,
      filename,
      type: clean(cells.eq(3).text()),
      description,
      size: Number.isFinite(size) ? size : null,
    });
  });
  if (documents.length === 0)
    throw new EdgarParseError(url, `filing detail page for form ${form} lists no documents`);
  const accepted = info.get('Accepted');
  return {
    accession,
    form,
    filingDate: normalizeDate(info.get('Filing Date') ?? ''),
    acceptedAt: accepted ? easternWallClockToIso(accepted) : null,
    filers,
    documents,
  };
}

/** The primary document: the first whose type equals the form (EDGAR's own rule); null when none does. */
export function pickPrimaryDocument(
  form: string,
  documents: { filename: string; type: string }[],
): string | null {
  const f = form.trim().toUpperCase();
  return documents.find((d) => d.type.trim().toUpperCase() === f)?.filename ?? null;
}

// ---------------------------------------------------------------------------------------------
// SGML header of a full submission `.txt` (or of `-index-headers.html`)

export interface SgmlHeader {
  accession: string | null;
  form: string | null;
  filingDate: string | null;
  acceptedAt: string | null;
  filers: (FilingParty & { fileNumber: string | null })[];
  /** `<DOCUMENT>` entries in order (type, sequence, filename, description). */
  documents: FilingDocument[];
}

const SGML_ROLES: Record<string, string> = {
  FILER: 'Filer',
  'SUBJECT COMPANY': 'Subject',
  'FILED BY': 'Filed by',
  'REPORTING-OWNER': 'Reporting',
  ISSUER: 'Issuer',
};

/**
 * Reads the `<SEC-HEADER>` of a submission: accession, type, filing date, acceptance time
 * (New York wall clock), each party with its role, CIK and SEC FILE NUMBER, and the list of
 * `<DOCUMENT>`s. Accepts the escaped form inside `-index-headers.html` too.
 */
export function parseSgmlHeader(text: string, url: string): SgmlHeader {
  let src = text;
  // -index-headers.html carries the header twice: as tags in a comment and, readable, escaped in <PRE>.
  const escaped = src.indexOf('&lt;SEC-HEADER&gt;');
  if (escaped >= 0) {
    src = src.slice(escaped).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  }
  const start = src.indexOf('<SEC-HEADER>');
  const end = src.indexOf('</SEC-HEADER>', start);
  if (start < 0 || end < 0)
    throw new EdgarParseError(url, 'no <SEC-HEADER> ... </SEC-HEADER> block');
  const header = src.slice(start, end);
  const value = (label: string) =>
    new RegExp(`^\\s*${label}:[ \\t]*(.+)$`, 'm').exec(header)?.[1]?.trim() ?? null;
  const filers: SgmlHeader['filers'] = [];
  let current: (FilingParty & { fileNumber: string | null }) | null = null;
  for (const line of header.split(/\r?\n/)) {
    const block = /^([A-Z][A-Z -]*):\s*$/.exec(line);
    if (block) {
      const role = SGML_ROLES[block[1]!.trim()];
      current = role ? { cik: '', name: '', role, fileNumber: null } : current;
      if (role) filers.push(current!);
      continue;
    }
    if (!current) continue;
    const kv = /^\s+([A-Z][A-Z0-9 -]*):\s*(.*)$/.exec(line);
    if (!kv) continue;
    const [key, val] = [kv[1]!.trim(), kv[2]!.trim()];
    if (key === 'COMPANY CONFORMED NAME' && !current.name) current.name = val;
    else if (key === 'CENTRAL INDEX KEY' && !current.cik) current.cik = normalizeCik(val) ?? '';
    else if (key === 'SEC FILE NUMBER' && !current.fileNumber) current.fileNumber = val || null;
  }
  const acceptance = /<ACCEPTANCE-DATETIME>\s*(\d{14})/.exec(header)?.[1];
  const documents: FilingDocument[] = [];
  const docRe =
    /<DOCUMENT>\s*<TYPE>([^\r\n]*)\s*<SEQUENCE>([^\r\n]*)\s*<FILENAME>([^\r\n]*)(?:\s*<DESCRIPTION>([^\r\n]*))?/g;
  for (let m = docRe.exec(src); m; m = docRe.exec(src)) {
    const seq = Number.parseInt(m[2]!.trim(), 10);
    documents.push({
      seq: Number.isFinite(seq) ? seq : null,
      type: m[1]!.trim(),
      filename: m[3]!.trim(),
      description: (m[4] ?? '').trim(),
      size: null,
    });
  }
  const accession = normalizeAccession(value('ACCESSION NUMBER') ?? '');
  const form = value('CONFORMED SUBMISSION TYPE');
  if (!accession && !form)
    throw new EdgarParseError(
      url,
      'SEC-HEADER has neither ACCESSION NUMBER nor CONFORMED SUBMISSION TYPE',
    );
  return {
    accession,
    form,
    filingDate: normalizeDate(value('FILED AS OF DATE') ?? ''),
    acceptedAt: acceptance ? easternWallClockToIso(acceptance) : null,
    filers: filers.filter((f) => f.cik !== ''),
    documents,
  };
}

// ---------------------------------------------------------------------------------------------
// Document kinds

/**
 * What kind of binary a document is ('PDF', 'PNG image', 'ZIP archive' ...), from its first
 * bytes, its Content-Type and its name; null when it may be HTML or text.
 */
export function detectBinaryDocument(
  bytes: Uint8Array,
  contentType: string,
  filename: string,
): string | null {
  const head = Buffer.from(bytes.subarray(0, 8));
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'a PDF';
  if (head[0] === 0x89 && head.subarray(1, 4).toString('latin1') === 'PNG') return 'a PNG image';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'a JPEG image';
  if (head.subarray(0, 4).toString('latin1') === 'GIF8') return 'a GIF image';
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04)
    return 'a ZIP archive';
  const ct = contentType.toLowerCase();
  if (ct.startsWith('application/pdf')) return 'a PDF';
  if (ct.startsWith('image/')) return `an image (${ct.split(';')[0]})`;
  if (/^application\/(zip|x-zip|octet-stream|vnd\.openxmlformats|vnd\.ms-excel|msword)/.test(ct))
    return `binary (${ct.split(';')[0]})`;
  const ext = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase();
  if (
    ext &&
    ['pdf', 'jpg', 'jpeg', 'png', 'gif', 'zip', 'xlsx', 'xls', 'docx', 'doc'].includes(ext)
  )
    return `a .${ext} file`;
  return null;
}
