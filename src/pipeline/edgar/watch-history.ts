import { createHash } from 'node:crypto';
import type { Watch } from '../../config/schema.js';
import { HttpStatusError } from '../../http/errors.js';
import { fetchSubmissions, filingIndexUrl } from '../../sources/edgar/index.js';
import { filingByAccession, markFilingSkipped, upsertCompany } from '../../store/filings.js';
import { loadedHistories, setSourceState } from '../../store/source-state.js';
import type { WatchState } from '../../store/watches.js';
import { isNewFiling } from '../../calendar/new-filings.js';
import { endpointsOf, type EdgarDeps } from './deps.js';
import { recordDiscovery } from './discover.js';
import { isAnnualReport } from './forms.js';

const key = (watch: string) => `edgar.watchHistory.${watch}`;
const hashOf = (w: Watch) =>
  createHash('sha256').update(JSON.stringify(w)).digest('hex').slice(0, 16);

export interface HistoryStats {
  watchesLoaded: number;
  watchesPending: number;
  filingsStored: number;
}

/**
 * A watch added to the config (or changed) reads its company's submissions JSON once: filings
 * new by the one rule (isNewFiling: accepted after the watch was first seen, or during the
 * latest business day open by then) alert, older ones are stored as history (only the latest version of each offering
 * and the latest annual report are fetched and extracted, so the next version has something
 * to be compared with; older ones are recorded as skipped). At most `budget` watches load per
 * poll, so a large new watchlist spreads its one request per company over many polls.
 */
/** Watches whose history is not loaded yet, found once per process and config (a 10,000-company watchlist is not re-read every poll). */
const pendingByConfig = new WeakMap<Watch[], Set<Watch>>();

function pendingWatches(deps: EdgarDeps): Set<Watch> {
  let pending = pendingByConfig.get(deps.config.watches);
  if (!pending) {
    const loaded = loadedHistories(deps.db);
    pending = new Set(
      deps.config.watches.filter(
        (w) => (w.cik || w.ticker) && loaded.get(key(w.name)) !== hashOf(w),
      ),
    );
    pendingByConfig.set(deps.config.watches, pending);
  }
  return pending;
}

export async function loadWatchHistories(
  deps: EdgarDeps,
  tickers: Map<string, string>,
  states: Map<string, WatchState>,
  budget: number,
): Promise<HistoryStats> {
  const stats: HistoryStats = { watchesLoaded: 0, watchesPending: 0, filingsStored: 0 };
  const pending = pendingWatches(deps);
  for (const w of [...pending]) {
    const cik = w.cik ?? (w.ticker ? tickers.get(w.ticker) : undefined);
    if (!cik) continue; // a ticker the map does not know (yet): tried again when the map is refreshed
    if (stats.watchesLoaded >= budget) {
      stats.watchesPending++;
      continue;
    }
    const firstSeen = new Date(states.get(w.name)?.firstSeenAt ?? deps.now());
    stats.filingsStored += await loadHistoryOf(deps, w, cik, firstSeen);
    pending.delete(w);
    stats.watchesLoaded++;
  }
  return stats;
}

async function loadHistoryOf(
  deps: EdgarDeps,
  w: Watch,
  cik: string,
  firstSeen: Date,
): Promise<number> {
  const ep = endpointsOf(deps.config);
  const now = deps.now();
  let subs;
  try {
    subs = await fetchSubmissions(deps.client, ep, cik);
  } catch (err) {
    // EDGAR has no submissions for a CIK that never filed: nothing to load, and nothing to retry.
    if (!(err instanceof HttpStatusError && err.status === 404)) throw err;
    setSourceState(deps.db, key(w.name), hashOf(w), now);
    deps.logger.info(
      { watch: w.name, cik },
      'no EDGAR submissions for this CIK yet; its filings will be found as they arrive',
    );
    return 0;
  }
  const relevant = subs.filings
    .filter((f) => w.forms.includes(f.form))
    .sort((a, b) =>
      a.filingDate === b.filingDate
        ? a.accession.localeCompare(b.accession)
        : a.filingDate.localeCompare(b.filingDate),
    );
  // The newest version of each lineage (offering by file number; annual reports) is the one a new version is compared with.
  const latest = new Map<string, string>();
  for (const f of relevant)
    latest.set(isAnnualReport(f.form) ? 'annual' : (f.fileNumber ?? `form:${f.form}`), f.accession);
  const keepers = new Set(latest.values());
  let stored = 0;
  deps.db.transaction(() => {
    upsertCompany(deps.db, { cik, name: subs.name, tickers: subs.tickers, sic: subs.sic }, now);
    for (const f of relevant) {
      const history = !isNewFiling(f, firstSeen);
      const filers = [{ cik, name: subs.name, role: 'Filer' }];
      const matches = [
        {
          watch: w.name,
          cik,
          matchedBy: w.cik ? `cik ${cik}` : `ticker ${w.ticker}`,
          requireKeywords: null,
        },
      ];
      const created = recordDiscovery(
        deps,
        { ...f, filers, indexUrl: filingIndexUrl(ep, cik, f.accession) },
        matches,
        { via: 'submissions', history },
        now,
      );
      if (!created) continue;
      stored++;
      if (history && !keepers.has(f.accession))
        markFilingSkipped(
          deps.db,
          filingByAccession(deps.db, f.accession)!.id,
          'older version stored as history; run `regwatch backfill` to extract it',
          now,
        );
    }
    setSourceState(deps.db, key(w.name), hashOf(w), now);
  })();
  deps.logger.info(
    { watch: w.name, cik, company: subs.name, filings: relevant.length, stored },
    'watch history loaded from submissions',
  );
  return stored;
}
