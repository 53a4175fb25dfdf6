import { join } from 'node:path';
import { deflateSync, gzipSync } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createHttpClient,
  type ClosableHttpClient,
  type CreateHttpClientOptions,
} from '../../src/http/client.js';
import {
  AbortedError,
  ContentDecodingError,
  HostNotAllowedError,
  HttpStatusError,
  InvalidUrlError,
  NetworkError,
  RateLimitedError,
  ServicePausedError,
  TimeoutError,
  TooLargeError,
  TooManyRedirectsError,
  UnexpectedContentError,
  UserAgentMissingError,
} from '../../src/http/errors.js';
import { createValidatorStore, getValidators } from '../../src/store/http-cache.js';
import { migrate } from '../../src/store/migrate.js';
import { openDatabase, type Db } from '../../src/store/open-database.js';
import { createPauseStore, readPause } from '../../src/store/source-state.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { startServer, type LocalServer } from '../helpers/http-server.js';
import { useTmpDir } from '../helpers/tmp.js';
import { startWorkerServer, type WorkerServer } from '../helpers/worker-http-server.js';

const UA = 'Regwatch Tests ops@example.com';
const THRESHOLD_PAGE = `<!DOCTYPE html><html><head><title>SEC.gov | Request Rate Threshold Exceeded</title></head>
<body><h1>Your Request Originates from an Undeclared Automated Tool</h1><p>To allow for equitable access to all users,
SEC reserves the right to limit requests originating from undeclared automated tools.</p></body></html>`;

const tmp = useTmpDir();
const servers: LocalServer[] = [];
const clients: ClosableHttpClient[] = [];
const dbs: Db[] = [];
const workers: WorkerServer[] = [];

afterEach(async () => {
  while (workers.length) await workers.pop()!.close();
  while (clients.length) await clients.pop()!.close();
  while (servers.length) await servers.pop()!.close();
  while (dbs.length) dbs.pop()!.close();
});

type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;

/** A local server; `n` counts the requests it has seen (1-based), arrival times in `times`. */
async function serve(handler: Handler): Promise<LocalServer & { times: number[] }> {
  const times: number[] = [];
  let n = 0;
  const s = await startServer((req, res) => {
    times.push(performance.now());
    handler(req, res, ++n);
  });
  servers.push(s);
  return Object.assign(s, { times });
}

function makeClient(bases: string[], extra: Partial<CreateHttpClientOptions> = {}) {
  const log = captureLogger();
  const c = createHttpClient({
    name: 'sec',
    userAgent: UA,
    requireUserAgent: true,
    maxRequestsPerSecond: 10,
    allowedBaseUrls: bases,
    logger: log.logger,
    timeouts: { connectMs: 1000, headersMs: 1000, bodyIdleMs: 1000, bodyTotalMs: 2000 },
    retries: { attempts: 4, baseDelayMs: 20, maxDelayMs: 100 },
    ...extra,
  });
  clients.push(c);
  return { client: c, log };
}

function database(): Db {
  const db = openDatabase(join(tmp(), 'regwatch.db'));
  migrate(db);
  dbs.push(db);
  return db;
}

function ok(res: ServerResponse, body = 'ok', type = 'text/plain'): void {
  res.writeHead(200, { 'content-type': type });
  res.end(body);
}

describe('rate limit: one limiter across all hosts of a client', () => {
  it('30 requests at 10/s over two base URLs (with retries) never put more than 10 in any second at the server', async () => {
    // The servers run in their own threads, so the arrival times are what a remote server sees.
    const a = await startWorkerServer();
    const b = await startWorkerServer({ failOnceEvery: 3 }); // 5 of its 15 paths fail once: retries share the limiter
    workers.push(a, b);
    const { client } = makeClient([a.url, b.url], {
      retries: { attempts: 4, baseDelayMs: 1, maxDelayMs: 2 },
    });
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => client.get(`${i % 2 ? a.url : b.url}/${i}`)),
    );
    const elapsed = performance.now() - started;
    expect(results.every((r) => r.status === 200)).toBe(true);
    const [ra, rb] = [await a.report(), await b.report()];
    expect(rb.failedOnce).toBe(5);
    const arrivals = [...ra.arrivals, ...rb.arrivals].sort((x, y) => x - y);
    expect(arrivals).toHaveLength(35);
    // 35 request starts at <= 10/s: at least 3.4 s between the first and the last.
    expect(elapsed).toBeGreaterThanOrEqual(3400);
    for (const t of arrivals)
      expect(arrivals.filter((u) => u >= t && u < t + 1000).length).toBeLessThanOrEqual(10);
    expect([...ra.userAgents, ...rb.userAgents].every((ua) => ua === UA)).toBe(true);
  });

  it('caps the rate at 10/s whatever is configured', () => {
    const { client, log } = makeClient(['http://127.0.0.1:1'], { maxRequestsPerSecond: 50 });
    expect(client.maxRequestsPerSecond).toBe(10);
    expect(log.at('warn')[0]?.msg).toMatch(/capped at 10/);
  });
});

