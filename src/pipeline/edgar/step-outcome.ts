import { classifyError, type ErrorClass } from '../../errors.js';
import { ServicePausedError } from '../../http/errors.js';
import { logFailure } from '../../log/failure.js';
import type { Logger } from '../../log/logger.js';

/**
 * How one step of an EDGAR cycle ended, as a value: `done` with what it returned, `failed`
 * with its classified error (the cycle goes on), or `paused` when all SEC traffic is paused
 * (the cycle stops: nothing may be sent before `until`).
 */
export type StepOutcome<T> =
  | { step: string; status: 'done'; value: T }
  | { step: string; status: 'failed'; error: ErrorClass }
  | { step: string; status: 'paused'; until: Date; message: string };

/**
 * Runs one step and returns its outcome. A failure is logged here, once, with its kind and
 * code (this is the layer that decides the cycle goes on); a pause is returned for the cycle
 * to stop on, and logged by it.
 */
export async function runStep<T>(
  log: Logger,
  step: string,
  fn: () => Promise<T>,
): Promise<StepOutcome<T>> {
  try {
    return { step, status: 'done', value: await fn() };
  } catch (err) {
    if (err instanceof ServicePausedError)
      return { step, status: 'paused', until: err.until, message: err.message };
    logFailure(log, err, { step }, `EDGAR ${step} failed; the cycle goes on`);
    return { step, status: 'failed', error: classifyError(err) };
  }
}

/** The value of a step that was done, else undefined. */
export function valueOf<T>(outcome: StepOutcome<T> | undefined): T | undefined {
  return outcome?.status === 'done' ? outcome.value : undefined;
}

/** One line per failed step, for the run's record: `feed: HTTP_STATUS: GET ...: HTTP 503`. */
export function stepProblems(outcomes: readonly StepOutcome<unknown>[]): string[] {
  return outcomes.flatMap((o) =>
    o.status === 'failed' ? [`${o.step}: ${o.error.code}: ${o.error.message}`] : [],
  );
}
