import { classifyError } from '../../errors.js';
import { ServicePausedError } from '../../http/errors.js';
import { logFailure } from '../../log/failure.js';
import type { Logger } from '../../log/logger.js';
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
  /** One line per filing given up in this pass (`<accession>: <code>: <message>`), for the run's record. */
  failures: string[];
  /** Time spent fetching (rate limit included) and storing (extract, diff, one transaction), in ms. */
  fetchMs: number;
  storeMs: number;
}

/**
 * Whether a failed filing is tried again later: a transient failure is, a permanent one (a page
 * that does not parse, a 404) is not. A defect (not an error regwatch made) is tried again too:
 * it may come from the environment (a busy database), and after MAX_ATTEMPTS it is reported.
 */
function worthRetrying(err: unknown): boolean {
  return classifyError(err).kind !== 'permanent';
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
    failures: [],
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
      if (err instanceof ServicePausedError) {
        stats.paused = true;
        log.warn(
          { until: err.until.toISOString() },
          'SEC traffic paused; the remaining filings wait for the next poll',
        );
        break;
      }
      const outcome = handleFailure(deps, f, err, log, options.alert, stats);
      options.onFiling?.(f, outcome);
    }
  }
  return stats;
}

/** Schedules a retry of `f` after a failure worth retrying, else stores it as failed and reported. */
function handleFailure(
  deps: EdgarDeps,
  f: FilingRow,
  err: unknown,
  log: Logger,
  alert: boolean,
  stats: ProcessStats,
): 'retrying' | 'failed' {
  const { code } = classifyError(err);
  // The whole message is kept with the filing (`status` shows it); the run's line has the first.
  const message = err instanceof Error ? err.message : String(err);
  if (worthRetrying(err) && f.attempts + 1 < MAX_ATTEMPTS) {
    const wait = FIRST_RETRY_MS * 2 ** f.attempts;
    markFilingRetry(deps.db, f.id, message, new Date(deps.now().getTime() + wait));
    stats.filingsRetrying++;
    const fields = { attempt: f.attempts + 1, retryInMinutes: Math.round(wait / 60_000) };
    logFailure(log, err, fields, 'filing not processed; will retry');
    return 'retrying';
  }
  stats.alertsQueued += failFiling(deps, f, message, { alert });
  stats.filingsFailed++;
  stats.failures.push(`${f.accession}: ${code}: ${message.split('\n')[0]}`);
  logFailure(
    log,
    err,
    { attempts: f.attempts + 1 },
    'filing could not be processed; stored as failed and reported',
  );
  return 'failed';
}
