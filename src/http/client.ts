import type { Readable } from 'node:stream';
import { createGunzip, createInflate, type Gunzip, type Inflate } from 'node:zlib';
import { Agent, request, type Dispatcher } from 'undici';
import type { Logger } from '../log/logger.js';
import { isUnexpectedContent } from './content-type.js';
import { isZlibError, toHttpError } from './transport-errors.js';
import {
  AbortedError,
  ContentDecodingError,
  HostNotAllowedError,
  HttpError,
  HttpStatusError,
  InvalidUrlError,
  NetworkError,
  RateLimitedError,
  ServicePausedError,
  TimeoutError,
  TooLargeError,
  TooManyRedirectsError,
  UnexpectedContentError,
  UserAgentMissingError,
} from './errors.js';
import { createRateLimiter, MAX_REQUESTS_PER_SECOND, type RateLimiter } from './rate-limiter.js';
import { DEFAULT_RETRY_POLICY, decideRetry, parseRetryAfter, type RetryPolicy } from './retry.js';
import { isSecThresholdPage, SEC_THRESHOLD_PAUSE_MS } from './sec-threshold.js';
import type {
  GetOptions,
  HttpClient,
  HttpObserver,
  HttpResponse,
  PauseStore,
  ValidatorStore,
} from './types.js';

export interface HttpTimeouts {
  /** TCP (+TLS) connection established. Only applies to the client's own dispatcher. */
  connectMs: number;
  /** From sending the request to the end of the response headers. */
  headersMs: number;
  /** Longest silence between two body chunks. */
  bodyIdleMs: number;
  /** Overall deadline for the whole body, so a slow drip cannot hold a request forever. */
  bodyTotalMs: number;
  /**
   * Deadline of one exchange, from sending to the last body byte (headers and body together):
   * a server that answers slowly in parts cannot take headersMs + bodyTotalMs. Retries are new exchanges.
   */
  requestMs: number;
}

/** Per request: 30 s for headers and body together (bounded again per cycle by the daemon's deadline). */
export const DEFAULT_TIMEOUTS: HttpTimeouts = {
  connectMs: 10_000,
  headersMs: 30_000,
  bodyIdleMs: 30_000,
  bodyTotalMs: 120_000,
  requestMs: 30_000,
};
/** Default ceiling of a decoded body; the largest EDGAR primary documents are tens of MB. */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
/** Redirects followed per request (each one within the allowlist and through the limiter). */
export const MAX_REDIRECTS = 5;
/** How much of an error response is read (enough to recognise the SEC's threshold page). */
const ERROR_BODY_BYTES = 256 * 1024;

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

interface Exchange {
  url: URL;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * Creates regwatch's one HTTP client for a service: declared User-Agent, one rate limiter across
 * all its hosts, host allowlist, gzip/deflate, timeouts, a body-size ceiling, coded errors,
 * bounded retries with full jitter honouring Retry-After, conditional GETs, and (for the SEC)
 * a persisted pause of all traffic when the rate-threshold page appears.
 */
export function createHttpClient(options: CreateHttpClientOptions): ClosableHttpClient {
  const { name, logger, observer, validators, pause } = options;
  const userAgent = options.userAgent?.trim() || null;
  const timeouts: HttpTimeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retries };
  const defaultMaxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const pauseMs = options.pauseMs ?? SEC_THRESHOLD_PAUSE_MS;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? sleepCancellable;
  const random = options.random ?? Math.random;
  if (options.maxRequestsPerSecond > MAX_REQUESTS_PER_SECOND) {
    logger.warn(
      { client: name, requested: options.maxRequestsPerSecond },
      `${name}: maxRequestsPerSecond capped at ${MAX_REQUESTS_PER_SECOND} (the SEC's fair-access ceiling)`,
    );
  }
  const limiter: RateLimiter = createRateLimiter(options.maxRequestsPerSecond, { now, sleep });
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
  const dispatcher: Dispatcher = options.dispatcher ?? ownAgent!;
  let pausedInMemory: Date | null = null;

  /** A retry wait that ends early when the caller aborts. */
  function sleepUnlessAborted(ms: number, signal: AbortSignal | undefined): Promise<void> {
    if (!signal) return sleep(ms);
    return new Promise<void>((resolve) => {
      const done = () => {
        signal.removeEventListener('abort', done);
        resolve();
      };
      signal.addEventListener('abort', done, { once: true });
      void sleep(ms, signal).then(done);
    });
  }

  function currentPause(): Date | null {
    const stored = pause?.pausedUntil() ?? null;
    const until = stored && (!pausedInMemory || stored > pausedInMemory) ? stored : pausedInMemory;
    return until && until.getTime() > now() ? until : null;
  }

