import { errors as undiciErrors } from 'undici';
import { describe, expect, it } from 'vitest';
import { NetworkError, TimeoutError, TooLargeError } from '../../src/http/errors.js';
import { isZlibError, toHttpError } from '../../src/http/transport-errors.js';

const URL_ = new URL('https://www.sec.gov/Archives/edgar/data/1/000000000126000001/index.json');
const T = { connectMs: 1, headersMs: 2, bodyIdleMs: 3 };

function nodeError(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

describe('toHttpError: undici and node failures become coded errors', () => {
  it.each([
    [new undiciErrors.ConnectTimeoutError(), 'headers', 'connect', 1],
    [new undiciErrors.HeadersTimeoutError(), 'headers', 'headers', 2],
    [new undiciErrors.BodyTimeoutError(), 'body', 'body', 3],
  ] as const)('%s -> TimeoutError(%s)', (err, phase, expected, ms) => {
    const mapped = toHttpError(err, URL_, phase, T);
    expect(mapped).toBeInstanceOf(TimeoutError);
    expect(mapped).toMatchObject({
      phase: expected,
      timeoutMs: ms,
      retryable: true,
      url: URL_.href,
    });
  });

  it.each([
    [nodeError('ENOTFOUND'), 'headers', 'dns', false],
    [nodeError('EAI_AGAIN'), 'headers', 'dns', true],
    [nodeError('ECONNREFUSED'), 'headers', 'refused', true],
    [nodeError('ECONNRESET'), 'headers', 'reset', true],
    [new undiciErrors.SocketError('other side closed'), 'headers', 'reset', true],
    [new undiciErrors.SocketError('other side closed'), 'body', 'truncated', true],
    [new undiciErrors.ResponseContentLengthMismatchError(), 'body', 'truncated', true],
    [nodeError('CERT_HAS_EXPIRED'), 'headers', 'tls', false],
    [nodeError('DEPTH_ZERO_SELF_SIGNED_CERT'), 'headers', 'tls', false],
    [nodeError('ERR_TLS_CERT_ALTNAME_INVALID'), 'headers', 'tls', false],
    [new Error('something odd'), 'headers', 'other', false],
  ] as const)('%s in %s -> NetworkError(%s), retryable %s', (err, phase, reason, retryable) => {
    const mapped = toHttpError(err, URL_, phase, T);
    expect(mapped).toBeInstanceOf(NetworkError);
    expect(mapped).toMatchObject({ reason, retryable });
    expect(mapped.message).toContain(URL_.href);
  });

  it('looks through a wrapper to the cause (fetch-style TypeError with cause)', () => {
    const wrapped = new TypeError('fetch failed', { cause: nodeError('ECONNREFUSED') });
    expect(toHttpError(wrapped, URL_, 'headers', T)).toMatchObject({
      reason: 'refused',
      causeCode: 'ECONNREFUSED',
    });
  });

  it('passes the client’s own errors through unchanged', () => {
    const own = new TooLargeError(URL_.href, 10);
    expect(toHttpError(own, URL_, 'body', T)).toBe(own);
  });

  it('recognises zlib failures by their code', () => {
    expect(isZlibError(nodeError('Z_DATA_ERROR'))).toBe(true);
    expect(isZlibError(nodeError('ECONNRESET'))).toBe(false);
    expect(isZlibError(null)).toBe(false);
  });
});
