import { constants as bufferConstants } from 'node:buffer';
import { connect } from 'node:net';
import { fetch } from 'undici';
import { CONTACT_TEMPLATE, placeholderContactReason } from '../config/contact.js';
import { DEFAULT_DOCUMENT_TIMEOUT_MS } from '../config/environment.js';
import { InputError, InputTooLargeError, NetworkError } from '../errors.js';
import { isRetryableStatus } from './retry.js';

/** The most bytes regwatch reads as one document: the longest string V8 can hold. */
export const MAX_DOCUMENT_BYTES = bufferConstants.MAX_STRING_LENGTH;

/** Hosts that answer 403 to requests without a declared contact (EDGAR's fair-access rule). */
function isSecHost(host: string): boolean {
  return host === 'sec.gov' || host.endsWith('.sec.gov');
}

const TLS_CODES =
  /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|EPROTO|HOSTNAME_MISMATCH)/;

function timeoutFailure(url: URL, err: unknown, timeoutMs: number): NetworkError {
  return new NetworkError(
    url.href,
    'timeout',
    `${url.href}: no answer from ${url.host} within ${timeoutMs / 1000} s (timeout); try again later`,
    { cause: err },
  );
}

/**
 * Why a request failed before any HTTP answer, in words a person can act on. `timedOut`: the
 * request's own deadline signal fired (what fetch then throws is an AbortError or a
 * TimeoutError, told apart by the signal, not by the error's name).
 */
export function describeNetworkFailure(
  url: URL,
  err: unknown,
  timeoutMs: number,
  timedOut = false,
): NetworkError {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  if (timedOut) return timeoutFailure(url, err, timeoutMs);
  const code = e?.cause?.code ?? (err as { code?: string })?.code ?? '';
  const detail = (e?.cause?.message ?? e?.message ?? String(err)).split('\n')[0];
  if (
    code === 'ENOTFOUND' ||
    code === 'EAI_AGAIN' ||
    code === 'EAI_NONAME' ||
    code === 'EAI_FAIL'
  ) {
    return new NetworkError(
      url.href,
      'dns',
      `${url.href}: host "${url.hostname}" not found (DNS${code === 'EAI_AGAIN' ? ', temporary failure' : ''}); check the address and the network`,
      { cause: err },
    );
  }
  if (code === 'ECONNREFUSED')
    return new NetworkError(
      url.href,
      'refused',
      `${url.href}: connection refused by ${url.host}; is the server running?`,
      { cause: err },
    );
  if (
    code === 'UND_ERR_CONNECT_TIMEOUT' ||
    code === 'ETIMEDOUT' ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT'
  ) {
    return new NetworkError(
      url.href,
      'timeout',
      `${url.href}: ${url.host} did not answer in time (timeout); try again later`,
      { cause: err },
    );
  }
  if (TLS_CODES.test(code)) {
    const certificate = /CERT|UNABLE_TO|SELF_SIGNED|HOSTNAME|ALTNAME/.test(code);
    return new NetworkError(
      url.href,
      'tls',
      certificate
        ? `${url.href}: TLS failure: the certificate of ${url.host} cannot be trusted (${code})`
        : `${url.href}: TLS failure: the handshake with ${url.host} failed (${code}); is it an https server?`,
      { cause: err },
    );
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') {
    return new NetworkError(
      url.href,
      'reset',
      `${url.href}: the connection was closed by ${url.host} before the document arrived (${code}); try again`,
      { cause: err },
    );
  }
  if (code === 'ENETUNREACH' || code === 'EHOSTUNREACH')
    return new NetworkError(
      url.href,
      'other',
      `${url.href}: network unreachable (${code}); check the connection`,
      { cause: err },
    );
  return new NetworkError(
    url.href,
    'other',
    `${url.href}: request failed: ${detail}${code ? ` (${code})` : ''}`,
    { cause: err },
  );
}

/**
 * Parses a URL given on the command line.
 * @throws InputError for an incomplete URL (`https://`) or a scheme other than http(s).
 */