  function refuseIfPaused(url: URL): void {
    const until = currentPause();
    if (until) {
      observer?.request(url.host, 'paused');
      throw new ServicePausedError(url.href, name, until, 'rate threshold exceeded');
    }
  }

  function startPause(url: URL): Date {
    const already = currentPause();
    const until = new Date(now() + pauseMs);
    pausedInMemory = until;
    pause?.pause(until, `HTTP 403 "Request Rate Threshold Exceeded" from ${url.host}`);
    if (!already) {
      // The one loud line: the SEC blocks the whole organisation and extends the block while traffic continues.
      logger.error(
        { client: name, host: url.host, url: safeUrl(url), until: until.toISOString() },
        `${name}: the SEC answered "Request Rate Threshold Exceeded" (403); ALL ${name} traffic is paused until ${until.toISOString()}. Check that no other process of this organisation polls the SEC and that maxRequestsPerSecond <= ${MAX_REQUESTS_PER_SECOND}`,
      );
    }
    return until;
  }

  function checkAllowed(url: URL, via?: URL): void {
    if (!allowedOrigins.includes(url.origin)) {
      observer?.request(url.host, 'host-not-allowed');
      throw new HostNotAllowedError(url.href, allowedOrigins, via?.href);
    }
  }

  /** One request/response through the limiter; no redirects, no retries. */
  async function exchange(
    url: URL,
    headers: Record<string, string>,
    maxBytes: number,
    signal: AbortSignal | undefined,
  ): Promise<Exchange> {
    await limiter.acquire();
    if (signal?.aborted) throw new AbortedError(url.href, { cause: signal.reason });
    // A pause may have started while this request waited for its slot.
    refuseIfPaused(url);
    let res: Dispatcher.ResponseData;
    // undici's own headers timer ticks at ~0.5 s resolution; this one is exact, and covers
    // waiting for a connection too.
    const abort = new AbortController();
    let headersDeadlineHit = false;
    const headersTimer = setTimeout(() => {
      headersDeadlineHit = true;
      abort.abort();
    }, timeouts.headersMs);
    // One deadline over headers and body together; cleared when the body is read (or failed).
    let requestDeadlineHit = false;
    let liveBody: Readable | null = null;
    const requestTimer = setTimeout(() => {
      requestDeadlineHit = true;
      abort.abort();
      liveBody?.destroy(new Error('request deadline'));
    }, timeouts.requestMs);
    const requestTimeout = (cause: unknown) =>
      new TimeoutError(url.href, 'request', timeouts.requestMs, { cause });
    const onCallerAbort = () => abort.abort();
    signal?.addEventListener('abort', onCallerAbort, { once: true });
    try {
      res = await request(url, {
        method: 'GET',
        headers,
        dispatcher,
        headersTimeout: timeouts.headersMs,
        bodyTimeout: timeouts.bodyIdleMs,
        signal: abort.signal,
      });
    } catch (err) {
      signal?.removeEventListener('abort', onCallerAbort);
      clearTimeout(requestTimer);
      if (signal?.aborted) throw new AbortedError(url.href, { cause: err });
      if (headersDeadlineHit)
        throw new TimeoutError(url.href, 'headers', timeouts.headersMs, { cause: err });
      if (requestDeadlineHit) throw requestTimeout(err);
      throw toHttpError(err, url, 'headers', timeouts);
    } finally {
      clearTimeout(headersTimer);
    }
    liveBody = res.body;
    const status = res.statusCode;
    const responseHeaders = flattenHeaders(res.headers);
    if (REDIRECT_STATUSES.has(status) && responseHeaders['location']) {
      signal?.removeEventListener('abort', onCallerAbort);
      clearTimeout(requestTimer);
      discard(res.body);
      return { url, status, headers: responseHeaders, body: Buffer.alloc(0) };
    }
    const success = (status >= 200 && status < 300) || status === 304;
    const announced = Number(responseHeaders['content-length']);
    if (success && announced > maxBytes) {
      // Announced too big: refuse without downloading it.
      signal?.removeEventListener('abort', onCallerAbort);
      clearTimeout(requestTimer);
      discard(res.body);
      throw new TooLargeError(url.href, maxBytes);
    }
    try {
      const body = await readBody(
        res.body,
        responseHeaders['content-encoding'],
        url,
        success ? maxBytes : ERROR_BODY_BYTES,
        !success,
        timeouts,
      );
      if (requestDeadlineHit) throw requestTimeout(null);
      return { url, status, headers: responseHeaders, body };
    } catch (err) {
      if (signal?.aborted) throw new AbortedError(url.href, { cause: err });
      if (requestDeadlineHit)
        throw err instanceof TimeoutError && err.phase === 'request' ? err : requestTimeout(err);
      throw err;
    } finally {
      signal?.removeEventListener('abort', onCallerAbort);
      clearTimeout(requestTimer);
    }
  }

