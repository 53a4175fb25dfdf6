import type { Watch } from '../../config/schema.js';
import { normalizeCompanyName } from './company-name.js';
import { isOfferingFollowUp, isOriginalRegistration } from './forms.js';

/** Config fields being added to watches (company name, a new-registrant name pattern), read defensively. */
type WatchExtras = { company?: string; newRegistrants?: { namePattern?: string } };

/** A filing as discovery sees it before fetching anything: who filed what. */
export interface Candidate {
  form: string;
  filers: { cik: string; name: string }[];
}

export interface WatchMatch {
  watch: string;
  /** The filer that matched (a filing can have several: issuer, co-registrants). */
  cik: string;
  /** Why, for the log and the alert: "cik 0001234567", "ticker NVDA", "company name \"Acme AI\"", "new S-1 registrant". */
  matchedBy: string;
  /** A new-registrant watch with keywords matches only if the risk factors contain one of these. */
  requireKeywords: string[] | null;
}

/**
 * Every watch indexed for matching thousands of feed entries in one pass: the cost of a
 * match does not grow with the watchlist (lookups by CIK and normalised name; new-registrant
 * watches are few and checked in turn).
 */
export interface WatchIndex {
  byCik: Map<string, { watch: Watch; how: string }[]>;
  byName: Map<string, Watch[]>;
  learned: Map<string, Set<string>>;
  newRegistrants: { watch: Watch; pattern: RegExp | null }[];
  all: Map<string, Watch>;
}

/**
 * @param tickers ticker -> CIK for the watched tickers (from company_tickers.json)
 * @param learned CIK -> watches that already matched a filing of it (by name or as a new registrant)
 */
export function buildWatchIndex(
  watches: Watch[],
  tickers: Map<string, string>,
  learned: Map<string, Set<string>>,
): WatchIndex {
  const index: WatchIndex = {
    byCik: new Map(),
    byName: new Map(),
    learned,
    newRegistrants: [],
    all: new Map(),
  };
  const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => (m.get(k) ?? m.set(k, []).get(k)!).push(v);
  for (const w of watches) {
    index.all.set(w.name, w);
    const extra = w as Watch & WatchExtras;
    if (w.cik) push(index.byCik, w.cik, { watch: w, how: `cik ${w.cik}` });
    else if (w.ticker) {
      const cik = tickers.get(w.ticker);
      if (cik) push(index.byCik, cik, { watch: w, how: `ticker ${w.ticker}` });
    } else if (extra.company) push(index.byName, normalizeCompanyName(extra.company), w);
    else if (w.newRegistrants) {
      const p = extra.newRegistrants?.namePattern;
      index.newRegistrants.push({ watch: w, pattern: p ? new RegExp(p, 'i') : null });
    }
  }
  return index;
}

/** Watches whose ticker the map could not resolve (logged, so a typo is seen). */
export function unresolvedTickers(watches: Watch[], tickers: Map<string, string>): string[] {
  return watches
    .filter((w) => w.ticker && !tickers.has(w.ticker))
    .map((w) => `${w.name} (${w.ticker})`);
}

/** The watches a filing matches, each once, with why. Pure. */
export function matchWatches(index: WatchIndex, c: Candidate): WatchMatch[] {
  const out = new Map<string, WatchMatch>();
  const add = (m: WatchMatch) => {
    if (!out.has(m.watch)) out.set(m.watch, m);
  };
  for (const filer of c.filers) {
    for (const { watch, how } of index.byCik.get(filer.cik) ?? []) {
      if (watch.forms.includes(c.form))
        add({ watch: watch.name, cik: filer.cik, matchedBy: how, requireKeywords: null });
    }
    const norm = normalizeCompanyName(filer.name);
    for (const watch of index.byName.get(norm) ?? []) {
      if (watch.forms.includes(c.form))
        add({
          watch: watch.name,
          cik: filer.cik,
          matchedBy: `company name "${(watch as Watch & WatchExtras).company}" = filer "${filer.name}"`,
          requireKeywords: null,
        });
    }
    // A company found by name once (its name may change later) or a new registrant followed through its offering.
    for (const name of index.learned.get(filer.cik) ?? []) {
      const watch = index.all.get(name);
      if (!watch || out.has(name)) continue;
      const follows = watch.newRegistrants
        ? isOfferingFollowUp(c.form)
        : (watch as Watch & WatchExtras).company !== undefined && watch.forms.includes(c.form);
      if (follows)
        add({
          watch: name,
          cik: filer.cik,
          matchedBy: `cik ${filer.cik} matched earlier`,
          requireKeywords: null,
        });
    }
    if (isOriginalRegistration(c.form)) {
      for (const { watch, pattern } of index.newRegistrants) {
        if (!watch.newRegistrants!.forms.includes(c.form)) continue;
        if (pattern && !pattern.test(filer.name)) continue;
        const keywords = watch.newRegistrants!.keywords;
        add({
          watch: watch.name,
          cik: filer.cik,
          matchedBy: `new ${c.form} registrant${pattern ? ` named like /${pattern.source}/` : ''}`,
          requireKeywords: keywords.length > 0 ? keywords : null,
        });
      }
    }
  }
  return [...out.values()];
}

/** Every form any watch needs (the feed is read whole, so this only filters the daily index cheaply). */
export function formsOfInterest(watches: Watch[]): (form: string) => boolean {
  const exact = new Set(watches.flatMap((w) => [...w.forms, ...(w.newRegistrants?.forms ?? [])]));
  const follow = watches.some((w) => w.newRegistrants || (w as Watch & WatchExtras).company);
  return (form) => exact.has(form) || (follow && isOfferingFollowUp(form));
}
