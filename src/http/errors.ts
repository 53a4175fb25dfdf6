import { RegwatchError, type ErrorKind } from '../errors.js';

/**
 * Errors of the HTTP client (src/http/client.ts). Each names the URL and what to do next,
 * carries a stable `code` and its `kind`, decided here: a status >= 500, 408 and 429, timeouts,
 * resets and truncated bodies are transient; any other 4xx, a body too large, a host not
 * allowed are permanent. `retryable` says whether the client tries again itself within the
 * request (src/http/retry.ts decides how): every transient failure except a pause of all
 * traffic and an abort by the caller, which are transient but must not be retried now.
 */
export class HttpError extends RegwatchError {
  override readonly code: string = 'HTTP_ERROR';
  readonly retryable: boolean;
  /**
   * How many attempts the request made before this error ended it; set by the client when it
   * gives up, so the caller's one log line can say so (0 until then).
   */
  attempts = 0;
  constructor(
    message: string,
    readonly url: string,
    retryable: boolean,
    options?: { cause?: unknown; kind?: Exclude<ErrorKind, 'defect'> },
  ) {
    super(message, {
      cause: options?.cause,
      kind: options?.kind ?? (retryable ? 'transient' : 'permanent'),
    });
    this.retryable = retryable;
  }
}

/** The server answered a status the caller did not accept (a plain 403 is this, never "not found"). */
export class HttpStatusError extends HttpError {
  override readonly code = 'HTTP_STATUS';
  constructor(
    readonly status: number,
    url: string,
    detail?: string,
  ) {
    super(
      `GET ${url}: HTTP ${status}${detail ? ` (${detail})` : ''}${hintForStatus(status)}`,
      url,
      status >= 500 || status === 408 || status === 429,
    );
  }
}

function hintForStatus(status: number): string {
  if (status === 403) return '; the server refused: check the User-Agent and the URL';
  if (status === 404)
    return '; not found: check the URL (pass acceptStatus: [404] if absence is an answer)';
  if (status >= 500) return '; the server failed: try again later';
  return '';
}

/** 429 (or a Retry-After too long to wait) after the client's retries: come back after `retryAfterMs`. */
export class RateLimitedError extends HttpError {
  override readonly code = 'HTTP_RATE_LIMITED';
  constructor(
    url: string,
    readonly retryAfterMs: number | null,
  ) {
    super(
      `GET ${url}: rate limited (HTTP 429)${retryAfterMs !== null ? `; the server asks to wait ${Math.ceil(retryAfterMs / 1000)} s` : ''}; lower the request rate or try again later`,
      url,
      true,
    );
  }
}

/** The body exceeded the maximum size (decoded bytes, so a gzip bomb is cut too). */
export class TooLargeError extends HttpError {
  override readonly code = 'HTTP_TOO_LARGE';
  constructor(
    url: string,
    readonly limit: number,
  ) {
    super(
      `GET ${url}: body larger than ${limit} bytes, download stopped; raise maxBytes for this request if the document is legitimately that big`,
      url,
      false,
    );
  }
}

/** `request`: the whole exchange (headers and body together) outlived its deadline. */
export type TimeoutPhase = 'connect' | 'headers' | 'body' | 'request';

/** No connection, no response headers, or no (complete) body in time. */
const TIMEOUT_WHAT: Record<TimeoutPhase, string> = {
  connect: 'connection',
  headers: 'response headers',
  body: 'body',
  request: 'whole response (headers and body)',
};

export class TimeoutError extends HttpError {
  override readonly code = 'HTTP_TIMEOUT';
  constructor(
    url: string,
    readonly phase: TimeoutPhase,
    readonly timeoutMs: number,
    options?: { cause?: unknown },
  ) {
    super(
      `GET ${url}: timed out waiting for the ${TIMEOUT_WHAT[phase]} (${timeoutMs} ms); the server is slow or unreachable, try again later`,
      url,
      true,
      options,
    );
  }
}

export type NetworkFailure = 'dns' | 'refused' | 'reset' | 'truncated' | 'tls' | 'other';

/** The transport failed: name lookup, connection refused or reset, a truncated body, TLS. */
export class NetworkError extends HttpError {
  override readonly code = 'HTTP_NETWORK';
  constructor(
    url: string,
    readonly reason: NetworkFailure,
    /** The underlying error code (ENOTFOUND, ECONNRESET, UND_ERR_SOCKET, ...). */
    readonly causeCode: string | null,
    options?: { cause?: unknown },
  ) {
    super(
      `GET ${url}: ${describeNetworkFailure(reason)}${causeCode ? ` (${causeCode})` : ''}`,
      url,
      reason === 'refused' ||
        reason === 'reset' ||
        reason === 'truncated' ||
        (reason === 'dns' && causeCode === 'EAI_AGAIN'),
      options,
    );
  }
}

