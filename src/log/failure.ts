import { classifyError, RegwatchError } from '../errors.js';
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
 * Logs a failure once, as one line, by the layer that decides what to do about it, with its
 * `kind` and `code` (classifyError). A transient failure is a warning, a permanent one an
 * error, both with a short `reason` and its `cause`; their stack only at debug (in the same
 * line). A defect is an error with its stack.
 */
export function logFailure(
  logger: Logger,
  err: unknown,
  fields: Record<string, unknown>,
  msg: string,
): void {
  const { kind, code, message } = classifyError(err);
  if (err instanceof RegwatchError) {
    const attempts = (err as { attempts?: unknown }).attempts;
    const line = {
      ...fields,
      kind,
      code,
      reason: message,
      cause: failureCause(err),
      // How many tries the HTTP client made before it gave up, when it retried.
      ...(typeof attempts === 'number' && attempts > 1 ? { httpAttempts: attempts } : {}),
    };
    // Still one line at debug: the stack joins it rather than following as a second line.
    const stack = logger.isLevelEnabled('debug') ? { stack: err.stack } : {};
    if (kind === 'transient') logger.warn({ ...line, ...stack }, msg);
    else logger.error({ ...line, ...stack }, msg);
    return;
  }
  logger.error({ ...fields, kind, code, err }, `${msg} (a defect)`);
}
