/**
 * Pure retry decisions of the HTTP client: which failures are transient, how long to wait
 * (exponential backoff with full jitter, or the server's Retry-After), and when to give up.
 */

export interface RetryPolicy {
  /** Total tries including the first (>= 1). */
  attempts: number;
  /** First backoff ceiling; doubles per retry. */
  baseDelayMs: number;
  /** Ceiling of one backoff. */
  maxDelayMs: number;
  /** Longest Retry-After the client waits out itself; longer ones end the request with RateLimitedError. */
  maxRetryAfterMs: number;
  /** Bound on all waits and tries of one `get`: no retry starts after this much time. */
  maxTotalMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 60_000,
  maxTotalMs: 120_000,
};

/** Statuses worth trying again: rate limited, request timeout, and server failures. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || (status >= 500 && status <= 599);
}

/**
 * Parses a Retry-After header: delay-seconds or an HTTP date. Returns milliseconds from `now`
 * (never negative), or null when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined | null, now: number): number | null {
  if (value === undefined || value === null) return null;
  const v = value.trim();
  if (v === '') return null;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  if (/^-?\d+(\.\d+)?$/.test(v)) return null; // negative or fractional: not the RFC 9110 form
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}

/**
 * Full-jitter backoff (AWS architecture blog, "Exponential Backoff And Jitter"): a uniform
 * wait in [0, min(maxDelay, base * 2^(retry-1))]. `retry` counts from 1; `random` in [0, 1).
 */
export function computeBackoff(
  retry: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>,
  random: number,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random * ceiling);
}

export type RetryDecision =
  | { retry: true; waitMs: number }
  | { retry: false; why: 'not-retryable' | 'attempts' | 'total-time' | 'retry-after-too-long' };

/**
 * Decides whether to try again after failed attempt number `attempt` (1-based).
 * `retryAfterMs` is the server's requested wait (429/503), honoured as a floor; one longer
 * than `maxRetryAfterMs` is not waited out here but returned to the caller.
 */
export function decideRetry(input: {
  retryable: boolean;
  attempt: number;
  elapsedMs: number;
  retryAfterMs: number | null;
  policy: RetryPolicy;
  random: number;
}): RetryDecision {
  const { retryable, attempt, elapsedMs, retryAfterMs, policy, random } = input;
  if (!retryable) return { retry: false, why: 'not-retryable' };
  if (attempt >= policy.attempts) return { retry: false, why: 'attempts' };
  if (retryAfterMs !== null && retryAfterMs > policy.maxRetryAfterMs)
    return { retry: false, why: 'retry-after-too-long' };
  const backoff = computeBackoff(attempt, policy, random);
  const waitMs = retryAfterMs !== null ? Math.max(retryAfterMs, backoff) : backoff;
  if (elapsedMs + waitMs > policy.maxTotalMs) return { retry: false, why: 'total-time' };
  return { retry: true, waitMs };
}
