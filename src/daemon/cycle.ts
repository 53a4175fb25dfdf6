import type { Task, TaskResult } from './task.js';

/** What one task of a cycle did. */
export interface CycleResult {
  task: string;
  result: TaskResult;
}

/**
 * One cycle: the sources side by side (each bounded by its own deadline), then the other
 * tasks in order (the mail sender after the sources, so what they queued goes out in the same
 * cycle). `runOne` runs one task and records it (runTask, or the scheduler's run-now).
 * Results come in the order of `tasks`.
 */
export async function runCycle(
  tasks: readonly Task[],
  runOne: (task: Task) => Promise<TaskResult>,
): Promise<CycleResult[]> {
  const results = new Map<string, TaskResult>();
  await Promise.all(
    tasks.filter((t) => t.source).map(async (t) => results.set(t.name, await runOne(t))),
  );
  for (const t of tasks) if (!t.source) results.set(t.name, await runOne(t));
  return tasks.map((t) => ({ task: t.name, result: results.get(t.name)! }));
}

/** One line per failed task for stderr: `regwatch: edgar failed: <reason>`. */
export function failureLines(results: readonly CycleResult[]): string[] {
  return results
    .filter((r) => r.result.status === 'failed')
    .map((r) => `regwatch: ${r.task} failed: ${r.result.error ?? 'unknown error'}`);
}
