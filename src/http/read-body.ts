import type { Readable } from 'node:stream';
import { createGunzip, createInflate, type Gunzip, type Inflate } from 'node:zlib';
import { ContentDecodingError, HttpError, TimeoutError, TooLargeError } from './errors.js';
import type { HttpTimeouts } from './timeouts.js';
import { isZlibError, toHttpError } from './transport-errors.js';

/** Response headers as one lower-cased string per name (repeated ones joined with ", "). */
export function flattenHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function createDecoder(encoding: string | undefined): Gunzip | Inflate | null {
  const e = (encoding ?? '').trim().toLowerCase();
  if (e === 'gzip' || e === 'x-gzip') return createGunzip();
  if (e === 'deflate') return createInflate();
  return null;
}

/**
 * Reads (and decodes) a body, counting decoded bytes against `limit` so a gzip bomb is cut
 * as early as a huge plain body. `truncateAtLimit` keeps the first `limit` bytes instead of
 * failing (error pages, read only to recognise them). An overall deadline cuts a slow drip.
 */
export async function readBody(
  body: Readable,
  encoding: string | undefined,
  url: URL,
  limit: number,
  truncateAtLimit: boolean,
  timeouts: HttpTimeouts,
): Promise<Buffer> {
  const decoder = createDecoder(encoding);
  let deadlineHit = false;
  const timer = setTimeout(() => {
    deadlineHit = true;
    body.destroy(new Error('body deadline'));
  }, timeouts.bodyTotalMs);
  const source: Readable = decoder ? body.pipe(decoder) : body;
  if (decoder) {
    body.once('error', (err) => decoder.destroy(err));
    // Compressed bytes count too (a stream that inflates to little must not run forever).
    let rawSize = 0;
    body.on('data', (chunk: Buffer) => {
      rawSize += chunk.length;
      if (rawSize > limit && !truncateAtLimit) body.destroy(new TooLargeError(url.href, limit));
    });
  }
  try {
    return await collect(source, url, limit, truncateAtLimit);
  } catch (err) {
    if (deadlineHit) throw new TimeoutError(url.href, 'body', timeouts.bodyTotalMs, { cause: err });
    if (err instanceof HttpError) throw err;
    if (isZlibError(err))
      throw new ContentDecodingError(url.href, encoding ?? 'encoding', { cause: err });
    throw toHttpError(err, url, 'body', timeouts);
  } finally {
    clearTimeout(timer);
    discard(body);
    decoder?.destroy();
  }
}

/** The chunks of `source` up to `limit` bytes: the rest is cut, or a TooLargeError. */
async function collect(
  source: Readable,
  url: URL,
  limit: number,
  truncateAtLimit: boolean,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of source as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      if (!truncateAtLimit) throw new TooLargeError(url.href, limit);
      chunks.push(chunk.subarray(0, chunk.length - (size - limit)));
      break;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Drops the rest of a body (closing its connection); undici reports that as an error event nobody needs. */
export function discard(body: Readable): void {
  if (body.destroyed) return;
  body.on('error', () => undefined);
  body.destroy();
}