function describeNetworkFailure(reason: NetworkFailure): string {
  switch (reason) {
    case 'dns':
      return 'host name not found; check the URL and the DNS of this machine';
    case 'refused':
      return 'connection refused; the server is down or the port is wrong';
    case 'reset':
      return 'connection reset by the server; try again later';
    case 'truncated':
      return 'the connection closed before the body was complete (truncated response); try again later';
    case 'tls':
      return 'TLS handshake or certificate failed; check the URL and the system clock';
    default:
      return 'network failure';
  }
}

/** The body is not valid gzip/deflate although the server said it was. */
export class ContentDecodingError extends HttpError {
  override readonly code = 'HTTP_BAD_ENCODING';
  constructor(url: string, encoding: string, options?: { cause?: unknown }) {
    super(
      `GET ${url}: the body is not valid ${encoding} although Content-Encoding says so; the server sent a corrupt response, try again later`,
      url,
      true,
      options,
    );
  }
}

/** The URL (or a redirect) leads outside the hosts of the client's configured base URLs. */
export class HostNotAllowedError extends HttpError {
  override readonly code = 'HTTP_HOST_NOT_ALLOWED';
  constructor(
    url: string,
    readonly allowed: string[],
    via?: string,
  ) {
    super(
      `GET ${url}: host not allowed${via ? ` (redirected from ${via})` : ''}; this client only talks to ${allowed.join(', ')}`,
      url,
      false,
    );
  }
}

/** Too many redirects (more than the client follows). */
export class TooManyRedirectsError extends HttpError {
  override readonly code = 'HTTP_TOO_MANY_REDIRECTS';
  constructor(
    url: string,
    readonly limit: number,
  ) {
    super(`GET ${url}: more than ${limit} redirects; check the URL`, url, false);
  }
}

/**
 * All traffic of a service is paused (the SEC's "Request Rate Threshold Exceeded" block):
 * nothing is sent until `until`. Not retryable within a run; the next run after `until` is fine.
 */
export class ServicePausedError extends HttpError {
  override readonly code = 'HTTP_SERVICE_PAUSED';
  constructor(
    url: string,
    readonly service: string,
    readonly until: Date,
    readonly reason: string,
  ) {
    super(
      `GET ${url}: all ${service} traffic is paused until ${until.toISOString()} (${reason}); nothing is sent before then`,
      url,
      false,
      { kind: 'transient' },
    );
  }
}

/** The body's Content-Type plainly does not fit what was asked for (an HTML error page instead of JSON). */
export class UnexpectedContentError extends HttpError {
  override readonly code = 'HTTP_UNEXPECTED_CONTENT';
  constructor(
    url: string,
    readonly expected: string,
    readonly contentType: string,
    readonly status: number,
  ) {
    super(
      `GET ${url}: expected ${expected} but got ${contentType} (HTTP ${status}); the server answered with something else (an error page?)`,
      url,
      status >= 500,
    );
  }
}

/** A client that must declare a contact (the SEC's) has no User-Agent: refused before sending. */
export class UserAgentMissingError extends HttpError {
  override readonly code = 'HTTP_USER_AGENT_MISSING';
  constructor(url: string, service: string) {
    super(
      `GET ${url}: ${service} requires a declared User-Agent with a contact; set REGWATCH_SEC_USER_AGENT="Jane Doe jane@example.com" (or sec.userAgent in the config file) and try again`,
      url,
      false,
    );
  }
}

/** The caller aborted the request (`GetOptions.signal`), e.g. on shutdown. */
export class AbortedError extends HttpError {
  override readonly code = 'HTTP_ABORTED';
  constructor(url: string, options?: { cause?: unknown }) {
    // Transient: the work is left for the next run (the daemon stopping, a cycle's deadline).
    super(`GET ${url}: aborted by the caller`, url, false, { ...options, kind: 'transient' });
  }
}

/** The URL given to the client cannot be parsed. */
export class InvalidUrlError extends HttpError {
  override readonly code = 'HTTP_INVALID_URL';
  constructor(url: string) {
    super(`GET ${url}: not a valid absolute URL; check how it was built`, url, false);
  }
}