describe('retries', () => {
  it('waits out 429 with Retry-After: 1, then succeeds', async () => {
    const s = await serve((_req, res, n) => {
      if (n === 1) {
        res.writeHead(429, { 'retry-after': '1' });
        res.end('slow down');
        return;
      }
      ok(res, 'done');
    });
    const { client, log } = makeClient([s.url]);
    const res = await client.get(`${s.url}/x`);
    expect(res.body.toString()).toBe('done');
    expect(s.times).toHaveLength(2);
    expect(s.times[1]! - s.times[0]!).toBeGreaterThanOrEqual(990);
    const warn = log.at('warn');
    expect(warn).toHaveLength(1);
    expect(warn[0]).toMatchObject({ host: new URL(s.url).host, reason: 'HTTP 429', attempt: 1 });
    expect(warn[0]!.waitMs).toBeGreaterThanOrEqual(1000);
  });

  it('gives up at once with RateLimitedError when Retry-After is longer than it may wait', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(429, { 'retry-after': new Date(Date.now() + 3_600_000).toUTCString() });
      res.end();
    });
    const { client } = makeClient([s.url]);
    const err = await client.get(`${s.url}/x`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterMs).toBeGreaterThan(3_500_000);
    expect(s.times).toHaveLength(1);
  });

  it('retries a burst of 503s, then succeeds', async () => {
    const s = await serve((_req, res, n) => {
      if (n <= 2) {
        res.writeHead(503, { 'content-type': 'text/html' });
        res.end('<html>busy</html>');
        return;
      }
      ok(res, '{"ok":true}', 'application/json');
    });
    const { client, log } = makeClient([s.url]);
    const res = await client.get(`${s.url}/x`, { expect: 'json' });
    expect(JSON.parse(res.body.toString())).toEqual({ ok: true });
    expect(s.times).toHaveLength(3);
    expect(log.at('warn').map((l) => l.attempt)).toEqual([1, 2]);
  });

  it('gives up on a persistent 503 after the bounded attempts with HttpStatusError', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(503);
      res.end();
    });
    const { client, log } = makeClient([s.url]);
    const err = await client.get(`${s.url}/x`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpStatusError);
    expect(err).toMatchObject({
      status: 503,
      url: `${s.url}/x`,
      retryable: true,
      code: 'HTTP_STATUS',
    });
    expect(s.times).toHaveLength(4);
    expect(log.at('warn')).toHaveLength(3);
    // The failure that ends the request is the caller's to log (once, with its kind): the client
    // logs only its own decisions (the retries) and hands over how many attempts it made.
    expect(log.at('error')).toHaveLength(0);
    expect(err).toMatchObject({ attempts: 4, kind: 'transient' });
  });

  it('stops retrying when the total time bound would be passed', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(503, { 'retry-after': '1' });
      res.end();
    });
    const { client } = makeClient([s.url], { retries: { attempts: 10, maxTotalMs: 500 } });
    const err = await client.get(`${s.url}/x`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpStatusError);
    expect(s.times).toHaveLength(1);
  });

  it('retries a connection reset mid-response, then succeeds', async () => {
    const s = await serve((_req, res, n) => {
      if (n === 1) {
        res.writeHead(200, { 'content-length': '1000' });
        res.write('partial');
        setTimeout(() => res.socket?.destroy(), 10);
        return;
      }
      ok(res, 'whole');
    });
    const { client, log } = makeClient([s.url]);
    const res = await client.get(`${s.url}/x`);
    expect(res.body.toString()).toBe('whole');
    expect(s.times).toHaveLength(2);
    expect(log.at('warn')[0]!.reason).toMatch(/network/);
  });

  it('does not retry a plain 403 and reports it as HttpStatusError 403, not as absent', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(403, { 'content-type': 'text/html' });
      res.end('<html><title>Forbidden</title></html>');
    });
    const pauseDb = database();
    const { client } = makeClient([s.url], {
      pauseOnSecThreshold: true,
      pause: createPauseStore(pauseDb, 'sec'),
    });
    const err = await client.get(`${s.url}/x`, { acceptStatus: [404] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpStatusError);
    expect(err).toMatchObject({ status: 403, retryable: false });
    expect(s.times).toHaveLength(1);
    expect(readPause(pauseDb, 'sec')).toBeNull();
  });
});

