import { Agent, type Dispatcher } from 'undici';
import type { Logger } from '../log/logger.js';
import { createPauseState } from './pause-state.js';
import { createRateLimiter, MAX_REQUESTS_PER_SECOND } from './rate-limiter.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.js';
import { retryingGet, type GetContext } from './retrying-get.js';
import { SEC_THRESHOLD_PAUSE_MS } from './sec-threshold.js';
import { sleepCancellable } from './sleep.js';
import { DEFAULT_TIMEOUTS, type HttpTimeouts } from './timeouts.js';
import type {
  GetOptions,
  HttpClient,
  HttpObserver,
  HttpResponse,
  PauseStore,
  ValidatorStore,
} from './types.js';

export { DEFAULT_TIMEOUTS, type HttpTimeouts } from './timeouts.js';
export { MAX_REDIRECTS } from './exchange.js';

/** Default ceiling of a decoded body; the largest EDGAR primary documents are tens of MB. */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

export interface CreateHttpClientOptions {
  /** Name in logs, metrics and errors: `sec`, `federal-register`. */
  name: string;
  /** Sent on every request. */
  userAgent: string | null | undefined;
  /** Refuse every request (before sending) while `userAgent` is empty: the SEC's fair-access rule. */
  requireUserAgent?: boolean;
  /** One limiter for all hosts of this client; capped at 10 (the SEC's ceiling). Retries and redirects count. */
  maxRequestsPerSecond: number;
  /** The client only talks to the origins (scheme, host, port) of these URLs, redirects included. */
  allowedBaseUrls: string[];
  timeouts?: Partial<HttpTimeouts>;
  /** Default ceiling of a decoded body in bytes (per-request override: `GetOptions.maxBytes`). */
  maxBytes?: number;
  retries?: Partial<RetryPolicy>;
  /** Where conditional GETs keep ETag / Last-Modified (`http_cache`). */
  validators?: ValidatorStore;
  /** Where a pause of all this client's traffic survives restarts (`source_state`). */
  pause?: PauseStore;
  /** Treat the SEC's "Request Rate Threshold Exceeded" 403 page as a block: pause all traffic. */
  pauseOnSecThreshold?: boolean;
  /** How long such a pause lasts (default 10 minutes; tests use less). */
  pauseMs?: number;
  observer?: HttpObserver;
  logger: Logger;
  /** An undici dispatcher to use instead of the client's own Agent (then `connectMs` is the dispatcher's). */
  dispatcher?: Dispatcher;
  /** Waits `ms`; should end early when `signal` aborts (the default does, so shutdown is not held up). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
  /** Jitter source in [0, 1). */
  random?: () => number;
}

/** The client, plus `close()` to release its connections (the daemon calls it on shutdown). */
export interface ClosableHttpClient extends HttpClient {
  close(): Promise<void>;
  /** The rate this client actually uses (after the cap). */
  readonly maxRequestsPerSecond: number;
}

/**
 * Creates regwatch's one HTTP client for a service: declared User-Agent, one rate limiter across
 * all its hosts (rate-limiter.ts), host allowlist, gzip/deflate (read-body.ts), timeouts
 * (exchange-deadlines.ts), a body-size ceiling, coded errors with their kind (errors.ts),
 * bounded retries with full jitter honouring Retry-After (retry.ts, retrying-get.ts),
 * conditional GETs (answer.ts), and (for the SEC) a persisted pause of all traffic when the
 * rate-threshold page appears (pause-state.ts).
 */
export function createHttpClient(options: CreateHttpClientOptions): ClosableHttpClient {
  const { name, logger } = options;
  const timeouts: HttpTimeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? sleepCancellable;
  if (options.maxRequestsPerSecond > MAX_REQUESTS_PER_SECOND) {
    logger.warn(
      { client: name, requested: options.maxRequestsPerSecond },
      `${name}: maxRequestsPerSecond capped at ${MAX_REQUESTS_PER_SECOND} (the SEC's fair-access ceiling)`,
    );
  }
  const limiter = createRateLimiter(options.maxRequestsPerSecond, { now, sleep });
  const allowedOrigins = options.allowedBaseUrls.map((u) => new URL(u).origin);
  if (allowedOrigins.length === 0)
    throw new RangeError(
      `${name}: allowedBaseUrls is empty; the client would refuse every request`,
    );
  const ownAgent = options.dispatcher
    ? null
    : new Agent({
        connect: { timeout: timeouts.connectMs },
        headersTimeout: timeouts.headersMs,
        bodyTimeout: timeouts.bodyIdleMs,
      });
  const pause = createPauseState({
    ...{ name, store: options.pause, now, logger, observer: options.observer },
    pauseMs: options.pauseMs ?? SEC_THRESHOLD_PAUSE_MS,
  });
  const ctx: GetContext = {
    ...{ name, logger, now, sleep, timeouts, limiter, pause, allowedOrigins },
    dispatcher: options.dispatcher ?? ownAgent!,
    observer: options.observer,
    userAgent: options.userAgent?.trim() || null,
    requireUserAgent: options.requireUserAgent ?? false,
    pauseOnSecThreshold: options.pauseOnSecThreshold ?? false,
    validators: options.validators,
    defaultMaxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    policy: { ...DEFAULT_RETRY_POLICY, ...options.retries },
    random: options.random ?? Math.random,
  };
  return {
    name,
    maxRequestsPerSecond: limiter.perSecond,
    get: (url: string, getOptions?: GetOptions): Promise<HttpResponse> =>
      retryingGet(ctx, url, getOptions),
    async close() {
      if (ownAgent) await ownAgent.close();
    },
  };
}
