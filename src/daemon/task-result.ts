import type { RunStatus } from '../store/runs.js';

/** What `runTask` reports; `skipped` runs (daemon stopping) are not recorded. */
export interface TaskResult {
  status: RunStatus | 'skipped';
  stats: Record<string, number>;
  error?: string;
}