export function parseDocumentUrl(input: string): URL {
  let u: URL;
  try {
    u = new URL(input);
  } catch {
    throw new InputError(
      `${input}: not a complete URL; expected e.g. https://www.sec.gov/Archives/edgar/data/.../filing.htm`,
    );
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new InputError(
      `${input}: ${u.protocol.slice(0, -1)} URLs are not supported; give an http(s) URL or a local file`,
    );
  if (!u.hostname)
    throw new InputError(
      `${input}: the URL names no host; expected e.g. https://www.sec.gov/Archives/...`,
    );
  return u;
}

/**
 * Fetches one document (a filing given by URL on the command line). SEC hosts get the
 * operator's declared User-Agent; without one the request is refused before it is sent.
 * `timeoutMs`: the CLI passes REGWATCH_HTTP_TIMEOUT_MS's value, resolved at start (default 60 s).
 * @throws InputError (HTTP status, rate limit), NetworkError (DNS, refused, timeout, TLS), InputTooLargeError.
 */
export async function fetchDocument(
  url: string,
  userAgent: string | undefined,
  options: { timeoutMs?: number; maxBytes?: number } = {},
): Promise<Uint8Array> {
  const u = parseDocumentUrl(url);
  if (isSecHost(u.hostname) && !userAgent) {
    throw new InputError(
      `${url}: the SEC requires a contact; set REGWATCH_SEC_USER_AGENT="${CONTACT_TEMPLATE}" with your own name and e-mail address, and try again`,
    );
  }
  const placeholder =
    isSecHost(u.hostname) && userAgent ? placeholderContactReason(userAgent) : null;
  if (placeholder) throw new InputError(`${url}: the SEC contact ${placeholder}`);
  const timeoutMs = options.timeoutMs ?? DEFAULT_DOCUMENT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? MAX_DOCUMENT_BYTES;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const res = await fetch(u, {
      headers: { 'user-agent': userAgent ?? 'regwatch', 'accept-encoding': 'gzip, deflate' },
      signal,
    });
    if (!res.ok) {
      const body = await res.text().catch(() => '');
      if (res.status === 403 && /Request Rate Threshold Exceeded/i.test(body)) {
        throw new InputError(
          `${url}: the SEC has rate-limited this address (403 "Request Rate Threshold Exceeded"); wait at least 10 minutes before any further request`,
          { kind: 'transient' },
        );
      }
      throw new InputError(
        `${url}: HTTP ${res.status} ${res.statusText}${res.status === 404 ? ' (no document at this address; check the URL)' : ''}`,
        { kind: isRetryableStatus(res.status) ? 'transient' : 'permanent' },
      );
    }
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > maxBytes) {
      await res.body?.cancel().catch(() => undefined);
      throw new InputTooLargeError(url, declared, maxBytes);
    }
    const chunks: Uint8Array[] = [];
    let total = 0;
    if (res.body) {
      for await (const chunk of res.body) {
        total += chunk.byteLength;
        if (total > maxBytes) throw new InputTooLargeError(url, total, maxBytes);
        chunks.push(chunk);
      }
    }
    return Buffer.concat(chunks, total);
  } catch (err) {
    if (err instanceof InputError) throw err;
    // fetch refuses the ports of other protocols ("bad port": 9, 25, 6000 ...) without trying
    // them; try the port itself so the answer names what a person can act on.
    if ((err as { cause?: { message?: string } }).cause?.message === 'bad port')
      throw await describeBadPort(u, timeoutMs, err);
    throw describeNetworkFailure(u, err, timeoutMs, signal.aborted);
  }
}

async function describeBadPort(
  u: URL,
  timeoutMs: number,
  original: unknown,
): Promise<NetworkError> {
  const port = Number(u.port || (u.protocol === 'https:' ? 443 : 80));
  const failure = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
    const socket = connect({
      host: u.hostname.replace(/^\[|\]$/g, ''),
      port,
      timeout: Math.min(timeoutMs, 10_000),
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve(null);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' }));
    });
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e));
  });
  if (failure)
    return describeNetworkFailure(u, { message: failure.message, cause: failure }, timeoutMs);
  return new NetworkError(
    u.href,
    'other',
    `${u.href}: port ${port} belongs to another protocol and HTTP clients refuse it ("bad port"); serve the document on another port`,
    { cause: original },
  );
}
