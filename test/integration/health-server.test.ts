import { describe, expect, it } from 'vitest';
import { Config } from '../../src/config/schema.js';
import { checkHealth, parseListen, startHealthServer } from '../../src/daemon/health-server.js';
import { createMetrics } from '../../src/daemon/metrics.js';
import { startScheduler } from '../../src/daemon/scheduler.js';
import { runTask } from '../../src/daemon/task.js';
import { useTmpDir } from '../helpers/tmp.js';
import { captureLogger, openTestDb } from './daemon-helpers.js';

const tmp = useTmpDir();
const NEVER_SOON = '0 0 1 1 *';

/** A strict reading of the Prometheus text format 0.0.4: every line a HELP/TYPE comment or a sample. */
function parsePrometheus(text: string): Map<string, { type: string; samples: string[] }> {
  const families = new Map<string, { type: string; samples: string[] }>();
  const name = '[a-zA-Z_:][a-zA-Z0-9_:]*';
  const sample = new RegExp(
    `^(${name})(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\["\\\\n])*",?)*\\})? (-?[0-9.e+-]+|NaN|[+-]Inf)( -?\\d+)?$`,
    'i',
  ); // Prometheus parses floats with Go's ParseFloat: "Nan" is accepted
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (new RegExp(`^# HELP (${name}) .*$`).test(line)) continue;
    let m = new RegExp(`^# TYPE (${name}) (counter|gauge|histogram|summary|untyped)$`).exec(line);
    if (m) {
      families.set(m[1]!, { type: m[2]!, samples: [] });
      continue;
    }
    m = sample.exec(line);
    if (!m) throw new Error(`not Prometheus text: ${JSON.stringify(line)}`);
    const base = m[1]!.replace(/_(bucket|sum|count|created)$/, '');
    const fam = families.get(m[1]!) ?? families.get(base);
    if (!fam) throw new Error(`sample before its TYPE line: ${line}`);
    fam.samples.push(line);
  }
  return families;
}