  /** Follows redirects (at most MAX_REDIRECTS, only within the allowlist). */
  async function exchangeFollowing(
    start: URL,
    headers: Record<string, string>,
    maxBytes: number,
    signal: AbortSignal | undefined,
  ): Promise<Exchange> {
    let url = start;
    for (let hop = 0; ; hop++) {
      let ex: Exchange;
      try {
        ex = await exchange(url, headers, maxBytes, signal);
      } catch (err) {
        if (err instanceof HttpError && !(err instanceof ServicePausedError))
          observer?.request(url.host, err.code);
        throw err;
      }
      observer?.request(url.host, String(ex.status));
      const location = REDIRECT_STATUSES.has(ex.status) ? ex.headers['location'] : undefined;
      if (!location) return ex;
      if (hop >= MAX_REDIRECTS) throw new TooManyRedirectsError(start.href, MAX_REDIRECTS);
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        throw new HttpStatusError(ex.status, url.href, `unreadable redirect location`);
      }
      checkAllowed(next, url);
      url = next;
    }
  }

  async function get(rawUrl: string, getOptions: GetOptions = {}): Promise<HttpResponse> {
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      throw new InvalidUrlError(rawUrl);
    }
    checkAllowed(url);
    if (options.requireUserAgent && !userAgent) throw new UserAgentMissingError(url.href, name);
    refuseIfPaused(url);
    if (getOptions.signal?.aborted)
      throw new AbortedError(url.href, { cause: getOptions.signal.reason });

    const headers: Record<string, string> = {
      'user-agent': userAgent ?? 'regwatch',
      'accept-encoding': 'gzip, deflate',
    };
    if (getOptions.accept) headers['accept'] = getOptions.accept;
    const stored = getOptions.conditional ? (validators?.get(url.href) ?? null) : null;
    if (stored?.etag) headers['if-none-match'] = stored.etag;
    if (stored?.lastModified) headers['if-modified-since'] = stored.lastModified;
    const maxBytes = getOptions.maxBytes ?? defaultMaxBytes;
    const accepted = new Set(getOptions.acceptStatus ?? []);
    const started = now();

    for (let attempt = 1; ; attempt++) {
      let failure: HttpError;
      let retryAfterMs: number | null = null;
      try {
        const ex = await exchangeFollowing(url, headers, maxBytes, getOptions.signal);
        if (ex.status === 304 && getOptions.conditional) {
          validators?.set(url.href, stored ?? { etag: null, lastModified: null }, new Date(now()));
          return {
            url: ex.url.href,
            status: 304,
            headers: ex.headers,
            body: Buffer.alloc(0),
            notModified: true,
          };
        }
        // Before acceptStatus: a caller accepting 403 (S3's AccessDenied for a daily index not
        // published) must still never read the SEC's block as an answer.
        if (ex.status === 403 && isSecThresholdPage(ex.status, ex.body)) {
          if (options.pauseOnSecThreshold) {
            const until = startPause(ex.url);
            throw new ServicePausedError(
              ex.url.href,
              name,
              until,
              'HTTP 403 "Request Rate Threshold Exceeded"',
            );
          }
          throw new HttpStatusError(403, ex.url.href, 'Request Rate Threshold Exceeded');
        }
        const ok = ex.status >= 200 && ex.status < 300;
        if (ok || accepted.has(ex.status)) {
          const contentType = ex.headers['content-type'];
          if (ok && getOptions.expect && isUnexpectedContent(getOptions.expect, contentType)) {
            throw new UnexpectedContentError(
              ex.url.href,
              getOptions.expect,
              contentType ?? '',
              ex.status,
            );
          }
          if (ok && getOptions.conditional && validators) {
            // Replace what was stored even with nulls: stale validators must not be sent again.
            validators.set(
              url.href,
              {
                etag: ex.headers['etag'] ?? null,
                lastModified: ex.headers['last-modified'] ?? null,
              },
              new Date(now()),
            );
          }
          return {
            url: ex.url.href,
            status: ex.status,
            headers: ex.headers,
            body: ex.body,
            notModified: false,
          };
        }
        retryAfterMs =
          ex.status === 429 || ex.status === 503
            ? parseRetryAfter(ex.headers['retry-after'], now())
            : null;
        failure =
          ex.status === 429
            ? new RateLimitedError(ex.url.href, retryAfterMs)
            : new HttpStatusError(ex.status, ex.url.href);
      } catch (err) {
        if (!(err instanceof HttpError)) throw err;
        if (err instanceof ServicePausedError || err instanceof AbortedError) throw err;
        failure = err;
      }
      const decision = decideRetry({
        retryable: failure.retryable,
        attempt,
        elapsedMs: now() - started,
        retryAfterMs,
        policy,
        random: random(),
      });
      const reason = failureReason(failure);
      if (!decision.retry) {
        logger.error(
          {
            client: name,
            host: url.host,
            url: safeUrl(url),
            reason,
            code: failure.code,
            attempts: attempt,
            gaveUp: decision.why,
          },
          `${name}: failed after ${attempt} attempt(s): ${failure.message}`, // the message names the URL already
        );
        throw failure;
      }
      observer?.retry(url.host, reason);
      logger.warn(
        {
          client: name,
          host: url.host,
          url: safeUrl(url),
          reason,
          attempt,
          of: policy.attempts,
          waitMs: decision.waitMs,
        },
        `${name}: GET ${url.host} ${reason}; retry ${attempt}/${policy.attempts - 1} in ${(decision.waitMs / 1000).toFixed(1)} s`,
      );
      await sleepUnlessAborted(decision.waitMs, getOptions.signal);
      if (getOptions.signal?.aborted)
        throw new AbortedError(url.href, { cause: getOptions.signal.reason });
      refuseIfPaused(url);
    }
  }

  return {
    name,
    maxRequestsPerSecond: limiter.perSecond,
    get,
    async close() {
      if (ownAgent) await ownAgent.close();
    },
  };
}

