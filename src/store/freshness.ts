import type { Db } from './open-database.js';
import { lastSuccess } from './runs.js';
import { getSourceState } from './source-state.js';
import { stmt } from './sql.js';

/** The newest acceptance time EDGAR's feed has shown (ISO, UTC), kept by the feed step. */
export const EDGAR_NEWEST_KEY = 'edgar.feed.newestAcceptedAt';

/** The sources whose timeliness is reported. */
export const TIMED_SOURCES = ['edgar', 'federal-register'] as const;
export type TimedSource = (typeof TIMED_SOURCES)[number];

/** The `source_state` key under which the daemon keeps when a task runs next. */
export function nextRunKey(task: string): string {
  return `schedule.${task}.nextRunAt`;
}

/** Per source: is it keeping up? What `status`, `status --json` and /metrics report. */
export interface SourceTimeliness {
  source: TimedSource;
  /** When its last ok or partial run finished. */
  lastSuccess: string | null;
  /** When the daemon said it runs next (stale when no daemon runs). */
  nextRun: string | null;
  /** The newest item seen: a filing's acceptance time; a notice's public-inspection filing time or publication day. */
  newestItemAt: string | null;
  /** Seconds from `newestItemAt` to now; null when nothing was seen. */
  lagSeconds: number | null;
}

/**
 * The newest item a source has seen. The Federal Register dates documents by day: a publication
 * date counts from 06:00 ET (EST offset; an hour early in summer, which only overstates lag).
 */
export function newestItemAt(db: Db, source: TimedSource): string | null {
  if (source === 'edgar') return getSourceState(db, EDGAR_NEWEST_KEY);
  const row = stmt(
    db,
    'SELECT max(filed_at) AS filed, max(publication_date) AS published FROM fr_documents',
  ).get() as {
    filed: string | null;
    published: string | null;
  };
  const candidates = [row.filed, row.published ? `${row.published}T06:00:00-05:00` : null]
    .map((v) => (v ? Date.parse(v) : NaN))
    .filter((t) => !Number.isNaN(t));
  return candidates.length ? new Date(Math.max(...candidates)).toISOString() : null;
}

/** Seconds between an item's time and `now` (never negative: a clock a little ahead of EDGAR's is no lag). */
export function lagSeconds(newest: string | null, now: Date): number | null {
  if (!newest || Number.isNaN(Date.parse(newest))) return null;
  return Math.max(0, Math.round((now.getTime() - Date.parse(newest)) / 1000));
}

/** Last success, next run and lag of each source, as the store knows them. */
export function sourceTimeliness(db: Db, now: Date): SourceTimeliness[] {
  return TIMED_SOURCES.map((source) => {
    const newest = newestItemAt(db, source);
    const nextRun = getSourceState(db, nextRunKey(source)) || null;
    return {
      source,
      lastSuccess: lastSuccess(db, source),
      nextRun,
      newestItemAt: newest,
      lagSeconds: lagSeconds(newest, now),
    };
  });
}
