/**
 * The latest-filings Atom feed (`browse-edgar?action=getcurrent&output=atom`): its entries, one
 * per (accession, role), and the filings they group into. Pure.
 */
import { EdgarParseError } from './errors.js';
import { normalizeAccession, normalizeCik, normalizeDate } from './identifiers.js';
import type { FeedFiling, FilingParty } from './types.js';

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

/** The patterns below, made once per tag or attribute name (a feed page reads them 100 times). */
const tagPatterns = new Map<string, RegExp>();
function tagPattern(key: string, make: () => RegExp): RegExp {
  let re = tagPatterns.get(key);
  if (!re) tagPatterns.set(key, (re = make()));
  return re;
}

/** The text of the first `<tag ...>text</tag>` in `xml` (CDATA unwrapped), or null. */
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
