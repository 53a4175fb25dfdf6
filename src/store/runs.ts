import type { Db } from './open-database.js';
import { fromJson, iso, stmt } from './sql.js';

/** How a finished run ended: `partial` finished but counted errors (one bad filing, one dead delivery). */
export type RunStatus = 'ok' | 'failed' | 'partial';

/** A run as `regwatch status` and the health endpoint show it. */
export interface RunRow {
  source: string;
  startedAt: string;
  finishedAt: string | null;
  /** `running`, `ok`, `failed` or `partial`. */
  status: string;
  stats: Record<string, number>;
  error: string | null;
}

/** The error a run left `running` by a crash or a kill is closed with at the next start. */
export const INTERRUPTED_ERROR = 'interrupted (process ended during the run)';

/** Records the start of a run of `source` (a task name: `edgar`, `federal-register`, `mail`, `digest`...); returns its id. */
export function startRun(db: Db, source: string, now: Date): number {
  return Number(
    stmt(db, `INSERT INTO runs (source, started_at, status) VALUES (?, ?, 'running')`).run(
      source,
      iso(now),
    ).lastInsertRowid,
  );
}

/** Closes run `id` with its outcome and counts. A run already closed is left as it is. */
export function finishRun(
  db: Db,
  id: number,
  r: { status: RunStatus; stats: Record<string, number>; error?: string | null },
  now: Date,
): void {
  stmt(
    db,
    `UPDATE runs SET finished_at = ?, status = ?, stats = ?, error = ? WHERE id = ? AND status = 'running'`,
  ).run(iso(now), r.status, JSON.stringify(r.stats), r.error ?? null, id);
}

/** The latest run of each source, by source name. */
export function lastRuns(db: Db): RunRow[] {
  const rows = stmt(
    db,
    `SELECT source, started_at AS startedAt, finished_at AS finishedAt, status, stats, error
       FROM runs WHERE id IN (SELECT max(id) FROM runs GROUP BY source) ORDER BY source`,
  ).all() as (Omit<RunRow, 'stats'> & { stats: string })[];
  return rows.map((r) => ({
    ...r,
    stats: fromJson<Record<string, number>>(r.stats, 'runs.stats', {}),
  }));
}

/**
 * When the latest run of `source` that finished without throwing (`ok` or `partial`) ended,
 * or null. A `partial` run counts: it did its work and only some items failed (they are
 * counted and retried), so an operator alerting on staleness must not page for one bad filing.
 */
export function lastSuccess(db: Db, source: string): string | null {
  const row = stmt(
    db,
    `SELECT finished_at AS finishedAt FROM runs WHERE source = ? AND status IN ('ok', 'partial') ORDER BY id DESC LIMIT 1`,
  ).get(source) as { finishedAt: string } | undefined;
  return row?.finishedAt ?? null;
}

/**
 * Closes every run still marked `running` as failed (a crash, a SIGKILL or a power cut ended
 * it). Call it at start-up only while holding the `run` lock, or it would close the runs of a
 * daemon that is alive. Returns how many runs were closed.
 */
export function closeInterruptedRuns(db: Db, now: Date): number {
  return stmt(
    db,
    `UPDATE runs SET status = 'failed', finished_at = ?, error = ? WHERE status = 'running'`,
  ).run(iso(now), INTERRUPTED_ERROR).changes;
}