/** setTimeout as a promise, cleared when `signal` aborts: a pending retry wait never holds the process open. */
function sleepCancellable(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** What went wrong, short, for logs and metrics: a status or an error kind. */
function failureReason(err: HttpError): string {
  if (err instanceof HttpStatusError) return `HTTP ${err.status}`;
  if (err instanceof RateLimitedError) return 'HTTP 429';
  if (err instanceof TimeoutError) return `timeout (${err.phase})`;
  if (err instanceof NetworkError) return `network (${err.reason})`;
  if (err instanceof UnexpectedContentError) return `unexpected content (${err.contentType})`;
  return err.code;
}

/** The URL for logs: credentials never appear. */
function safeUrl(url: URL): string {
  if (!url.username && !url.password) return url.href;
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  return copy.href;
}

function flattenHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function createDecoder(encoding: string | undefined): Gunzip | Inflate | null {
  const e = (encoding ?? '').trim().toLowerCase();
  if (e === 'gzip' || e === 'x-gzip') return createGunzip();
  if (e === 'deflate') return createInflate();
  return null;
}

/**
 * Reads (and decodes) a body, counting decoded bytes against `limit` so a gzip bomb is cut
 * as early as a huge plain body. `truncateAtLimit` keeps the first `limit` bytes instead of
 * failing (error pages, read only to recognise them). An overall deadline cuts a slow drip.
 */
async function readBody(
  body: Readable,
  encoding: string | undefined,
  url: URL,
  limit: number,
  truncateAtLimit: boolean,
  timeouts: HttpTimeouts,
): Promise<Buffer> {
  const decoder = createDecoder(encoding);
  let deadlineHit = false;
  const timer = setTimeout(() => {
    deadlineHit = true;
    body.destroy(new Error('body deadline'));
  }, timeouts.bodyTotalMs);
  const source: Readable = decoder ? body.pipe(decoder) : body;
  if (decoder) {
    body.once('error', (err) => decoder.destroy(err));
    // Compressed bytes count too (a stream that inflates to little must not run forever).
    let rawSize = 0;
    body.on('data', (chunk: Buffer) => {
      rawSize += chunk.length;
      if (rawSize > limit && !truncateAtLimit) body.destroy(new TooLargeError(url.href, limit));
    });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) {
        if (!truncateAtLimit) throw new TooLargeError(url.href, limit);
        chunks.push(chunk.subarray(0, chunk.length - (size - limit)));
        break;
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  } catch (err) {
    if (deadlineHit) throw new TimeoutError(url.href, 'body', timeouts.bodyTotalMs, { cause: err });
    if (err instanceof HttpError) throw err;
    if (isZlibError(err))
      throw new ContentDecodingError(url.href, encoding ?? 'encoding', { cause: err });
    throw toHttpError(err, url, 'body', timeouts);
  } finally {
    clearTimeout(timer);
    discard(body);
    decoder?.destroy();
  }
}

/** Drops the rest of a body (closing its connection); undici reports that as an error event nobody needs. */
function discard(body: Readable): void {
  if (body.destroyed) return;
  body.on('error', () => undefined);
  body.destroy();
}