describe('health and metrics listener', () => {
  it('/healthz is 200 while schedules run and the database answers, 503 with the reason when the database is closed', async () => {
    const db = openTestDb(tmp());
    const metrics = createMetrics();
    const scheduler = startScheduler(
      { db, logger: captureLogger().logger, metrics, now: () => new Date(), timezone: 'UTC' },
      [{ name: 'edgar', cron: NEVER_SOON, run: async () => ({}) }],
    );
    const server = await startHealthServer({
      listen: '127.0.0.1:0',
      metrics,
      health: () => checkHealth(db, scheduler),
    });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      let res = await fetch(`${server.url}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok' });
      db.close();
      res = await fetch(`${server.url}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'unavailable', reason: 'database is closed' });
    } finally {
      await scheduler.stop(0);
      await server.close();
    }
  });

  it('/healthz is 503 once the schedules are stopped', async () => {
    const db = openTestDb(tmp());
    const metrics = createMetrics();
    const scheduler = startScheduler(
      { db, logger: captureLogger().logger, metrics, now: () => new Date(), timezone: 'UTC' },
      [{ name: 'edgar', cron: NEVER_SOON, run: async () => ({}) }],
    );
    const server = await startHealthServer({
      listen: '127.0.0.1:0',
      metrics,
      health: () => checkHealth(db, scheduler),
    });
    try {
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      await scheduler.stop(0);
      const res = await fetch(`${server.url}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'unavailable', reason: 'schedules are stopped' });
    } finally {
      await server.close();
      db.close();
    }
  });

  it('/healthz is 503 when the health check itself throws', async () => {
    const server = await startHealthServer({
      listen: '127.0.0.1:0',
      metrics: createMetrics(),
      health: () => {
        throw new Error('disk gone');
      },
    });
    try {
      const res = await fetch(`${server.url}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({
        status: 'unavailable',
        reason: 'health check failed: disk gone',
      });
    } finally {
      await server.close();
    }
  });

  it('/metrics serves valid Prometheus text with the regwatch metric families', async () => {
    const db = openTestDb(tmp());
    const metrics = createMetrics();
    const deps = { db, logger: captureLogger().logger, metrics, now: () => new Date() };
    await runTask(deps, {
      name: 'edgar',
      cron: NEVER_SOON,
      run: async () => ({ filingsProcessed: 3, alertsQueued: 2 }),
    });
    await runTask(deps, {
      name: 'mail',
      cron: NEVER_SOON,
      run: async () => ({ deliveriesSent: 2, deliveriesDead: 1, errors: 1 }),
    });
    await runTask(deps, {
      name: 'federal-register',
      cron: NEVER_SOON,
      run: async () => Promise.reject(new Error('x')),
    });
    metrics.request('www.sec.gov', '200');
    metrics.request('www.sec.gov', '200');
    metrics.request('www.federalregister.gov', 'ETIMEDOUT');
    metrics.retry('www.sec.gov', '503');
    metrics.recordOverlap('edgar');
    const server = await startHealthServer({
      listen: '127.0.0.1:0',
      metrics,
      health: () => ({ ok: true }),
    });
    try {
      const res = await fetch(`${server.url}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const families = parsePrometheus(await res.text());
      const expected: [string, string][] = [
        ['regwatch_runs_total', 'counter'],
        ['regwatch_run_failures_total', 'counter'],
        ['regwatch_runs_overlap_skipped_total', 'counter'],
        ['regwatch_filings_processed_total', 'counter'],
        ['regwatch_notices_processed_total', 'counter'],
        ['regwatch_alerts_queued_total', 'counter'],
        ['regwatch_deliveries_sent_total', 'counter'],
        ['regwatch_deliveries_dead_total', 'counter'],
        ['regwatch_http_requests_total', 'counter'],
        ['regwatch_http_retries_total', 'counter'],
        ['regwatch_last_success_timestamp_seconds', 'gauge'],
        ['regwatch_run_duration_seconds', 'histogram'],
        ['regwatch_process_resident_memory_bytes', 'gauge'],
      ];
      for (const [name, type] of expected) expect(families.get(name)?.type, name).toBe(type);
      const samples = (name: string) => families.get(name)!.samples;
      expect(samples('regwatch_http_requests_total')).toEqual(
        expect.arrayContaining([
          'regwatch_http_requests_total{host="www.sec.gov",outcome="200"} 2',
          'regwatch_http_requests_total{host="www.federalregister.gov",outcome="ETIMEDOUT"} 1',
        ]),
      );
      expect(samples('regwatch_http_retries_total')).toEqual([
        'regwatch_http_retries_total{host="www.sec.gov",reason="503"} 1',
      ]);
      expect(samples('regwatch_deliveries_dead_total')).toEqual([
        'regwatch_deliveries_dead_total{task="mail"} 1',
      ]);
      expect(samples('regwatch_run_failures_total')).toEqual([
        'regwatch_run_failures_total{task="federal-register"} 1',
      ]);
      expect(samples('regwatch_runs_total')).toEqual(
        expect.arrayContaining([
          'regwatch_runs_total{task="edgar",status="ok"} 1',
          'regwatch_runs_total{task="mail",status="partial"} 1',
        ]),
      );
      // Nothing but the two paths, GET/HEAD only.
      expect((await fetch(`${server.url}/`)).status).toBe(404);
      expect((await fetch(`${server.url}/metrics`, { method: 'POST' })).status).toBe(405);
      const head = await fetch(`${server.url}/healthz`, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(await head.text()).toBe('');
    } finally {
      await server.close();
      db.close();
    }
  });

  it('two metric sets do not share counters (own registry, not the global one)', async () => {
    const a = createMetrics();
    const b = createMetrics();
    a.request('h', '200');
    expect((await a.render()).body).toContain(
      'regwatch_http_requests_total{host="h",outcome="200"} 1',
    );
    expect((await b.render()).body).not.toContain('host="h"');
  });

  it('parses host:port and refuses anything else with the key named', () => {
    expect(parseListen('127.0.0.1:9464')).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(parseListen('[::1]:9464')).toEqual({ host: '::1', port: 9464 });
    expect(parseListen('localhost:0')).toEqual({ host: 'localhost', port: 0 });
    for (const bad of ['9464', '127.0.0.1', '127.0.0.1:99999', 'http://127.0.0.1:9464', ':9464'])
      expect(() => parseListen(bad), bad).toThrow(/http\.listen: expected host:port/);
  });

  it('config key http.listen: off by default, host:port validated', () => {
    const base = { recipients: { default: { emails: ['ops@example.com'] } } };
    expect(Config.parse(base).http).toEqual({ requestTimeoutSeconds: 30 }); // no listener unless asked
    expect(Config.parse({ ...base, http: { listen: '127.0.0.1:9464' } }).http.listen).toBe(
      '127.0.0.1:9464',
    );
    for (const listen of ['9464', 'http://127.0.0.1:9464', '127.0.0.1:70000']) {
      const r = Config.safeParse({ ...base, http: { listen } });
      expect(r.success, listen).toBe(false);
      expect(
        r.error?.issues.map((i) => i.path),
        listen,
      ).toEqual([['http', 'listen']]);
    }
  });

  it('fails clearly when the port is taken', async () => {
    const first = await startHealthServer({
      listen: '127.0.0.1:0',
      metrics: createMetrics(),
      health: () => ({ ok: true }),
    });
    try {
      const port = new URL(first.url).port;
      await expect(
        startHealthServer({
          listen: `127.0.0.1:${port}`,
          metrics: createMetrics(),
          health: () => ({ ok: true }),
        }),
      ).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.close();
    }
  });
});
