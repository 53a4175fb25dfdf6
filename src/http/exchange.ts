import { request, type Dispatcher } from 'undici';
import {
  AbortedError,
  HostNotAllowedError,
  HttpError,
  HttpStatusError,
  ServicePausedError,
  TooLargeError,
  TooManyRedirectsError,
} from './errors.js';
import { armDeadlines } from './exchange-deadlines.js';
import type { PauseState } from './pause-state.js';
import type { RateLimiter } from './rate-limiter.js';
import { discard, flattenHeaders, readBody } from './read-body.js';
import type { HttpTimeouts } from './timeouts.js';
import type { HttpObserver } from './types.js';

/** Redirects followed per request (each one within the allowlist and through the limiter). */
export const MAX_REDIRECTS = 5;
/** How much of an error response is read (enough to recognise the SEC's threshold page). */
const ERROR_BODY_BYTES = 256 * 1024;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** One response as the client read it: a redirect's body is empty, an error page's cut short. */
export interface Exchange {
  url: URL;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** What every exchange of one client shares. */
export interface ExchangeContext {
  dispatcher: Dispatcher;
  limiter: RateLimiter;
  timeouts: HttpTimeouts;
  pause: PauseState;
  observer: HttpObserver | undefined;
  allowedOrigins: string[];
}

/** @throws HostNotAllowedError when `url` is outside the client's origins (`via`: the redirect). */
export function checkAllowed(ctx: ExchangeContext, url: URL, via?: URL): void {
  if (ctx.allowedOrigins.includes(url.origin)) return;
  ctx.observer?.request(url.host, 'host-not-allowed');
  throw new HostNotAllowedError(url.href, ctx.allowedOrigins, via?.href);
}

/** One request/response through the limiter; no redirects, no retries. */
async function exchange(
  ctx: ExchangeContext,
  url: URL,
  headers: Record<string, string>,
  maxBytes: number,
  signal: AbortSignal | undefined,
): Promise<Exchange> {
  await ctx.limiter.acquire();
  if (signal?.aborted) throw new AbortedError(url.href, { cause: signal.reason });
  // A pause may have started while this request waited for its slot.
  ctx.pause.refuseIfPaused(url);
  const { timeouts } = ctx;
  const deadlines = armDeadlines(url, timeouts, signal);
  let res: Dispatcher.ResponseData;
  try {
    res = await request(url, {
      method: 'GET',
      headers,
      dispatcher: ctx.dispatcher,
      headersTimeout: timeouts.headersMs,
      bodyTimeout: timeouts.bodyIdleMs,
      signal: deadlines.signal,
    });
  } catch (err) {
    deadlines.release();
    throw deadlines.explain(err, 'headers');
  } finally {
    deadlines.headersDone();
  }
  deadlines.watchBody(res.body);
  const status = res.statusCode;
  const responseHeaders = flattenHeaders(res.headers);
  const success = (status >= 200 && status < 300) || status === 304;
  const isRedirect = REDIRECT_STATUSES.has(status) && !!responseHeaders['location'];
  // Announced too big: refuse without downloading it.
  const tooBig = success && Number(responseHeaders['content-length']) > maxBytes;
  if (isRedirect || tooBig) {
    deadlines.release();
    discard(res.body);
    if (tooBig) throw new TooLargeError(url.href, maxBytes);
    return { url, status, headers: responseHeaders, body: Buffer.alloc(0) };
  }
  try {
    const limit = success ? maxBytes : ERROR_BODY_BYTES;
    const encoding = responseHeaders['content-encoding'];
    const body = await readBody(res.body, encoding, url, limit, !success, timeouts);
    if (deadlines.requestExpired()) throw deadlines.explain(null, 'body');
    return { url, status, headers: responseHeaders, body };
  } catch (err) {
    throw deadlines.explain(err, 'body');
  } finally {
    deadlines.release();
  }
}

/** Follows redirects (at most MAX_REDIRECTS, only within the allowlist); counts each response. */
export async function exchangeFollowing(
  ctx: ExchangeContext,
  start: URL,
  headers: Record<string, string>,
  maxBytes: number,
  signal: AbortSignal | undefined,
): Promise<Exchange> {
  let url = start;
  for (let hop = 0; ; hop++) {
    let ex: Exchange;
    try {
      ex = await exchange(ctx, url, headers, maxBytes, signal);
    } catch (err) {
      if (err instanceof HttpError && !(err instanceof ServicePausedError))
        ctx.observer?.request(url.host, err.code);
      throw err;
    }
    ctx.observer?.request(url.host, String(ex.status));
    const location = REDIRECT_STATUSES.has(ex.status) ? ex.headers['location'] : undefined;
    if (!location) return ex;
    if (hop >= MAX_REDIRECTS) throw new TooManyRedirectsError(start.href, MAX_REDIRECTS);
    let next: URL;
    try {
      next = new URL(location, url);
    } catch {
      throw new HttpStatusError(ex.status, url.href, `unreadable redirect location`);
    }
    checkAllowed(ctx, next, url);
    url = next;
  }
}
