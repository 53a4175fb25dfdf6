import type { Logger } from '../log/logger.js';
import { readAnswer, type Answer } from './answer.js';
import {
  AbortedError,
  HttpError,
  InvalidUrlError,
  ServicePausedError,
  UserAgentMissingError,
} from './errors.js';
import { checkAllowed, exchangeFollowing, type ExchangeContext } from './exchange.js';
import { failureReason, safeUrl } from './log-fields.js';
import { decideRetry, type RetryPolicy } from './retry.js';
import { sleepUnlessAborted } from './sleep.js';
import type { GetOptions, HttpResponse, ValidatorStore } from './types.js';

/** What `get` needs beyond one exchange: who it is, what it sends, how it retries and logs. */
export interface GetContext extends ExchangeContext {
  name: string;
  userAgent: string | null;
  requireUserAgent: boolean;
  pauseOnSecThreshold: boolean;
  validators: ValidatorStore | undefined;
  defaultMaxBytes: number;
  policy: RetryPolicy;
  logger: Logger;
  now: () => number;
  random: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** The checks before anything is sent: a URL, an allowed host, a User-Agent, no pause, no abort. */
function admit(ctx: GetContext, rawUrl: string, signal: AbortSignal | undefined): URL {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new InvalidUrlError(rawUrl);
  }
  checkAllowed(ctx, url);
  if (ctx.requireUserAgent && !ctx.userAgent) throw new UserAgentMissingError(url.href, ctx.name);
  ctx.pause.refuseIfPaused(url);
  if (signal?.aborted) throw new AbortedError(url.href, { cause: signal.reason });
  return url;
}

/**
 * GET with the client's retries: each attempt is an exchange (redirects followed) read as an
 * answer; a retryable failure is retried after its backoff (one warn line per retry: the
 * client decides that), anything else ends the request. The failure that ends it is thrown
 * with its `attempts` and NOT logged here: the caller decides what it means and logs it once.
 */
export async function retryingGet(
  ctx: GetContext,
  rawUrl: string,
  options: GetOptions = {},
): Promise<HttpResponse> {
  const url = admit(ctx, rawUrl, options.signal);
  const headers: Record<string, string> = {
    'user-agent': ctx.userAgent ?? 'regwatch',
    'accept-encoding': 'gzip, deflate',
  };
  if (options.accept) headers['accept'] = options.accept;
  const sent = options.conditional ? (ctx.validators?.get(url.href) ?? null) : null;
  if (sent?.etag) headers['if-none-match'] = sent.etag;
  if (sent?.lastModified) headers['if-modified-since'] = sent.lastModified;
  const maxBytes = options.maxBytes ?? ctx.defaultMaxBytes;
  const answerContext = { ...ctx, url, options, sent };
  const started = ctx.now();
  for (let attempt = 1; ; attempt++) {
    let answer: Answer;
    try {
      const ex = await exchangeFollowing(ctx, url, headers, maxBytes, options.signal);
      answer = readAnswer(ex, answerContext);
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      answer = { ok: false, failure: err, retryAfterMs: null };
    }
    if (answer.ok) return answer.response;
    const { failure, retryAfterMs } = answer;
    if (failure instanceof ServicePausedError || failure instanceof AbortedError) throw failure;
    const elapsedMs = ctx.now() - started;
    const { policy } = ctx;
    const decision = decideRetry({
      ...{ retryable: failure.retryable, attempt, elapsedMs, retryAfterMs, policy },
      random: ctx.random(),
    });
    if (!decision.retry) {
      failure.attempts = attempt;
      throw failure;
    }
    logRetry(ctx, url, failureReason(failure), attempt, decision.waitMs);
    await sleepUnlessAborted(ctx.sleep, decision.waitMs, options.signal);
    if (options.signal?.aborted) throw new AbortedError(url.href, { cause: options.signal.reason });
    ctx.pause.refuseIfPaused(url);
  }
}

function logRetry(ctx: GetContext, url: URL, reason: string, attempt: number, waitMs: number) {
  const { name, policy } = ctx;
  ctx.observer?.retry(url.host, reason);
  ctx.logger.warn(
    {
      client: name,
      host: url.host,
      url: safeUrl(url),
      reason,
      attempt,
      of: policy.attempts,
      waitMs,
    },
    `${name}: GET ${url.host} ${reason}; retry ${attempt}/${policy.attempts - 1} in ${(waitMs / 1000).toFixed(1)} s`,
  );
}
