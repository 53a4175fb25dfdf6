import type { Logger } from '../../log/logger.js';
import { watchedCiks } from '../../store/filings.js';
import { syncWatches } from '../../store/watches.js';
import type { EdgarDeps } from './deps.js';
import { discoverFromFeed } from './discover.js';
import { buildWatchIndex, unresolvedTickers } from './match-watches.js';
import { processDueFilings, type ProcessStats } from './process-due.js';
import { reconcileDailyIndex } from './reconcile.js';
import { runStep, stepProblems, valueOf, type StepOutcome } from './step-outcome.js';
import { loadTickers } from './tickers.js';
import { loadWatchHistories } from './watch-history.js';

/** Watches whose company history is loaded per poll (one submissions request each). */
const HISTORY_BUDGET = 20;

export type EdgarPollStats = Record<string, number>;

/** What one EDGAR cycle did: its counts, what failed (one line each), and whether it failed as a whole. */
export interface EdgarPollReport {
  stats: EdgarPollStats;
  /** One line per failed step or filing, kept in the run's `error`: nothing a partial run lost is silent. */
  problems: string[];
  /** Every step that reads EDGAR failed: the SEC could not be read at all this cycle. */
  failed: boolean;
  /** How each step ended, in order; a pause ends the cycle, so later steps are absent. */
  outcomes: StepOutcome<unknown>[];
}

type Outcomes = StepOutcome<unknown>[];

/**
 * Runs the steps that read EDGAR, in order, until one meets a pause of SEC traffic: resolve
 * tickers, load the history of new watches, reconcile missed business days against the daily
 * index, read the feed back to the last poll, then fetch, extract, diff and store every due
 * filing with its alerts. A step that fails is logged (by runStep) and the next one still runs.
 */
async function runSteps(deps: EdgarDeps, signal: AbortSignal | undefined): Promise<Outcomes> {
  const log = deps.logger;
  const outcomes: Outcomes = [];
  const step = async <T>(name: string, fn: () => Promise<T>) => {
    const outcome = await runStep(log, name, fn);
    outcomes.push(outcome);
    return outcome;
  };
  const now = deps.now();
  const watchStates = syncWatches(deps.db, deps.config.watches, now);
  const tickerStep = await step('ticker map', () => loadTickers(deps));
  if (tickerStep.status === 'paused') return outcomes;
  const tickers = valueOf(tickerStep) ?? new Map<string, string>();
  warnUnresolved(log, unresolvedTickers(deps.config.watches, tickers));
  const history = () => loadWatchHistories(deps, tickers, watchStates, HISTORY_BUDGET);
  if ((await step('watch history', history)).status === 'paused') return outcomes;
  const index = buildWatchIndex(deps.config.watches, tickers, watchedCiks(deps.db));
  const reconcile = () => reconcileDailyIndex(deps, index, watchStates);
  if ((await step('daily index reconciliation', reconcile)).status === 'paused') return outcomes;
  if ((await step('feed', () => discoverFromFeed(deps, index, watchStates))).status === 'paused')
    return outcomes;
  await step('due filings', () => processDueFilings(deps, { alert: true, signal }));
  return outcomes;
}

function warnUnresolved(log: Logger, unresolved: string[]): void {
  if (unresolved.length === 0) return;
  log.warn(
    { watches: unresolved },
    "tickers not in the SEC's ticker map (pre-IPO companies have none: watch them by cik or company name)",
  );
}

/** The steps that read EDGAR for new filings; when all of them failed the run failed. */
const READING_STEPS = ['ticker map', 'watch history', 'daily index reconciliation', 'feed'];

/**
 * One EDGAR cycle (see runSteps). Each step returns its outcome; the cycle's result is computed
 * from them: the counts, one problem line per failed step or filing, `failed` when every step
 * that reads EDGAR failed. A pause of SEC traffic ends the cycle early and is counted
 * (`paused`), not an error: the next poll after the pause goes on.
 */
export async function pollEdgar(deps: EdgarDeps, signal?: AbortSignal): Promise<EdgarPollReport> {
  const outcomes = await runSteps(deps, signal);
  const paused = outcomes.find((o) => o.status === 'paused');
  if (paused?.status === 'paused')
    deps.logger.warn(
      { step: paused.step, until: paused.until.toISOString() },
      'SEC traffic paused; the rest of this cycle waits for the next poll',
    );
  const processed = outcomeValue<ProcessStats>(outcomes, 'due filings');
  const reading = outcomes.filter((o) => READING_STEPS.includes(o.step));
  return {
    stats: statsOf(outcomes, processed, paused !== undefined),
    problems: [...stepProblems(outcomes), ...(processed?.failures ?? [])],
    failed: reading.length === READING_STEPS.length && reading.every((o) => o.status === 'failed'),
    outcomes,
  };
}

function outcomeValue<T>(outcomes: Outcomes, step: string): T | undefined {
  return valueOf(outcomes.find((o) => o.step === step)) as T | undefined;
}

interface HistoryCounts {
  watchesLoaded: number;
  watchesPending: number;
  filingsStored: number;
}
interface ReconcileCounts {
  daysReconciled: number;
  filingsRecovered: number;
}
interface FeedCounts {
  feedPages: number;
  feedFilings: number;
  filingsDiscovered: number;
}

/** The cycle's counts, from the steps that were done; `errors` counts failed steps and filings. */
function statsOf(
  outcomes: Outcomes,
  processed: ProcessStats | undefined,
  paused: boolean,
): EdgarPollStats {
  const history = outcomeValue<HistoryCounts | null>(outcomes, 'watch history');
  const reconciled = outcomeValue<ReconcileCounts | null>(outcomes, 'daily index reconciliation');
  const discovered = outcomeValue<FeedCounts | null>(outcomes, 'feed');
  const failedSteps = outcomes.filter((o) => o.status === 'failed').length;
  return {
    errors: failedSteps + (processed?.filingsFailed ?? 0),
    paused: paused || processed?.paused ? 1 : 0,
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
    filingsProcessed: processed?.filingsProcessed ?? 0,
    filingsFailed: processed?.filingsFailed ?? 0,
    filingsRetrying: processed?.filingsRetrying ?? 0,
    alertsQueued: processed?.alertsQueued ?? 0,
    fetchMs: Math.round(processed?.fetchMs ?? 0),
    storeMs: Math.round(processed?.storeMs ?? 0),
  };
}
