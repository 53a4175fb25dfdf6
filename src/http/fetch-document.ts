import { fetch } from 'undici';
import { InputError } from '../errors.js';

/** Hosts that answer 403 to requests without a declared contact (EDGAR's fair-access rule). */
function isSecHost(host: string): boolean {
  return host === 'sec.gov' || host.endsWith('.sec.gov');
}

/**
 * Fetches one document (a filing given by URL on the command line). SEC hosts get the
 * operator's declared User-Agent; without one the request is refused before it is sent.
 */
export async function fetchDocument(url: string, userAgent: string | undefined): Promise<Uint8Array> {
  const u = new URL(url);
  if (isSecHost(u.hostname) && !userAgent) {
    throw new InputError(`${url}: the SEC requires a contact; set REGWATCH_SEC_USER_AGENT="Jane Doe jane@example.com" and try again`);
  }
  let res;
  try {
    res = await fetch(u, { headers: { 'user-agent': userAgent ?? 'regwatch', 'accept-encoding': 'gzip, deflate' }, signal: AbortSignal.timeout(60_000) });
  } catch (err) {
    throw new InputError(`${url}: request failed: ${(err as Error).message}`, { cause: err });
  }
  if (!res.ok) {
    const body = await res.text().catch(() => '');
    if (res.status === 403 && /Request Rate Threshold Exceeded/i.test(body)) {
      throw new InputError(`${url}: the SEC has rate-limited this address (403 "Request Rate Threshold Exceeded"); wait at least 10 minutes before any further request`);
    }
    throw new InputError(`${url}: HTTP ${res.status} ${res.statusText}`);
  }
  return new Uint8Array(await res.arrayBuffer());
}