describe('the SEC rate-threshold page', () => {
  it('pauses all traffic of the client, persisted, with one loud error line', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(403, { 'content-type': 'text/html' });
      res.end(THRESHOLD_PAGE);
    });
    const other = await serve((_req, res) => ok(res));
    const db = database();
    const pauseMs = 600;
    const { client, log } = makeClient([s.url, other.url], {
      pauseOnSecThreshold: true,
      pauseMs,
      pause: createPauseStore(db, 'sec'),
    });
    const before = Date.now();
    const err = await client.get(`${s.url}/Archives/x`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServicePausedError);
    expect(s.times).toHaveLength(1); // no retry into a block
    const stored = readPause(db, 'sec');
    expect(stored).not.toBeNull();
    expect(stored!.until.getTime()).toBeGreaterThanOrEqual(before + pauseMs);
    expect(stored!.until.getTime()).toBeLessThanOrEqual(Date.now() + pauseMs);
    expect(stored!.reason).toMatch(/Request Rate Threshold Exceeded/);
    expect(log.at('error')).toHaveLength(1);
    expect(log.at('error')[0]!.msg).toMatch(/ALL sec traffic is paused until/);

    // Every host of the client is paused; nothing reaches any server.
    const err2 = await client.get(`${other.url}/y`).catch((e: unknown) => e);
    expect(err2).toBeInstanceOf(ServicePausedError);
    expect((err2 as ServicePausedError).until.getTime()).toBe(stored!.until.getTime());
    expect(other.times).toHaveLength(0);

    // A restarted process (a new client over the same database) is paused too.
    const { client: restarted } = makeClient([other.url], {
      pauseOnSecThreshold: true,
      pause: createPauseStore(db, 'sec'),
    });
    await expect(restarted.get(`${other.url}/y`)).rejects.toBeInstanceOf(ServicePausedError);
    expect(other.times).toHaveLength(0);

    // After the pause, traffic resumes.
    await new Promise((r) => setTimeout(r, stored!.until.getTime() - Date.now() + 20));
    expect((await restarted.get(`${other.url}/y`)).status).toBe(200);
    expect(other.times).toHaveLength(1);
  });

  it('pauses even when the caller accepts 403 as an answer', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(403, { 'content-type': 'text/html' });
      res.end(THRESHOLD_PAGE);
    });
    const db = database();
    const { client } = makeClient([s.url], {
      pauseOnSecThreshold: true,
      pauseMs: 60_000,
      pause: createPauseStore(db, 'sec'),
    });
    await expect(
      client.get(`${s.url}/Archives/edgar/daily-index/2026/QTR4/form.20261205.idx`, {
        acceptStatus: [403, 404],
      }),
    ).rejects.toBeInstanceOf(ServicePausedError);
    expect(readPause(db, 'sec')).not.toBeNull();
  });

  it('a gzip-encoded threshold page is recognised too', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(403, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
      res.end(gzipSync(THRESHOLD_PAGE));
    });
    const { client } = makeClient([s.url], { pauseOnSecThreshold: true, pauseMs: 60_000 });
    await expect(client.get(`${s.url}/x`)).rejects.toBeInstanceOf(ServicePausedError);
    await expect(client.get(`${s.url}/y`)).rejects.toBeInstanceOf(ServicePausedError);
    expect(s.times).toHaveLength(1);
  });

  it('without pauseOnSecThreshold the page is an HttpStatusError 403 that says what it is', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(403, { 'content-type': 'text/html' });
      res.end(THRESHOLD_PAGE);
    });
    const { client } = makeClient([s.url]);
    const err = await client.get(`${s.url}/x`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpStatusError);
    expect((err as Error).message).toMatch(/Request Rate Threshold Exceeded/);
  });
});

