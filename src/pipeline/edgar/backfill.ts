import { RegwatchError } from '../../errors.js';
import { fetchSubmissions, fetchTickerMap, filingIndexUrl } from '../../sources/edgar/index.js';
import {
  filingByAccession,
  upsertCompany,
  watchedCiks,
  type FilingRow,
} from '../../store/filings.js';
import { endpointsOf, type EdgarDeps } from './deps.js';
import { recordDiscovery } from './discover.js';
import { normalizeCompanyName } from './company-name.js';
import { hasRiskFactors, lifecycleEvent } from './forms.js';
import { buildWatchIndex, matchWatches } from './match-watches.js';
import { processDueFilings, type ProcessStats } from './process-due.js';

/** A company to backfill could not be identified. */
export class UnknownCompanyError extends RegwatchError {
  override readonly code = 'UNKNOWN_COMPANY';
}

export type CompanyRef = { cik: string } | { ticker: string } | { company: string };

/** Resolves a ticker or company name to a CIK through the SEC's ticker map (listed companies only). */
export async function resolveCik(
  deps: EdgarDeps,
  ref: CompanyRef,
): Promise<{ cik: string; name: string | null }> {
  if ('cik' in ref) return { cik: ref.cik.padStart(10, '0'), name: null };
  const map = await fetchTickerMap(deps.client, endpointsOf(deps.config));
  if ('ticker' in ref) {
    const hit = map.find((e) => e.ticker.toUpperCase() === ref.ticker.toUpperCase());
    if (!hit)
      throw new UnknownCompanyError(
        `ticker ${ref.ticker.toUpperCase()} is not in the SEC's ticker map (pre-IPO companies have none); use --cik`,
      );
    return { cik: hit.cik, name: hit.title };
  }
  const want = normalizeCompanyName(ref.company);
  const hits = [
    ...new Map(
      map.filter((e) => normalizeCompanyName(e.title) === want).map((e) => [e.cik, e]),
    ).values(),
  ];
  if (hits.length === 0)
    throw new UnknownCompanyError(
      `no listed company named "${ref.company}" in the SEC's ticker map (a pre-IPO company is not in it); find its CIK on EDGAR's company search and use --cik`,
    );
  if (hits.length > 1)
    throw new UnknownCompanyError(
      `"${ref.company}" names ${hits.length} companies: ${hits.map((h) => `${h.title} (CIK ${h.cik})`).join(', ')}; use --cik`,
    );
  return { cik: hits[0]!.cik, name: hits[0]!.title };
}

export interface BackfillResult extends ProcessStats {
  cik: string;
  company: string;
  filings: number;
  alreadyStored: number;
}

/**
 * Builds a company's chain of versions from its submissions JSON (all pages): every filing
 * with a Risk Factors section (and withdrawals), oldest first, each stored, extracted and
 * diffed against the version before it. No alerts unless `alert` (then the watches covering
 * the company are told).
 */
export async function backfillCompany(
  deps: EdgarDeps,
  cik: string,
  options: {
    alert: boolean;
    forms?: string[];
    onStart?: (total: number) => void;
    onFiling?: (f: FilingRow, outcome: string) => void;
  },
): Promise<BackfillResult> {
  const ep = endpointsOf(deps.config);
  const subs = await fetchSubmissions(deps.client, ep, cik, { allPages: true });
  const relevant = subs.filings
    .filter((f) =>
      options.forms
        ? options.forms.includes(f.form)
        : hasRiskFactors(f.form) || lifecycleEvent(f.form) === 'withdrawn',
    )
    .sort((a, b) =>
      a.filingDate === b.filingDate
        ? a.accession.localeCompare(b.accession)
        : a.filingDate.localeCompare(b.filingDate),
    );
  const index = buildWatchIndex(deps.config.watches, new Map(), watchedCiks(deps.db));
  const now = deps.now();
  let alreadyStored = 0;
  const mine = new Set<string>();
  deps.db.transaction(() => {
    upsertCompany(
      deps.db,
      { cik: subs.cik, name: subs.name, tickers: subs.tickers, sic: subs.sic },
      now,
    );
    for (const f of relevant) {
      const existing = filingByAccession(deps.db, f.accession);
      if (existing && existing.status !== 'discovered') {
        alreadyStored++;
        continue;
      }
      mine.add(f.accession);
      const filers = [{ cik: subs.cik, name: subs.name, role: 'Filer' }];
      const matches = matchWatches(index, { form: f.form, filers });
      if (!existing)
        recordDiscovery(
          deps,
          { ...f, filers, indexUrl: filingIndexUrl(ep, subs.cik, f.accession) },
          matches,
          { via: 'backfill', history: !options.alert },
          now,
        );
    }
  })();
  options.onStart?.(mine.size);
  const stats = await processDueFilings(deps, {
    alert: options.alert,
    only: (f) => mine.has(f.accession),
    onFiling: options.onFiling,
  });
  return { ...stats, cik: subs.cik, company: subs.name, filings: relevant.length, alreadyStored };
}
