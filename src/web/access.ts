import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/** Whether a peer address is this machine (127.0.0.0/8, ::1, or either mapped into IPv6). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.toLowerCase().replace(/^::ffff:/, '');
  if (isIP(a) === 4) return a.startsWith('127.');
  return a === '::1' || a === '0:0:0:0:0:0:0:1';
}

export type AccessDecision = { ok: true } | { ok: false; status: 401 | 403; message: string };

/**
 * Who may read the web views. Loopback clients may, unless a proxy forwarded the request
 * (a proxy on this machine makes every request loopback, so a forwarded one is treated as
 * remote). Anyone else needs the bearer token; with no token configured, nobody else may.
 * Compared in constant time over digests, so neither the token's length nor its prefix leaks.
 */
export function decideAccess(
  req: { remoteAddress: string | undefined; authorization: string | undefined; forwarded: boolean },
  token: string | null,
): AccessDecision {
  if (isLoopback(req.remoteAddress) && !req.forwarded) return { ok: true };
  if (token === null) {
    const message =
      'only loopback clients may read this listener; set http.tokenEnv to allow others with a bearer token\n';
    return { ok: false, status: 403, message };
  }
  const m = /^Bearer[ \t]+(\S+)\s*$/i.exec(req.authorization ?? '');
  const digest = (s: string) => createHash('sha256').update(s).digest();
  if (m && timingSafeEqual(digest(m[1]!), digest(token))) return { ok: true };
  return {
    ok: false,
    status: 401,
    message: 'a bearer token is required: Authorization: Bearer <token>\n',
  };
}
