// npm run bench:web
// The web views (feed and history pages) over a generated year of data for 100 watches: each
// route fetched over the daemon's real listener, medians of rounds. Baseline in the same run:
// /healthz (the listener's floor: no store read, no rendering). Then the same routes without
// migration 0008's index, to show what it buys.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMetrics } from '../src/daemon/metrics.js';
import { startHealthServer } from '../src/daemon/health-server.js';
import { migrate } from '../src/store/migrate.js';
import { openDatabase } from '../src/store/open-database.js';
import { resolveWebOptions } from '../src/web/options.js';
import { createWebHandler } from '../src/web/router.js';
import { median } from './corpus-files.js';
import { BENCH_CONFIG, generateStore } from './web-store.js';

const rounds = Number(process.env.BENCH_ROUNDS ?? 21);

async function timeRoute(url: string): Promise<{ ms: number; bytes: number; status: number }> {
  const t = process.hrtime.bigint();
  const res = await fetch(url);
  const body = await res.arrayBuffer();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, bytes: body.byteLength, status: res.status };
}

async function measure(base: string, routes: string[]): Promise<Map<string, { median: number; max: number; bytes: number }>> {
  const times = new Map<string, number[]>(routes.map((r) => [r, []]));
  const bytes = new Map<string, number>();
  for (const r of routes) await timeRoute(base + r); // warm: prepared statements, JIT
  for (let i = 0; i < rounds; i++) {
    for (const r of routes) {
      const t = await timeRoute(base + r);
      if (t.status !== 200) throw new Error(`${r}: HTTP ${t.status}`);
      times.get(r)!.push(t.ms);
      bytes.set(r, t.bytes);
    }
  }
  return new Map(routes.map((r) => [r, { median: median(times.get(r)!), max: Math.max(...times.get(r)!), bytes: bytes.get(r)! }]));
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'regwatch-bench-web-'));
  try {
    const db = openDatabase(join(dir, 'regwatch.db'));
    migrate(db);
    const t0 = Date.now();
    generateStore(db);
    const counts = db.prepare('SELECT (SELECT count(*) FROM filings) AS filings, (SELECT count(*) FROM changes) AS changes, (SELECT count(*) FROM risk_factors) AS factors, (SELECT count(*) FROM alerts) AS alerts, (SELECT count(*) FROM fr_documents) AS fr').get();
    db.pragma('wal_checkpoint(TRUNCATE)');
    console.log(`generated in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}, ${(statSync(join(dir, 'regwatch.db')).size / 1e6).toFixed(1)} MB`);
    const bigDiff = (db.prepare('SELECT diff_id AS id FROM changes GROUP BY diff_id ORDER BY count(*) DESC LIMIT 1').get() as { id: number }).id;
    const server = await startHealthServer({ listen: '127.0.0.1:0', metrics: createMetrics(), health: () => ({ ok: true }), web: createWebHandler({ db, options: resolveWebOptions(BENCH_CONFIG, {}) }) });
    const routes = ['/healthz', '/', '/watch/watch-042', `/diff/${bigDiff}`, '/feed.atom', '/feed.atom?watch=watch-042', '/feed.atom?group=analysts', '/feed.atom?group=investors'];
    const withIndex = await measure(server.url, routes);
    db.exec('DROP INDEX alert_watches_by_watch');
    const without = await measure(server.url, routes);
    await server.close();
    db.close();
    console.log(`\n${rounds} rounds, medians (ms); ratio = without 0008's index / with it`);
    console.log(['route'.padEnd(28), 'median'.padStart(8), 'max'.padStart(8), 'KB'.padStart(7), 'no index'.padStart(9), 'ratio'.padStart(6)].join(' '));
    for (const r of routes) {
      const a = withIndex.get(r)!;
      const b = without.get(r)!;
      console.log([r.padEnd(28), a.median.toFixed(2).padStart(8), a.max.toFixed(2).padStart(8), (a.bytes / 1024).toFixed(0).padStart(7), b.median.toFixed(2).padStart(9), (b.median / a.median).toFixed(2).padStart(6)].join(' '));
    }
    const worst = Math.max(...routes.map((r) => withIndex.get(r)!.median));
    console.log(`\nslowest route median: ${worst.toFixed(1)} ms (target: under 100 ms)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
