import { fetchLatestFilings, type FeedFiling } from '../../sources/edgar/index.js';
import { hasFiling, insertDiscoveredFiling, linkFilingWatch } from '../../store/filings.js';
import { EDGAR_NEWEST_KEY } from '../../store/freshness.js';
import { getSourceState, setSourceState } from '../../store/source-state.js';
import type { WatchState } from '../../store/watches.js';
import { isNewFiling, type FilingMoment } from '../../calendar/new-filings.js';
import { endpointsOf, type EdgarDeps } from './deps.js';
import { matchWatches, type WatchIndex, type WatchMatch } from './match-watches.js';

const RECENT_KEY = 'edgar.feed.recent';

/** Accessions remembered from earlier polls, to stop paging where the last poll ended. */
const RECENT_CAP = 2000;
/** Pages read back on a first run (100 entries each); later polls stop at the first known entry. */
const FIRST_RUN_PAGES = 10;
const MAX_PAGES = 20;

export interface DiscoveryStats {
  feedPages: number;
  feedFilings: number;
  filingsDiscovered: number;
  reachedKnown: boolean;
}

/** Which watches were first seen when (the `watches` table, synced from the config). */
export type FirstSeen = ReadonlyMap<string, Pick<WatchState, 'firstSeenAt'>>;

/**
 * Whether a filing is new (alerted) for at least one of the watches it matched, by the one
 * rule for "new" (src/calendar/new-filings.ts); otherwise it is stored as history. A watch
 * not in `firstSeen` counts as first seen `now`.
 */
export function isNewForWatches(
  f: FilingMoment,
  matches: readonly WatchMatch[],
  firstSeen: FirstSeen,
  now: Date,
): boolean {
  return matches.some((m) => isNewFiling(f, new Date(firstSeen.get(m.watch)?.firstSeenAt ?? now)));
}

/**
 * Reads the latest-filings feed (all forms, newest first) back to the first entry already
 * seen, matches every entry against all watches at once, and records the matching filings
 * (with their watches and the new feed position) in one transaction. Entries that are not new
 * for any watch they match (see isNewForWatches) are stored as history (no alert). The newest
 * acceptance time read is kept (`edgar.feed.newestAcceptedAt`) for the lag in `status`.
 */
export async function discoverFromFeed(
  deps: EdgarDeps,
  index: WatchIndex,
  firstSeen: FirstSeen,
): Promise<DiscoveryStats> {
  const { db } = deps;
  const recentJson = getSourceState(db, RECENT_KEY);
  const firstRun = recentJson === null;
  const recent = new Set<string>(JSON.parse(recentJson ?? '[]') as string[]);
  const feed = await fetchLatestFilings(deps.client, endpointsOf(deps.config), '', {
    isKnown: (acc) => recent.has(acc) || hasFiling(db, acc),
    maxPages: firstRun ? FIRST_RUN_PAGES : MAX_PAGES,
  });
  if (!firstRun && !feed.reachedKnown)
    deps.logger.warn(
      { pages: feed.pages },
      'feed paging did not reach the last poll; the daily index reconciliation will recover what was missed',
    );
  const now = deps.now();
  let discovered = 0;
  db.transaction(() => {
    for (const f of feed.filings) {
      if (recent.has(f.accession) || hasFiling(db, f.accession)) continue;
      const matches = matchWatches(index, { form: f.form, filers: f.filers });
      if (matches.length === 0) continue;
      if (
        recordDiscovery(
          deps,
          f,
          matches,
          { via: 'atom', history: !isNewForWatches(f, matches, firstSeen, now) },
          now,
        )
      )
        discovered++;
    }
    const newest = [...feed.filings.map((f) => f.accession), ...recent].slice(0, RECENT_CAP);
    setSourceState(db, RECENT_KEY, JSON.stringify(newest), now);
    const newestAccepted = latestInstant(feed.filings.map((f) => f.acceptedAt));
    if (newestAccepted && newestAccepted > (getSourceState(db, EDGAR_NEWEST_KEY) ?? ''))
      setSourceState(db, EDGAR_NEWEST_KEY, newestAccepted, now);
  })();
  return {
    feedPages: feed.pages,
    feedFilings: feed.filings.length,
    filingsDiscovered: discovered,
    reachedKnown: feed.reachedKnown,
  };
}

/** The latest of some ISO instants, as an ISO string in UTC (comparable as text); null when none is readable. */
function latestInstant(values: (string | null)[]): string | null {
  let best = -Infinity;
  for (const v of values) {
    const t = v ? Date.parse(v) : NaN;
    if (t > best) best = t;
  }
  return Number.isFinite(best) ? new Date(best).toISOString() : null;
}

/**
 * Inserts a discovered filing under the filer that matched (the first filer when no watch
 * matched, as in a backfill of an unwatched company), and links its watches. Call inside a
 * transaction.
 */
export function recordDiscovery(
  deps: EdgarDeps,
  f: Pick<
    FeedFiling,
    'accession' | 'form' | 'filingDate' | 'acceptedAt' | 'filers' | 'indexUrl'
  > & { fileNumber?: string | null; primaryDocument?: string | null },
  matches: WatchMatch[],
  how: { via: 'atom' | 'daily-index' | 'submissions' | 'backfill'; history: boolean },
  now: Date,
): boolean {
  const filer = f.filers.find((x) => x.cik === matches[0]?.cik) ?? f.filers[0];
  if (!filer) return false;
  const { id, created } = insertDiscoveredFiling(
    deps.db,
    {
      accession: f.accession,
      cik: filer.cik,
      companyName: filer.name,
      form: f.form,
      fileNumber: f.fileNumber ?? null,
      filingDate: f.filingDate,
      acceptedAt: f.acceptedAt,
      primaryDocument: f.primaryDocument ?? null,
      sourceUrl: f.indexUrl,
      discoveredVia: how.via,
      history: how.history,
    },
    now,
  );
  for (const m of matches) linkFilingWatch(deps.db, id, m.watch, m.matchedBy);
  if (created)
    deps.logger.info(
      {
        accession: f.accession,
        form: f.form,
        company: filer.name,
        watches: matches.map((m) => `${m.watch}: ${m.matchedBy}`),
        via: how.via,
        history: how.history,
      },
      'filing matched',
    );
  return created;
}
