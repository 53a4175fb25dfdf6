import { RegwatchError } from '../errors.js';
import type { Logger } from './logger.js';

/**
 * The cause of an expected failure in a word an operator acts on: `refused`, `dns`, `timeout`,
 * `tls`, `reset`, `HTTP 503`, `parse`... Read from the coded errors' fields (NetworkError's
 * `reason`, HttpStatusError's `status`, the error `code`), never from message text.
 */
export function failureCause(err: RegwatchError): string {
  const e = err as RegwatchError & { reason?: unknown; status?: unknown };
  if (err.code === 'HTTP_NETWORK' && typeof e.reason === 'string') return e.reason;
  if (err.code === 'HTTP_TIMEOUT') return 'timeout';
  if (typeof e.status === 'number') return `HTTP ${e.status}`;
  if (/PARSE/.test(err.code)) return 'parse';
  return err.code.toLowerCase();
}

/**
 * Logs a failure once, as one line. An expected failure (a RegwatchError: the network, an HTTP
 * status, a page that cannot be parsed) is a warning with a short `reason` and its `cause`; the
 * stack only at debug. Anything else is a defect: an error with its stack.
 */
export function logFailure(
  logger: Logger,
  err: unknown,
  fields: Record<string, unknown>,
  msg: string,
): void {
  if (err instanceof RegwatchError) {
    logger.warn({ ...fields, reason: err.message.split('\n')[0], cause: failureCause(err) }, msg);
    if (logger.isLevelEnabled('debug')) logger.debug({ ...fields, err }, `${msg} (stack)`);
    return;
  }
  logger.error({ ...fields, err }, `${msg} (a defect)`);
}