describe('bodies', () => {
  it('a body shorter than its Content-Length is an error, not a short success', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': '5000' });
      res.write('only a little');
      setTimeout(() => res.socket?.end(), 10);
    });
    const { client } = makeClient([s.url], { retries: { attempts: 2, baseDelayMs: 1 } });
    const err = await client.get(`${s.url}/x`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(err).toMatchObject({ reason: 'truncated', retryable: true });
    expect(s.times).toHaveLength(2);
  });

  it('decodes gzip and deflate, and asks for them', async () => {
    const s = await serve((req, res) => {
      const body = Buffer.from(`{"path":"${req.url}"}`);
      if (req.url === '/gz') {
        res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'application/json' });
        res.end(gzipSync(body));
      } else {
        res.writeHead(200, { 'content-encoding': 'deflate', 'content-type': 'application/json' });
        res.end(deflateSync(body));
      }
    });
    const { client } = makeClient([s.url]);
    expect(JSON.parse((await client.get(`${s.url}/gz`)).body.toString())).toEqual({ path: '/gz' });
    expect(JSON.parse((await client.get(`${s.url}/df`)).body.toString())).toEqual({ path: '/df' });
    expect(
      s.requests.every(
        (r) => r.headers['accept-encoding'] === 'gzip, deflate' && r.headers['user-agent'] === UA,
      ),
    ).toBe(true);
  });

  it('malformed gzip is a ContentDecodingError', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' });
      res.end(
        Buffer.concat([
          gzipSync('a real start').subarray(0, 12),
          Buffer.from('garbage that is not deflate data'),
        ]),
      );
    });
    const { client } = makeClient([s.url], { retries: { attempts: 1 } });
    const err = await client.get(`${s.url}/x`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContentDecodingError);
    expect((err as Error).message).toContain(`${s.url}/x`);
  });

  it('a slow-drip body is cut by the overall body deadline', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      let sent = 0;
      const timer = setInterval(() => {
        if (res.destroyed || ++sent > 200) {
          clearInterval(timer);
          res.end();
          return;
        }
        res.write('x');
      }, 20);
      res.on('close', () => clearInterval(timer));
    });
    const { client } = makeClient([s.url], {
      timeouts: { bodyIdleMs: 1000, bodyTotalMs: 300 },
      retries: { attempts: 1 },
    });
    const started = performance.now();
    const err = await client.get(`${s.url}/x`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err).toMatchObject({ phase: 'body', timeoutMs: 300 });
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('a never-ending body is cut by the size limit', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      let sent = 0;
      const pump = () => {
        while (!res.destroyed && sent < 2000) {
          sent++;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        if (!res.destroyed) res.end();
      };
      pump();
    });
    const { client } = makeClient([s.url]);
    const err = await client.get(`${s.url}/x`, { maxBytes: 1024 * 1024 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TooLargeError);
    expect(err).toMatchObject({ limit: 1024 * 1024, retryable: false });
    expect(s.times).toHaveLength(1);
  });

  it('a body announced larger than the limit is refused before it is downloaded', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, {
        'content-type': 'text/plain',
        'content-length': String(10 * 1024 * 1024),
      });
      res.write(Buffer.alloc(1024, 'a'));
      res.on('close', () => undefined);
    });
    const { client } = makeClient([s.url]);
    const err = await client.get(`${s.url}/x`, { maxBytes: 1024 * 1024 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TooLargeError);
    expect(err).toMatchObject({ limit: 1024 * 1024 });
  });

  it('rejects a URL that cannot be parsed', async () => {
    const { client } = makeClient(['http://127.0.0.1:1']);
    await expect(client.get('not a url')).rejects.toBeInstanceOf(InvalidUrlError);
  });

  it('a gzip bomb is cut by the size limit on decoded bytes', async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' });
      res.end(bomb);
    });
    const { client } = makeClient([s.url], { maxBytes: 2 * 1024 * 1024 });
    await expect(client.get(`${s.url}/x`)).rejects.toBeInstanceOf(TooLargeError);
  });

  it('an HTML error page where JSON was expected is UnexpectedContentError', async () => {
    const s = await serve((_req, res) =>
      ok(res, '<html>maintenance</html>', 'text/html; charset=utf-8'),
    );
    const { client } = makeClient([s.url]);
    const err = await client.get(`${s.url}/x.json`, { expect: 'json' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnexpectedContentError);
    expect(err).toMatchObject({
      expected: 'json',
      contentType: 'text/html; charset=utf-8',
      retryable: false,
    });
    expect(s.times).toHaveLength(1);
  });

  it('a status the caller accepts is returned, not thrown', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('no such index yet');
    });
    const { client } = makeClient([s.url]);
    const res = await client.get(`${s.url}/x`, { acceptStatus: [404] });
    expect(res).toMatchObject({ status: 404, notModified: false });
    expect(res.body.toString()).toBe('no such index yet');
    await expect(client.get(`${s.url}/x`)).rejects.toMatchObject({ status: 404 });
  });
});

