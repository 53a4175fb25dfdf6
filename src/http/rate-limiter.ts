import { SEC_MAX_REQUESTS_PER_SECOND } from '../config/rate-ceilings.js';

/**
 * One limiter per client, shared by every host the client serves (the SEC counts requests per
 * organisation, across www, data and efts). Requests start at least `1.1 * 1000 / perSecond` ms
 * apart, measured between the actual start times (a timer that fires late never lets the
 * next request catch up). The 10% guard absorbs jitter between our start and the server's
 * arrival, so the server never sees more than `perSecond` requests in any one-second window,
 * which is what the SEC counts. Slots are handed out in call order.
 */
export interface RateLimiter {
  /** Resolves when the caller may send one request (now). */
  acquire(): Promise<void>;
  readonly perSecond: number;
  /** Milliseconds between two starts. */
  readonly intervalMs: number;
}

/** The SEC's published ceiling; no client of regwatch goes faster. */
export const MAX_REQUESTS_PER_SECOND = SEC_MAX_REQUESTS_PER_SECOND;
/** Spacing factor over the nominal interval (see above). */
const GUARD_FACTOR = 1.1;

export function createRateLimiter(
  perSecond: number,
  clock: { now(): number; sleep(ms: number): Promise<void> },
): RateLimiter {
  if (!(perSecond > 0)) throw new RangeError(`maxRequestsPerSecond must be > 0 (got ${perSecond})`);
  const rate = Math.min(perSecond, MAX_REQUESTS_PER_SECOND);
  const interval = (1000 / rate) * GUARD_FACTOR;
  let lastStart = -Infinity;
  // Callers queue on this chain, so slots go in call order and one waiter at a time sleeps.
  let queue: Promise<void> = Promise.resolve();

  async function takeSlot(): Promise<void> {
    for (;;) {
      const wait = lastStart + interval - clock.now();
      if (wait <= 0) break;
      await clock.sleep(wait);
    }
    lastStart = clock.now();
  }

  return {
    perSecond: rate,
    intervalMs: interval,
    acquire() {
      const turn = queue.then(takeSlot);
      queue = turn.catch(() => undefined);
      return turn;
    },
  };
}
