import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Db } from '../store/open-database.js';
import type { Metrics } from './metrics.js';

export interface Health {
  ok: boolean;
  reason?: string;
}

/** Splits `host:port` (`[::1]:9464` for IPv6) as the `http.listen` key holds it. */
export function parseListen(listen: string): { host: string; port: number } {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/.exec(listen.trim());
  const port = m ? Number(m[3]) : NaN;
  if (!m || port > 65535)
    throw new Error(`http.listen: expected host:port such as 127.0.0.1:9464, got "${listen}"`);
  return { host: (m[1] ?? m[2])!, port };
}

/**
 * The daemon is healthy while its schedules run and the database answers a query. The
 * reason says which failed, for the 503 body and the operator reading it.
 */
export function checkHealth(db: Db, scheduler: { isRunning(): boolean }): Health {
  if (!scheduler.isRunning()) return { ok: false, reason: 'schedules are stopped' };
  if (!db.open) return { ok: false, reason: 'database is closed' };
  try {
    db.prepare('SELECT 1').get();
  } catch (err) {
    return {
      ok: false,
      reason: `database does not answer: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
  return { ok: true };
}

/**
 * The optional operations listener: `GET /healthz` (200 `{"status":"ok"}`, or 503 with the
 * reason) and `GET /metrics` (Prometheus text), neither authenticated; every other path goes
 * to `web` when given (the read-only views, which decide access themselves), else 404. It
 * binds to the configured host only (127.0.0.1 in the example config).
 */
export async function startHealthServer(deps: {
  listen: string;
  metrics: Metrics;
  health(): Health;
  /** The web views (src/web/router.ts): answers their paths and returns true, else false. */
  web?: (req: IncomingMessage, res: ServerResponse) => boolean;
}): Promise<{ url: string; close(): Promise<void> }> {
  const { host, port } = parseListen(deps.listen);
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return send(405, 'text/plain; charset=utf-8', 'method not allowed\n');
    }
    if (path === '/healthz') {
      let h: Health;
      try {
        h = deps.health();
      } catch (err) {
        h = {
          ok: false,
          reason: `health check failed: ${err instanceof Error ? err.message : String(err)}`,
        };
      }
      return send(
        h.ok ? 200 : 503,
        'application/json',
        `${JSON.stringify(h.ok ? { status: 'ok' } : { status: 'unavailable', reason: h.reason ?? 'unknown' })}\n`,
      );
    }
    if (path === '/metrics') {
      deps.metrics.render().then(
        (m) => send(200, m.contentType, m.body),
        (err: unknown) =>
          send(
            500,
            'text/plain; charset=utf-8',
            `metrics failed: ${err instanceof Error ? err.message : String(err)}\n`,
          ),
      );
      return;
    }
    if (deps.web?.(req, res)) return;
    send(
      404,
      'text/plain; charset=utf-8',
      `not found; try ${deps.web ? '/, /feed.atom, ' : ''}/healthz or /metrics\n`,
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const shown = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${shown}:${addr.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
