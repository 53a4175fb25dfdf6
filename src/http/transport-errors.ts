import {
  HttpError,
  NetworkError,
  TimeoutError,
  type NetworkFailure,
  type TimeoutPhase,
} from './errors.js';

/** The timeouts a transport error may be reported against. */
export interface PhaseTimeouts {
  connectMs: number;
  headersMs: number;
  bodyIdleMs: number;
}

/** A zlib failure (malformed gzip/deflate): its codes are `Z_DATA_ERROR`, `Z_BUF_ERROR`, ... */
export function isZlibError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}

function errorCode(err: unknown): string | null {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  if (typeof e?.cause?.code === 'string') return e.cause.code;
  if (typeof e?.code === 'string') return e.code;
  return null;
}

/**
 * Maps undici / node errors to the client's coded errors (pure). `phase` is where the failure
 * happened: a socket closing during the body is a truncated response, before it a reset.
 */
export function toHttpError(
  err: unknown,
  url: URL,
  phase: 'headers' | 'body',
  timeouts: PhaseTimeouts,
): HttpError {
  if (err instanceof HttpError) return err;
  const outer = (err as { code?: unknown })?.code;
  const code = errorCode(err);
  const timeout = (p: TimeoutPhase, ms: number) =>
    new TimeoutError(url.href, p, ms, { cause: err });
  if (
    outer === 'UND_ERR_CONNECT_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT' ||
    (code === 'ETIMEDOUT' && phase === 'headers')
  )
    return timeout('connect', timeouts.connectMs);
  if (outer === 'UND_ERR_HEADERS_TIMEOUT') return timeout('headers', timeouts.headersMs);
  if (outer === 'UND_ERR_BODY_TIMEOUT') return timeout('body', timeouts.bodyIdleMs);
  let reason: NetworkFailure = 'other';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') reason = 'dns';
  else if (code === 'ECONNREFUSED') reason = 'refused';
  else if (outer === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') reason = 'truncated';
  else if (
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    code === 'UND_ERR_SOCKET' ||
    outer === 'UND_ERR_SOCKET' ||
    code === 'ECONNABORTED' ||
    code === 'ETIMEDOUT'
  ) {
    reason = phase === 'body' ? 'truncated' : 'reset';
  } else if (
    code &&
    (code.startsWith('ERR_TLS') ||
      code.startsWith('ERR_SSL') ||
      code.startsWith('CERT_') ||
      code.includes('CERT') ||
      code.includes('SELF_SIGNED') ||
      code.startsWith('UNABLE_TO_') ||
      code === 'EPROTO')
  )
    reason = 'tls';
  return new NetworkError(url.href, reason, code, { cause: err });
}
