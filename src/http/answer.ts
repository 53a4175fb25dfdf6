import { isUnexpectedContent } from './content-type.js';
import {
  HttpStatusError,
  RateLimitedError,
  ServicePausedError,
  UnexpectedContentError,
  type HttpError,
} from './errors.js';
import type { Exchange } from './exchange.js';
import type { PauseState } from './pause-state.js';
import { parseRetryAfter } from './retry.js';
import { isSecThresholdPage } from './sec-threshold.js';
import type { GetOptions, HttpResponse, ValidatorStore } from './types.js';

/** A response to hand back, or the failure it is (with the server's requested wait, if any). */
export type Answer =
  | { ok: true; response: HttpResponse }
  | { ok: false; failure: HttpError; retryAfterMs: number | null };

type Validators = { etag: string | null; lastModified: string | null };

/** What reading one final response needs to know about the request and the client. */
export interface AnswerContext {
  name: string;
  /** The URL asked for (validators are kept under it, whatever the redirects). */
  url: URL;
  options: GetOptions;
  /** The validators sent with a conditional GET (null when none were stored). */
  sent: Validators | null;
  validators: ValidatorStore | undefined;
  pauseOnSecThreshold: boolean;
  pause: PauseState;
  now: () => number;
}

/**
 * Reads the final response of an exchange as the caller's answer or a coded failure: 304 on a
 * conditional GET, the SEC's threshold page (a pause of all traffic, or a plain 403), a 2xx or
 * an accepted status (its Content-Type checked, its validators kept), else a status error.
 */
export function readAnswer(ex: Exchange, ctx: AnswerContext): Answer {
  const { options } = ctx;
  if (ex.status === 304 && options.conditional) {
    ctx.validators?.set(
      ctx.url.href,
      ctx.sent ?? { etag: null, lastModified: null },
      new Date(ctx.now()),
    );
    return { ok: true, response: response(ex, Buffer.alloc(0), true) };
  }
  // Before acceptStatus: a caller accepting 403 (S3's AccessDenied for a daily index not
  // published) must still never read the SEC's block as an answer.
  if (ex.status === 403 && isSecThresholdPage(ex.status, ex.body)) {
    const failure = ctx.pauseOnSecThreshold
      ? new ServicePausedError(
          ex.url.href,
          ctx.name,
          ctx.pause.start(ex.url),
          'HTTP 403 "Request Rate Threshold Exceeded"',
        )
      : new HttpStatusError(403, ex.url.href, 'Request Rate Threshold Exceeded');
    return { ok: false, failure, retryAfterMs: null };
  }
  const ok = ex.status >= 200 && ex.status < 300;
  if (ok || options.acceptStatus?.includes(ex.status)) {
    const contentType = ex.headers['content-type'];
    if (ok && options.expect && isUnexpectedContent(options.expect, contentType)) {
      const failure = new UnexpectedContentError(
        ex.url.href,
        options.expect,
        contentType ?? '',
        ex.status,
      );
      return { ok: false, failure, retryAfterMs: null };
    }
    if (ok && options.conditional && ctx.validators) {
      // Replace what was stored even with nulls: stale validators must not be sent again.
      const fresh = {
        etag: ex.headers['etag'] ?? null,
        lastModified: ex.headers['last-modified'] ?? null,
      };
      ctx.validators.set(ctx.url.href, fresh, new Date(ctx.now()));
    }
    return { ok: true, response: response(ex, ex.body, false) };
  }
  const retryAfterMs =
    ex.status === 429 || ex.status === 503
      ? parseRetryAfter(ex.headers['retry-after'], ctx.now())
      : null;
  const failure =
    ex.status === 429
      ? new RateLimitedError(ex.url.href, retryAfterMs)
      : new HttpStatusError(ex.status, ex.url.href);
  return { ok: false, failure, retryAfterMs };
}

function response(ex: Exchange, body: Buffer, notModified: boolean): HttpResponse {
  return { url: ex.url.href, status: ex.status, headers: ex.headers, body, notModified };
}
