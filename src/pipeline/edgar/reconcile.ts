import { fetchDailyIndex, filingIndexUrl } from '../../sources/edgar/index.js';
import { hasFiling } from '../../store/filings.js';
import { getSourceState, setSourceState } from '../../store/source-state.js';
import { firstNewDay } from '../../calendar/new-filings.js';
import { businessDaysBetween, edgarDate, previousBusinessDay } from './business-days.js';
import { endpointsOf, type EdgarDeps } from './deps.js';
import { isNewForWatches, recordDiscovery, type FirstSeen } from './discover.js';
import { formsOfInterest, matchWatches, type WatchIndex } from './match-watches.js';

const KEY = 'edgar.reconciledThrough';

export interface ReconcileStats {
  daysReconciled: number;
  filingsRecovered: number;
}

/**
 * Nothing missed while down: reads EDGAR's daily form index for each business day (holidays
 * by the calendar, never fetched) since the last completed reconciliation, up to the business
 * day before today (whose index is published ~22:45 ET), and records matching filings the feed
 * never showed; whether each is new or history follows the one rule (isNewForWatches). Costs
 * nothing when up to date. A first run reads the days the rule for "new" reaches back to
 * (a daemon first started on Saturday reads Friday's index), none before.
 */
export async function reconcileDailyIndex(
  deps: EdgarDeps,
  index: WatchIndex,
  firstSeen: FirstSeen,
): Promise<ReconcileStats> {
  const { db } = deps;
  const started = deps.now();
  const yesterday = previousBusinessDay(edgarDate(started));
  let through = getSourceState(db, KEY);
  if (through === null) {
    // Kept at once: the days a later start must read back to are counted from this first one.
    through = previousBusinessDay(firstNewDay(started));
    setSourceState(db, KEY, through, started);
  }
  const stats: ReconcileStats = { daysReconciled: 0, filingsRecovered: 0 };
  const wanted = formsOfInterest(deps.config.watches);
  const ep = endpointsOf(deps.config);
  for (const day of businessDaysBetween(through, yesterday)) {
    const entries = await fetchDailyIndex(deps.client, ep, day);
    if (entries === null)
      deps.logger.warn(
        { day },
        'EDGAR has no daily index for this business day; nothing to reconcile',
      );
    const now = deps.now();
    db.transaction(() => {
      for (const e of entries ?? []) {
        if (!wanted(e.form) || hasFiling(db, e.accession)) continue;
        const filers = [{ cik: e.cik, name: e.companyName, role: 'Filer' }];
        const matches = matchWatches(index, { form: e.form, filers });
        if (matches.length === 0) continue;
        const f = {
          accession: e.accession,
          form: e.form,
          filingDate: e.filingDate,
          acceptedAt: null,
          filers,
          indexUrl: filingIndexUrl(ep, e.cik, e.accession),
        };
        const history = !isNewForWatches(f, matches, firstSeen, now);
        if (recordDiscovery(deps, f, matches, { via: 'daily-index', history }, now))
          stats.filingsRecovered++;
      }
      setSourceState(db, KEY, day, now);
    })();
    stats.daysReconciled++;
  }
  if (stats.filingsRecovered > 0)
    deps.logger.warn(
      { recovered: stats.filingsRecovered, days: stats.daysReconciled },
      'recovered filings the feed did not show',
    );
  return stats;
}
