/**
 * Retry policy for transient failures: 5 minutes, doubling, capped at an hour; after five days
 * of trying a message is given up (`dead`) and the operator told.
 */
export const RETRY = {
  firstDelayMs: 5 * 60_000,
  maxDelayMs: 60 * 60_000,
  giveUpAfterMs: 5 * 24 * 3600_000,
  /** A message is never given up on after fewer tries, so a store that sat idle for a week does not drop mail on one blip. */
  minAttemptsBeforeGivingUp: 3,
} as const;

/** Delay before the next try after `attempts` failed tries (1 -> 5 min, 2 -> 10, ... capped at 60). */
export function retryDelayMs(attempts: number): number {
  const n = Math.max(1, attempts);
  return Math.min(RETRY.maxDelayMs, RETRY.firstDelayMs * 2 ** Math.min(n - 1, 20));
}

/** What to do after a failed try. */
export type FailureDecision = { action: 'retry'; at: Date } | { action: 'dead'; why: string };

/** Retry a transient failure unless the message is five days old and was tried at least three times; a permanent one is dead at once. */
export function decideAfterFailure(input: {
  retryable: boolean;
  attempts: number;
  createdAt: string;
  now: Date;
}): FailureDecision {
  if (!input.retryable) return { action: 'dead', why: 'permanent failure' };
  const age = input.now.getTime() - new Date(input.createdAt).getTime();
  if (age >= RETRY.giveUpAfterMs && input.attempts >= RETRY.minAttemptsBeforeGivingUp)
    return {
      action: 'dead',
      why: `still failing after ${Math.round(age / 3600_000)} hours of retries`,
    };
  return { action: 'retry', at: new Date(input.now.getTime() + retryDelayMs(input.attempts)) };
}
