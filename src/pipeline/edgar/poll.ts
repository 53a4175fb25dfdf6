import { watchedCiks } from '../../store/filings.js';
import { syncWatches } from '../../store/watches.js';
import type { EdgarDeps } from './deps.js';
import { discoverFromFeed } from './discover.js';
import { buildWatchIndex, unresolvedTickers } from './match-watches.js';
import { isServicePaused, processDueFilings } from './process-due.js';
import { reconcileDailyIndex } from './reconcile.js';
import { loadTickers } from './tickers.js';
import { loadWatchHistories } from './watch-history.js';

/** Watches whose company history is loaded per poll (one submissions request each). */
const HISTORY_BUDGET = 20;

export type EdgarPollStats = Record<string, number>;

class Paused extends Error {}

/**
 * One EDGAR cycle: sync watches from the config, resolve tickers (daily), load the history of
 * new watches, reconcile missed business days against the daily index, read the feed back to
 * the last poll, then fetch, extract, diff and store every due filing with its alerts. A step
 * that fails is logged and counted and the next one still runs (a feed outage does not stop
 * due filings from being processed); a pause of SEC traffic ends the cycle.
 * @throws only when every step failed, so the run is recorded as failed.
 */
export async function pollEdgar(deps: EdgarDeps, signal?: AbortSignal): Promise<EdgarPollStats> {
  const now = deps.now();
  const log = deps.logger;
  const stats: EdgarPollStats = { errors: 0, paused: 0 };
  const failures: string[] = [];
  const step = async <T>(name: string, fn: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      if (isServicePaused(err)) throw new Paused((err as Error).message);
      stats.errors!++;
      failures.push(`${name}: ${(err as Error).message}`);
      log.error(
        { step: name, err: (err as Error).message },
        `EDGAR ${name} failed; the cycle goes on`,
      );
      return fallback;
    }
  };
  const watchStates = syncWatches(deps.db, deps.config.watches, now);
  try {
    const tickers = await step('ticker map', () => loadTickers(deps), new Map<string, string>());
    const unresolved = unresolvedTickers(deps.config.watches, tickers);
    if (unresolved.length > 0)
      log.warn(
        { watches: unresolved },
        "tickers not in the SEC's ticker map (pre-IPO companies have none: watch them by cik or company name)",
      );
    const history = await step(
      'watch history',
      () => loadWatchHistories(deps, tickers, watchStates, HISTORY_BUDGET),
      null,
    );
    const index = buildWatchIndex(deps.config.watches, tickers, watchedCiks(deps.db));
    const reconciled = await step(
      'daily index reconciliation',
      () => reconcileDailyIndex(deps, index, watchStates),
      null,
    );
    const discovered = await step('feed', () => discoverFromFeed(deps, index, watchStates), null);
    const processed = await processDueFilings(deps, { alert: true, signal });
    Object.assign(stats, {
      watchesLoaded: history?.watchesLoaded ?? 0,
      watchesPending: history?.watchesPending ?? 0,
      daysReconciled: reconciled?.daysReconciled ?? 0,
      filingsRecovered: reconciled?.filingsRecovered ?? 0,
      feedPages: discovered?.feedPages ?? 0,
      feedFilings: discovered?.feedFilings ?? 0,
      filingsDiscovered:
        (discovered?.filingsDiscovered ?? 0) +
        (history?.filingsStored ?? 0) +
        (reconciled?.filingsRecovered ?? 0),
      filingsProcessed: processed.filingsProcessed,
      filingsFailed: processed.filingsFailed,
      filingsRetrying: processed.filingsRetrying,
      alertsQueued: processed.alertsQueued,
      paused: processed.paused ? 1 : 0,
      fetchMs: Math.round(processed.fetchMs),
      storeMs: Math.round(processed.storeMs),
    });
    stats.errors! += processed.filingsFailed;
  } catch (err) {
    if (!(err instanceof Paused)) throw err;
    log.warn(
      { reason: err.message },
      'SEC traffic paused; the rest of this cycle waits for the next poll',
    );
    stats.paused = 1;
  }
  if (failures.length === 4) throw new Error(`every EDGAR step failed: ${failures.join('; ')}`);
  return stats;
}
