/**
 * One limiter per client, shared by every host the client serves (the SEC counts requests per
 * organisation, across www, data and efts). Requests start at least `1.1 * 1000 / perSecond` ms
 * apart: the 10% guard absorbs connection set-up and network jitter (measured: +-25 ms on
 * loopback), so the server never sees more than `perSecond` requests in any one-second window,
 * which is what the SEC counts. Slots are handed out in call order.
 */
export interface RateLimiter {
  /** Resolves when the caller may send one request. */
  acquire(): Promise<void>;
  readonly perSecond: number;
}

/** The SEC's published ceiling; no client of regwatch goes faster. */
export const MAX_REQUESTS_PER_SECOND = 10;
/** Spacing factor over the nominal interval (see above). */
const GUARD_FACTOR = 1.1;

export function createRateLimiter(perSecond: number, clock: { now(): number; sleep(ms: number): Promise<void> }): RateLimiter {
  if (!(perSecond > 0)) throw new RangeError(`maxRequestsPerSecond must be > 0 (got ${perSecond})`);
  const rate = Math.min(perSecond, MAX_REQUESTS_PER_SECOND);
  const interval = (1000 / rate) * GUARD_FACTOR;
  let next = -Infinity;
  return {
    perSecond: rate,
    async acquire() {
      const now = clock.now();
      const slot = Math.max(now, next);
      next = slot + interval;
      const wait = slot - now;
      if (wait > 0) await clock.sleep(wait);
    },
  };
}
