import { classifyError } from '../../errors.js';
import { fetchTickerMap } from '../../sources/edgar/index.js';
import { getSourceState, setSourceState } from '../../store/source-state.js';
import { edgarDate } from './business-days.js';
import { endpointsOf, type EdgarDeps } from './deps.js';

const KEY = 'edgar.tickers';

/**
 * Ticker -> CIK from the SEC's company_tickers.json, fetched at most once a day and only when
 * a watch names a ticker (the map is ~700 KB; the cache keeps what the watches need).
 */
export async function loadTickers(deps: EdgarDeps): Promise<Map<string, string>> {
  const wanted = deps.config.watches.flatMap((w) => (w.ticker ? [w.ticker] : []));
  if (wanted.length === 0) return new Map();
  const today = edgarDate(deps.now());
  const cached = JSON.parse(getSourceState(deps.db, KEY) ?? 'null') as {
    fetchedOn: string;
    map: Record<string, string>;
  } | null;
  if (cached && cached.fetchedOn === today) return new Map(Object.entries(cached.map));
  let entries;
  try {
    entries = await fetchTickerMap(deps.client, endpointsOf(deps.config));
  } catch (err) {
    if (cached) {
      // Handled here (yesterday's map serves): a warning, whatever the kind of the failure.
      const { kind, code, message } = classifyError(err);
      deps.logger.warn(
        { kind, code, reason: message, fetchedOn: cached.fetchedOn },
        'ticker map refresh failed; using the cached one',
      );
      return new Map(Object.entries(cached.map));
    }
    throw err;
  }
  const map: Record<string, string> = {};
  for (const e of entries) map[e.ticker.toUpperCase()] = e.cik;
  setSourceState(deps.db, KEY, JSON.stringify({ fetchedOn: today, map }), deps.now());
  return new Map(Object.entries(map));
}
