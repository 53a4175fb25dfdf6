// npm run bench:web
// The web views (feed and history pages) over a generated year of data for 100 watches: each
// route fetched over the daemon's real listener, medians of rounds. Baseline in the same run:
// /healthz (the listener's floor: no store read, no rendering), and every route without
// migration 0008's indexes (rounds interleaved), to show what they buy.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMetrics } from '../src/daemon/metrics.js';
import { startHealthServer } from '../src/daemon/health-server.js';
import { migrate } from '../src/store/migrate.js';
import { openDatabase, type Db } from '../src/store/open-database.js';
import { resolveWebOptions } from '../src/web/options.js';
import { createWebHandler, routeWebRequest, type WebDeps } from '../src/web/router.js';
import { packageRoot } from '../src/paths.js';
import { median } from './corpus-files.js';
import { BENCH_CONFIG, generateStore } from './web-store.js';

const rounds = Number(process.env.BENCH_ROUNDS ?? 21);
// Migration 0008's statements, read from the file so the bench toggles exactly what ships.
const INDEXES = readFileSync(join(packageRoot(), 'migrations', '0008_history_indexes.sql'), 'utf8');

async function timeHttp(url: string): Promise<number> {
  const t = process.hrtime.bigint();
  const res = await fetch(url);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** In-process: the store reads, the rendering and the ETag, without the socket. */
function timeRouter(deps: WebDeps, url: string): { ms: number; bytes: number } {
  const t = process.hrtime.bigint();
  const r = routeWebRequest(deps, { method: 'GET', url, headers: {}, remoteAddress: '127.0.0.1' });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  return { ms, bytes: Buffer.byteLength(r?.body ?? '') };
}

type Mode = 'index' | 'none';
type Samples = Record<Mode, { http: number[]; router: number[] }>;

/** 0008's indexes on or off; SQLite re-prepares cached statements after the schema change. */
function setIndexes(db: Db, mode: Mode): void {
  db.exec(
    'DROP INDEX IF EXISTS alert_watches_by_watch; DROP INDEX IF EXISTS fr_documents_by_date;',
  );
  if (mode === 'index') db.exec(INDEXES);
}

/** Rounds alternate between the two modes so that load on the machine falls on both alike. */
async function measure(
  base: string,
  deps: WebDeps,
  routes: string[],
): Promise<{ samples: Map<string, Samples>; bytes: Map<string, number> }> {
  const samples = new Map<string, Samples>(
    routes.map((r) => [r, { index: { http: [], router: [] }, none: { http: [], router: [] } }]),
  );
  const bytes = new Map<string, number>();
  for (const r of routes) await timeHttp(base + r); // warm: prepared statements, JIT
  for (let i = 0; i < rounds; i++) {
    for (const mode of ['index', 'none'] as const) {
      setIndexes(deps.db, mode);
      for (const r of routes) {
        samples.get(r)![mode].http.push(await timeHttp(base + r));
        const t = timeRouter(deps, r);
        samples.get(r)![mode].router.push(t.ms);
        bytes.set(r, t.bytes);
      }
    }
  }
  setIndexes(deps.db, 'index');
  return { samples, bytes };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'regwatch-bench-web-'));
  try {
    const db = openDatabase(join(dir, 'regwatch.db'));
    migrate(db);
    const t0 = Date.now();
    generateStore(db);
    const counts = db
      .prepare(
        'SELECT (SELECT count(*) FROM filings) AS filings, (SELECT count(*) FROM changes) AS changes, (SELECT count(*) FROM risk_factors) AS factors, (SELECT count(*) FROM alerts) AS alerts, (SELECT count(*) FROM fr_documents) AS fr',
      )
      .get();
    db.pragma('wal_checkpoint(TRUNCATE)');
    console.log(
      `generated in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}, ${(statSync(join(dir, 'regwatch.db')).size / 1e6).toFixed(1)} MB`,
    );
    const bigDiff = (
      db
        .prepare(
          'SELECT diff_id AS id FROM changes GROUP BY diff_id ORDER BY count(*) DESC LIMIT 1',
        )
        .get() as { id: number }
    ).id;
    const deps: WebDeps = { db, options: resolveWebOptions(BENCH_CONFIG, {}) };
    const server = await startHealthServer({
      listen: '127.0.0.1:0',
      metrics: createMetrics(),
      health: () => ({ ok: true }),
      web: createWebHandler(deps),
    });
    const routes = [
      '/healthz',
      '/',
      '/watch/watch-042',
      `/diff/${bigDiff}`,
      '/feed.atom',
      '/feed.atom?watch=watch-042',
      '/feed.atom?group=analysts',
      '/feed.atom?group=investors',
    ];
    const { samples, bytes } = await measure(server.url, deps, routes);
    await server.close();
    db.close();
    console.log(
      `\n${rounds} rounds each, with 0008's indexes and without, interleaved; medians in ms`,
    );
    console.log(
      'answer: rendered in process (store reads, render, ETag); http: over the listener, body read',
    );
    console.log(
      [
        'route'.padEnd(28),
        'answer'.padStart(7),
        'http'.padStart(7),
        'KB'.padStart(5),
        'no-index answer'.padStart(16),
        'ratio'.padStart(6),
      ].join(' '),
    );
    let worst = 0;
    for (const r of routes) {
      const x = samples.get(r)!;
      const [a, h, n] = [median(x.index.router), median(x.index.http), median(x.none.router)];
      worst = Math.max(worst, h);
      console.log(
        [
          r.padEnd(28),
          a.toFixed(2).padStart(7),
          h.toFixed(2).padStart(7),
          (bytes.get(r)! / 1024).toFixed(0).padStart(5),
          n.toFixed(2).padStart(16),
          (n / a).toFixed(2).padStart(6),
        ].join(' '),
      );
    }
    console.log(
      `\nslowest route over http: median ${worst.toFixed(1)} ms (target: under 100 ms); ratio = without the indexes / with them`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
