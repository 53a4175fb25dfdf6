import type { RunStatus } from '../store/runs.js';

/** What `runTask` reports; `skipped` runs (daemon stopping) are not recorded. */
export interface TaskResult {
  status: RunStatus | 'skipped';
  stats: Record<string, number>;
  error?: string;
}

/**
 * What a task's run may return instead of bare counts: the counts, one line per failure the
 * run went past (kept in the run's `error`, so a partial run says what it lost), and whether
 * the run failed as a whole (recorded as `failed`, as a run that threw is).
 */
export interface TaskReport {
  stats: Record<string, number>;
  problems: string[];
  failed: boolean;
}

/** A run's return value as a report: bare counts are a report with no problems. */
export function toTaskReport(out: Record<string, number> | TaskReport): TaskReport {
  if (isTaskReport(out)) return out;
  return { stats: out, problems: [], failed: false };
}

function isTaskReport(out: unknown): out is TaskReport {
  const o = out as Partial<TaskReport> | null;
  return (
    typeof o === 'object' && o !== null && Array.isArray(o.problems) && typeof o.stats === 'object'
  );
}
