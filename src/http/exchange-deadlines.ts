import type { Readable } from 'node:stream';
import { AbortedError, TimeoutError } from './errors.js';
import type { HttpTimeouts } from './timeouts.js';
import { toHttpError } from './transport-errors.js';

/**
 * The timers of one exchange and the caller's signal, joined in one abort signal for undici.
 * undici's own headers timer ticks at ~0.5 s resolution; this one is exact, and covers waiting
 * for a connection too. The request deadline covers headers and body together.
 */
export interface ExchangeDeadlines {
  /** What the request listens to: the caller's abort, the headers deadline, the request deadline. */
  readonly signal: AbortSignal;
  /** The headers arrived (or failed): their timer stops. */
  headersDone(): void;
  /** The body being read: the request deadline destroys it too. */
  watchBody(body: Readable): void;
  /** The exchange is over: the request timer stops, the caller's signal is let go. */
  release(): void;
  /** True once the request deadline fired. */
  requestExpired(): boolean;
  /**
   * The error an exchange that failed with `err` ends with: an abort by the caller, a deadline
   * that fired, else (while waiting for headers) `err` mapped to the client's coded errors.
   */
  explain(err: unknown, phase: 'headers' | 'body'): unknown;
}

export function armDeadlines(
  url: URL,
  timeouts: HttpTimeouts,
  caller: AbortSignal | undefined,
): ExchangeDeadlines {
  const abort = new AbortController();
  let headersHit = false;
  let requestHit = false;
  let liveBody: Readable | null = null;
  const headersTimer = setTimeout(() => {
    headersHit = true;
    abort.abort();
  }, timeouts.headersMs);
  const requestTimer = setTimeout(() => {
    requestHit = true;
    abort.abort();
    liveBody?.destroy(new Error('request deadline'));
  }, timeouts.requestMs);
  const onCallerAbort = () => abort.abort();
  caller?.addEventListener('abort', onCallerAbort, { once: true });
  return {
    signal: abort.signal,
    headersDone: () => clearTimeout(headersTimer),
    watchBody: (body) => (liveBody = body),
    release() {
      caller?.removeEventListener('abort', onCallerAbort);
      clearTimeout(requestTimer);
    },
    requestExpired: () => requestHit,
    explain(err, phase) {
      if (caller?.aborted) return new AbortedError(url.href, { cause: err });
      if (phase === 'headers' && headersHit)
        return new TimeoutError(url.href, 'headers', timeouts.headersMs, { cause: err });
      if (requestHit)
        return err instanceof TimeoutError && err.phase === 'request'
          ? err
          : new TimeoutError(url.href, 'request', timeouts.requestMs, { cause: err });
      return phase === 'headers' ? toHttpError(err, url, 'headers', timeouts) : err;
    },
  };
}