describe('timeouts and network failures', () => {
  it('headers late and a body in parts share one deadline per request: TimeoutError(request)', async () => {
    // Each phase alone is within its own bound (headers after 250 ms, a chunk every 100 ms),
    // yet the whole answer would take over 1 s: the request deadline (600 ms) cuts it.
    const s = await serve((_req, res) => {
      const timer = setTimeout(() => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        let sent = 0;
        const drip = setInterval(() => {
          if (res.destroyed || ++sent > 10) {
            clearInterval(drip);
            res.end();
            return;
          }
          res.write('x');
        }, 100);
        res.on('close', () => clearInterval(drip));
      }, 250);
      res.on('close', () => clearTimeout(timer));
    });
    const { client } = makeClient([s.url], {
      timeouts: { headersMs: 1000, bodyIdleMs: 1000, bodyTotalMs: 5000, requestMs: 600 },
      retries: { attempts: 1 },
    });
    const err = await client.get(`${s.url}/x`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err).toMatchObject({ phase: 'request', timeoutMs: 600, retryable: true });
    expect((err as Error).message).toContain('headers and body');
  });

  it('no response headers in time is TimeoutError(headers), retried', async () => {
    const s = await serve((_req, res, n) => {
      if (n === 1) {
        setTimeout(() => res.destroyed || ok(res, 'late'), 600);
        return;
      }
      ok(res, 'prompt');
    });
    const { client, log } = makeClient([s.url], { timeouts: { headersMs: 200 } });
    expect((await client.get(`${s.url}/x`)).body.toString()).toBe('prompt');
    expect(log.at('warn')[0]!.reason).toBe('timeout (headers)');
  });

  it('a refused connection is NetworkError(refused) after the retries', async () => {
    const s = await serve((_req, res) => ok(res));
    const url = s.url;
    await servers.pop()!.close();
    const { client } = makeClient([url], { retries: { attempts: 2, baseDelayMs: 1 } });
    const err = await client.get(`${url}/x`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(err).toMatchObject({ reason: 'refused', causeCode: 'ECONNREFUSED' });
  });
});

