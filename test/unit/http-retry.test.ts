import { describe, expect, it } from 'vitest';
import { isUnexpectedContent } from '../../src/http/content-type.js';
import {
  HttpStatusError,
  NetworkError,
  TimeoutError,
  UnexpectedContentError,
} from '../../src/http/errors.js';
import { createRateLimiter } from '../../src/http/rate-limiter.js';
import {
  computeBackoff,
  decideRetry,
  DEFAULT_RETRY_POLICY,
  isRetryableStatus,
  parseRetryAfter,
} from '../../src/http/retry.js';
import { isSecThresholdPage } from '../../src/http/sec-threshold.js';

const NOW = Date.parse('2026-12-04T17:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120_000],
    ['0', 0],
    [' 7 ', 7_000],
    ['Fri, 04 Dec 2026 17:00:30 GMT', 30_000],
    ['Fri, 04 Dec 2026 16:59:00 GMT', 0], // a date in the past: no wait
    ['-5', null],
    ['1.5', null],
    ['soon', null],
    ['', null],
  ])('%j -> %j ms', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });
  it('absent header -> null', () => {
    expect(parseRetryAfter(undefined, NOW)).toBeNull();
    expect(parseRetryAfter(null, NOW)).toBeNull();
  });
});

describe('computeBackoff (full jitter)', () => {
  const policy = { baseDelayMs: 500, maxDelayMs: 10_000 };
  it('draws uniformly below a ceiling that doubles per retry', () => {
    expect(computeBackoff(1, policy, 0.999)).toBe(499);
    expect(computeBackoff(2, policy, 0.999)).toBe(999);
    expect(computeBackoff(3, policy, 0.5)).toBe(1000);
    expect(computeBackoff(1, policy, 0)).toBe(0);
  });
  it('never exceeds maxDelayMs', () => {
    expect(computeBackoff(30, policy, 0.999)).toBe(9990);
  });
});

describe('decideRetry', () => {
  const base = {
    attempt: 1,
    elapsedMs: 0,
    retryAfterMs: null,
    policy: DEFAULT_RETRY_POLICY,
    random: 0.5,
  };
  it('does not retry what is not retryable', () => {
    expect(decideRetry({ ...base, retryable: false })).toEqual({
      retry: false,
      why: 'not-retryable',
    });
  });
  it('stops at the attempt bound', () => {
    expect(decideRetry({ ...base, retryable: true, attempt: 3 }).retry).toBe(true);
    expect(decideRetry({ ...base, retryable: true, attempt: 4 })).toEqual({
      retry: false,
      why: 'attempts',
    });
  });
  it('waits at least Retry-After, and refuses one longer than the cap', () => {
    expect(decideRetry({ ...base, retryable: true, retryAfterMs: 5_000 })).toEqual({
      retry: true,
      waitMs: 5_000,
    });
    expect(decideRetry({ ...base, retryable: true, retryAfterMs: 61_000 })).toEqual({
      retry: false,
      why: 'retry-after-too-long',
    });
  });
  it('stops when the wait would pass the total bound', () => {
    expect(
      decideRetry({ ...base, retryable: true, elapsedMs: 119_000, retryAfterMs: 5_000 }),
    ).toEqual({ retry: false, why: 'total-time' });
  });
});

describe('which failures are transient', () => {
  it.each([
    [429, true],
    [408, true],
    [500, true],
    [503, true],
    [403, false],
    [404, false],
    [400, false],
  ])('status %i retryable: %s', (status, retryable) => {
    expect(isRetryableStatus(status)).toBe(retryable);
    expect(new HttpStatusError(status, 'https://www.sec.gov/x').retryable).toBe(retryable);
  });
  it('timeouts, resets, refusals and truncations are retried; DNS misses, TLS and bad content are not', () => {
    expect(new TimeoutError('u', 'body', 1).retryable).toBe(true);
    expect(new NetworkError('u', 'reset', 'ECONNRESET').retryable).toBe(true);
    expect(new NetworkError('u', 'truncated', 'UND_ERR_SOCKET').retryable).toBe(true);
    expect(new NetworkError('u', 'refused', 'ECONNREFUSED').retryable).toBe(true);
    expect(new NetworkError('u', 'dns', 'EAI_AGAIN').retryable).toBe(true);
    expect(new NetworkError('u', 'dns', 'ENOTFOUND').retryable).toBe(false);
    expect(new NetworkError('u', 'tls', 'CERT_HAS_EXPIRED').retryable).toBe(false);
    expect(new UnexpectedContentError('u', 'json', 'text/html', 200).retryable).toBe(false);
    expect(new UnexpectedContentError('u', 'json', 'text/html', 502).retryable).toBe(true);
  });
});

