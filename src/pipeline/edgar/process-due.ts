import { RegwatchError } from '../../errors.js';
import { logFailure } from '../../log/failure.js';
import { dueFilings, markFilingRetry, type FilingRow } from '../../store/filings.js';
import type { EdgarDeps } from './deps.js';
import { failFiling, fetchFiling, storeFiling } from './process-filing.js';

/** Attempts before a filing that keeps failing is reported as unreadable. */
export const MAX_ATTEMPTS = 6;
const FIRST_RETRY_MS = 2 * 60_000;

export interface ProcessStats {
  filingsProcessed: number;
  filingsFailed: number;
  filingsRetrying: number;
  alertsQueued: number;
  paused: boolean;
  /** Time spent fetching (rate limit included) and storing (extract, diff, one transaction), in ms. */
  fetchMs: number;
  storeMs: number;
}

/** An error the SEC client raises while all SEC traffic is paused (rate threshold). */
export function isServicePaused(err: unknown): boolean {
  return (
    err instanceof Error &&
    (err.name === 'ServicePausedError' || (err as { code?: string }).code === 'SERVICE_PAUSED')
  );
}

function isRetryable(err: unknown): boolean {
  // Our coded errors say whether they are transient; anything else is unexpected and tried again, then reported.
  return err instanceof RegwatchError
    ? (err as RegwatchError & { retryable?: boolean }).retryable === true
    : true;
}

/**
 * Fetches, extracts, diffs and stores every filing whose turn has come, one at a time (the
 * SEC's rate limit is the bottleneck, not the CPU). A transient failure is retried with
 * backoff; one that keeps failing, or fails for good, is kept, marked failed and reported.
 * Stops at once when the SEC pauses traffic: what is left stays queued.
 */
export async function processDueFilings(
  deps: EdgarDeps,
  options: {
    alert: boolean;
    only?: (f: FilingRow) => boolean;
    onFiling?: (f: FilingRow, outcome: string) => void;
    signal?: AbortSignal;
  } = { alert: true },
): Promise<ProcessStats> {
  const stats: ProcessStats = {
    filingsProcessed: 0,
    filingsFailed: 0,
    filingsRetrying: 0,
    alertsQueued: 0,
    paused: false,
    fetchMs: 0,
    storeMs: 0,
  };
  for (const f of dueFilings(deps.db, deps.now())) {
    if (options.signal?.aborted) break; // the daemon is stopping: the rest waits, safely queued
    if (options.only && !options.only(f)) continue;
    const log = deps.logger.child({ accession: f.accession, form: f.form, cik: f.cik });
    try {
      const t0 = performance.now();
      const fetched = await fetchFiling(deps, f);
      const t1 = performance.now();
      const out = storeFiling(deps, f, fetched, { alert: options.alert });
      stats.fetchMs += t1 - t0;
      stats.storeMs += performance.now() - t1;
      stats.filingsProcessed++;
      stats.alertsQueued += out.alertsQueued;
      log.info(
        { sectionFound: out.sectionFound, diff: out.diffId, alerts: out.alertsQueued },
        'filing processed',
      );
      options.onFiling?.(f, 'processed');
    } catch (err) {
      if (isServicePaused(err)) {
        stats.paused = true;
        log.warn(
          { err: (err as Error).message },
          'SEC traffic paused; the remaining filings wait for the next poll',
        );
        break;
      }
      const message = err instanceof Error ? err.message : String(err);
      if (isRetryable(err) && f.attempts + 1 < MAX_ATTEMPTS) {
        const wait = FIRST_RETRY_MS * 2 ** f.attempts;
        markFilingRetry(deps.db, f.id, message, new Date(deps.now().getTime() + wait));
        stats.filingsRetrying++;
        logFailure(
          log,
          err,
          { attempt: f.attempts + 1, retryInMinutes: Math.round(wait / 60_000) },
          'filing not processed; will retry',
        );
        options.onFiling?.(f, 'retrying');
      } else {
        stats.alertsQueued += failFiling(deps, f, message, { alert: options.alert });
        stats.filingsFailed++;
        log.error(
          { err: message, attempts: f.attempts + 1 },
          'filing could not be processed; stored as failed and reported',
        );
        options.onFiling?.(f, 'failed');
      }
    }
  }
  return stats;
}