describe('aborting (shutdown)', () => {
  it('aborts a retry wait and a body in progress with AbortedError', async () => {
    const s = await serve((req, res) => {
      if (req.url === '/wait') {
        res.writeHead(503, { 'retry-after': '30' });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain' });
      let sent = 0;
      const timer = setInterval(
        () => (res.destroyed || ++sent > 100 ? (clearInterval(timer), res.end()) : res.write('x')),
        20,
      );
      res.on('close', () => clearInterval(timer));
    });
    const { client } = makeClient([s.url], { retries: { attempts: 4, maxRetryAfterMs: 60_000 } });
    const started = performance.now();
    const err1 = await client
      .get(`${s.url}/wait`, { signal: AbortSignal.timeout(200) })
      .catch((e: unknown) => e);
    expect(err1).toBeInstanceOf(AbortedError);
    const err2 = await client
      .get(`${s.url}/drip`, { signal: AbortSignal.timeout(200) })
      .catch((e: unknown) => e);
    expect(err2).toBeInstanceOf(AbortedError);
    expect(performance.now() - started).toBeLessThan(1500);
    expect(s.times).toHaveLength(2);
    const aborted = new AbortController();
    aborted.abort();
    await expect(client.get(`${s.url}/wait`, { signal: aborted.signal })).rejects.toBeInstanceOf(
      AbortedError,
    );
    expect(s.times).toHaveLength(2);
  });
});

describe('host allowlist and redirects', () => {
  it('refuses a URL outside the allowlist without sending', async () => {
    const s = await serve((_req, res) => ok(res));
    const { client } = makeClient(['http://127.0.0.1:1']);
    const err = await client.get(`${s.url}/x`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostNotAllowedError);
    expect(s.times).toHaveLength(0);
  });

  it('refuses a redirect to another host', async () => {
    const outside = await serve((_req, res) => ok(res));
    const s = await serve((_req, res) => {
      res.writeHead(302, { location: `${outside.url}/elsewhere` });
      res.end();
    });
    const { client } = makeClient([s.url]);
    const err = await client.get(`${s.url}/x`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostNotAllowedError);
    expect((err as Error).message).toContain(`redirected from ${s.url}/x`);
    expect(outside.times).toHaveLength(0);
  });

  it('follows redirects within the allowlist (relative and to another allowed host)', async () => {
    const data = await serve((req, res) => ok(res, `data:${req.url}`));
    const www = await serve((req, res) => {
      if (req.url === '/old') {
        res.writeHead(301, { location: '/new' });
        res.end();
      } else {
        res.writeHead(307, { location: `${data.url}/final` });
        res.end();
      }
    });
    const { client } = makeClient([www.url, data.url]);
    const res = await client.get(`${www.url}/old`);
    expect(res.url).toBe(`${data.url}/final`);
    expect(res.body.toString()).toBe('data:/final');
    expect(www.requests.map((r) => r.url)).toEqual(['/old', '/new']);
    expect([...www.requests, ...data.requests].every((r) => r.headers['user-agent'] === UA)).toBe(
      true,
    );
  });

  it('stops after 5 redirects', async () => {
    const s = await serve((req, res) => {
      res.writeHead(302, { location: `/r${Number((req.url ?? '/r0').slice(2)) + 1}` });
      res.end();
    });
    const { client } = makeClient([s.url]);
    await expect(client.get(`${s.url}/r0`)).rejects.toBeInstanceOf(TooManyRedirectsError);
    expect(s.times).toHaveLength(6);
  });
});

describe('conditional GET', () => {
  it('stores validators on 200, sends them next time, and returns notModified on 304', async () => {
    const etag = '"v1-abc"';
    const lastModified = 'Wed, 02 Dec 2026 10:00:00 GMT';
    const s = await serve((req, res) => {
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag });
        res.end();
        return;
      }
      res.writeHead(200, {
        etag,
        'last-modified': lastModified,
        'content-type': 'application/json',
      });
      res.end('{"v":1}');
    });
    const db = database();
    const { client } = makeClient([s.url], { validators: createValidatorStore(db) });
    const url = `${s.url}/submissions/CIK0000320193.json`;
    const first = await client.get(url, { conditional: true, expect: 'json' });
    expect(first).toMatchObject({ status: 200, notModified: false });
    expect(getValidators(db, url)).toEqual({ etag, lastModified });
    const second = await client.get(url, { conditional: true, expect: 'json' });
    expect(second).toMatchObject({ status: 304, notModified: true });
    expect(second.body.length).toBe(0);
    expect(s.requests[1]!.headers['if-none-match']).toBe(etag);
    expect(s.requests[1]!.headers['if-modified-since']).toBe(lastModified);
    // Without `conditional` nothing stored is sent.
    await client.get(url);
    expect(s.requests[2]!.headers['if-none-match']).toBeUndefined();
  });
});

describe('User-Agent', () => {
  it('refuses before any request when the SEC client has none, saying how to set it', async () => {
    const s = await serve((_req, res) => ok(res));
    const { client } = makeClient([s.url], { userAgent: '  ' });
    const err = await client.get(`${s.url}/x`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserAgentMissingError);
    expect((err as Error).message).toContain('REGWATCH_SEC_USER_AGENT="Jane Doe jane@example.com"');
    expect(s.times).toHaveLength(0);
  });

  it('never logs header values other than the User-Agent', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(503);
      res.end();
    });
    const { client, log } = makeClient([s.url], { retries: { attempts: 2, baseDelayMs: 1 } });
    await client.get(`${s.url}/x`, { accept: 'application/json' }).catch(() => undefined);
    const text = JSON.stringify(log.lines);
    expect(text).not.toContain('application/json');
    expect(text).not.toContain('gzip, deflate');
  });
});