describe('isSecThresholdPage', () => {
  const page =
    '<html><head><title>SEC.gov | Request Rate Threshold Exceeded</title></head><body>...</body></html>';
  it('recognises the 403 threshold page', () => {
    expect(isSecThresholdPage(403, page)).toBe(true);
    expect(isSecThresholdPage(403, Buffer.from(page))).toBe(true);
  });
  it('a plain 403, or the words under another status, are not the block', () => {
    expect(isSecThresholdPage(403, '<html><title>403 Forbidden</title></html>')).toBe(false);
    expect(isSecThresholdPage(403, '')).toBe(false);
    expect(isSecThresholdPage(200, page)).toBe(false);
  });
});

describe('isUnexpectedContent', () => {
  it.each([
    ['json', 'application/json; charset=utf-8', false],
    ['json', 'application/vnd.api+json', false],
    ['json', 'text/html; charset=utf-8', true],
    ['json', 'application/xml', true],
    ['json', 'text/plain', false], // ambiguous: servers use it for anything
    ['json', undefined, false],
    ['html', 'text/html', false],
    ['html', 'application/json', true],
    ['xml', 'application/atom+xml', false],
    ['xml', 'text/xml', false],
    ['xml', 'text/html', true],
    ['text', 'text/html', false],
    ['text', 'application/octet-stream', false],
    ['text', 'image/png', true],
  ] as const)('expect %s, got %s -> unexpected: %s', (expect_, type, unexpected) => {
    expect(isUnexpectedContent(expect_, type)).toBe(unexpected);
  });
});

describe('createRateLimiter', () => {
  /** A virtual clock: sleeping advances time, so the schedule is exact. */
  function virtualClock() {
    let t = 1_000_000;
    return { now: () => t, sleep: async (ms: number) => void (t += ms) };
  }
  it('spaces starts so no one-second window holds more than the rate', async () => {
    const clock = virtualClock();
    const limiter = createRateLimiter(10, clock);
    const starts: number[] = [];
    for (let i = 0; i < 50; i++) {
      await limiter.acquire();
      starts.push(clock.now());
    }
    for (const s of starts)
      expect(starts.filter((t) => t >= s && t < s + 1000).length).toBeLessThanOrEqual(10);
    expect(starts[49]! - starts[0]!).toBeGreaterThanOrEqual(49 * 100);
  });
  it('measures spacing from actual starts: a timer that fires late does not let the next one catch up', async () => {
    let t = 0;
    let sleeps = 0;
    // Every third sleep oversleeps by 80 ms, like a timer in a busy event loop.
    const clock = {
      now: () => t,
      sleep: async (ms: number) => void (t += ms + (++sleeps % 3 === 0 ? 80 : 0)),
    };
    const limiter = createRateLimiter(10, clock);
    const starts: number[] = [];
    for (let i = 0; i < 30; i++) {
      await limiter.acquire();
      starts.push(t);
    }
    for (let i = 1; i < starts.length; i++)
      expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(limiter.intervalMs - 1e-9);
  });

  it('hands out slots in call order to concurrent callers', async () => {
    const clock = virtualClock();
    const limiter = createRateLimiter(10, clock);
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 5 }, (_, i) => limiter.acquire().then(() => order.push(i))),
    );
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it('caps the rate at 10 per second and refuses a non-positive rate', () => {
    expect(createRateLimiter(40, virtualClock()).perSecond).toBe(10);
    expect(() => createRateLimiter(0, virtualClock())).toThrow(RangeError);
  });
  it('lets the first request go at once', async () => {
    const clock = virtualClock();
    const limiter = createRateLimiter(5, clock);
    const t0 = clock.now();
    await limiter.acquire();
    expect(clock.now()).toBe(t0);
  });
});
