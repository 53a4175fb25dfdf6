import { fetchDailyIndex, filingIndexUrl } from '../../sources/edgar/index.js';
import { hasFiling } from '../../store/filings.js';
import { getSourceState, setSourceState } from '../../store/source-state.js';
import { businessDaysBetween, previousBusinessDay } from './business-days.js';
import { endpointsOf, type EdgarDeps } from './deps.js';
import { recordDiscovery } from './discover.js';
import { formsOfInterest, matchWatches, type WatchIndex } from './match-watches.js';

const KEY = 'edgar.reconciledThrough';

export interface ReconcileStats {
  daysReconciled: number;
  filingsRecovered: number;
}

/**
 * Nothing missed while down: reads EDGAR's daily form index for each business day since the
 * last completed reconciliation (up to yesterday, whose index is published ~22:45 ET) and
 * records matching filings the feed never showed. Costs nothing when up to date. A first run
 * starts from yesterday: there is nothing to recover from before regwatch was running.
 */
export async function reconcileDailyIndex(deps: EdgarDeps, index: WatchIndex, today: string): Promise<ReconcileStats> {
  const { db } = deps;
  const yesterday = previousBusinessDay(today);
  const through = getSourceState(db, KEY);
  const stats: ReconcileStats = { daysReconciled: 0, filingsRecovered: 0 };
  if (through === null) {
    setSourceState(db, KEY, yesterday, deps.now());
    return stats;
  }
  const wanted = formsOfInterest(deps.config.watches);
  const ep = endpointsOf(deps.config);
  for (const day of businessDaysBetween(through, yesterday)) {
    const entries = await fetchDailyIndex(deps.client, ep, day);
    if (entries === null) deps.logger.info({ day }, 'no daily index for this weekday (a holiday); nothing to reconcile');
    const now = deps.now();
    db.transaction(() => {
      for (const e of entries ?? []) {
        if (!wanted(e.form) || hasFiling(db, e.accession)) continue;
        const filers = [{ cik: e.cik, name: e.companyName, role: 'Filer' }];
        const matches = matchWatches(index, { form: e.form, filers });
        if (matches.length === 0) continue;
        const f = { accession: e.accession, form: e.form, filingDate: e.filingDate, acceptedAt: null, filers, indexUrl: filingIndexUrl(ep, e.cik, e.accession) };
        if (recordDiscovery(deps, f, matches, { via: 'daily-index', history: false }, now)) stats.filingsRecovered++;
      }
      setSourceState(db, KEY, day, now);
    })();
    stats.daysReconciled++;
  }
  if (stats.filingsRecovered > 0) deps.logger.warn({ recovered: stats.filingsRecovered, days: stats.daysReconciled }, 'recovered filings the feed did not show');
  return stats;
}
