import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/daemon/metrics.js';
import { runTask, type Task } from '../../src/daemon/task.js';
import {
  closeInterruptedRuns,
  finishRun,
  INTERRUPTED_ERROR,
  lastRuns,
  lastSuccess,
  startRun,
} from '../../src/store/runs.js';
import { useTmpDir } from '../helpers/tmp.js';
import { captureLogger, openTestDb } from './daemon-helpers.js';

const tmp = useTmpDir();
const at = (s: string) => new Date(`2026-12-04T${s}Z`);

describe('runs table', () => {
  it('records start and end, and reports the latest run per source with parsed stats', () => {
    const db = openTestDb(tmp());
    const a = startRun(db, 'edgar', at('10:00:00'));
    finishRun(db, a, { status: 'ok', stats: { filingsProcessed: 3 } }, at('10:00:05'));
    const b = startRun(db, 'edgar', at('10:02:00'));
    finishRun(db, b, { status: 'failed', stats: {}, error: 'HTTP_STATUS: 503' }, at('10:02:01'));
    const c = startRun(db, 'federal-register', at('10:03:00'));
    expect(lastRuns(db)).toEqual([
      {
        source: 'edgar',
        startedAt: '2026-12-04T10:02:00.000Z',
        finishedAt: '2026-12-04T10:02:01.000Z',
        status: 'failed',
        stats: {},
        error: 'HTTP_STATUS: 503',
      },
      {
        source: 'federal-register',
        startedAt: '2026-12-04T10:03:00.000Z',
        finishedAt: null,
        status: 'running',
        stats: {},
        error: null,
      },
    ]);
    // The failed run is not a success; the earlier ok one is.
    expect(lastSuccess(db, 'edgar')).toBe('2026-12-04T10:00:05.000Z');
    expect(lastSuccess(db, 'federal-register')).toBeNull();
    // A closed run is never reopened or rewritten by a late second finish.
    finishRun(db, a, { status: 'failed', stats: {}, error: 'late' }, at('11:00:00'));
    expect(lastSuccess(db, 'edgar')).toBe('2026-12-04T10:00:05.000Z');
    // A crash left `c` running: the next start closes it, and only it.
    expect(closeInterruptedRuns(db, at('12:00:00'))).toBe(1);
    expect(lastRuns(db)[1]).toMatchObject({
      source: 'federal-register',
      status: 'failed',
      error: INTERRUPTED_ERROR,
      finishedAt: '2026-12-04T12:00:00.000Z',
    });
    expect(closeInterruptedRuns(db, at('12:00:01'))).toBe(0);
    expect(c).toBeGreaterThan(b);
    db.close();
  });
});

describe('runTask', () => {
  const cases: {
    name: string;
    run: Task['run'];
    status: string;
    error?: RegExp;
    stats?: Record<string, number>;
  }[] = [
    {
      name: 'ok',
      run: async () => ({ filingsProcessed: 2, alertsQueued: 1, errors: 0 }),
      status: 'ok',
      stats: { filingsProcessed: 2, alertsQueued: 1, errors: 0 },
    },
    {
      name: 'partial',
      run: async () => ({ filingsProcessed: 5, errors: 1 }),
      status: 'partial',
      stats: { filingsProcessed: 5, errors: 1 },
    },
    {
      name: 'throws',
      run: async () =>
        Promise.reject(Object.assign(new Error('EDGAR answered 503'), { code: 'HTTP_STATUS' })),
      status: 'failed',
      error: /^HTTP_STATUS: EDGAR answered 503$/,
    },
    {
      name: 'throws-non-error',
      run: async () => Promise.reject('boom'),
      status: 'failed',
      error: /^boom$/,
    },
    // A task bug returning junk must not break the run record: only finite numbers are kept.
    {
      name: 'junk-stats',
      run: async () => ({ a: 1, b: NaN, c: 'x' }) as unknown as Record<string, number>,
      status: 'ok',
      stats: { a: 1 },
    },
  ];
  for (const c of cases) {
    it(`maps a task that ${c.name} to ${c.status} and records it`, async () => {
      const db = openTestDb(tmp());
      const { logger } = captureLogger();
      let t = 0;
      const now = () => new Date(Date.UTC(2026, 11, 4, 10, 0, t++));
      const result = await runTask(
        { db, logger, now },
        { name: c.name, cron: '* * * * *', run: c.run },
      );
      expect(result.status).toBe(c.status);
      if (c.error) expect(result.error).toMatch(c.error);
      else expect(result.error).toBeUndefined();
      if (c.stats) expect(result.stats).toEqual(c.stats);
      const [row] = lastRuns(db);
      expect(row).toEqual({
        source: c.name,
        startedAt: '2026-12-04T10:00:00.000Z',
        finishedAt: '2026-12-04T10:00:01.000Z',
        status: c.status,
        stats: result.stats,
        error: result.error ?? null,
      });
      db.close();
    });
  }

  it('does not start a task once the signal has aborted, and records nothing', async () => {
    const db = openTestDb(tmp());
    const ac = new AbortController();
    ac.abort();
    let called = false;
    const result = await runTask(
      { db, logger: captureLogger().logger, now: () => new Date() },
      { name: 'x', cron: '* * * * *', run: async () => ((called = true), {}) },
      ac.signal,
    );
    expect(result.status).toBe('skipped');
    expect(called).toBe(false);
    expect(lastRuns(db)).toEqual([]);
    db.close();
  });

  it('never throws when the store is unusable: the task is not run and the result says why', async () => {
    const db = openTestDb(tmp());
    db.close();
    let called = false;
    const result = await runTask(
      { db, logger: captureLogger().logger, now: () => new Date() },
      { name: 'x', cron: '* * * * *', run: async () => ((called = true), {}) },
    );
    expect(result).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/cannot record the run: .*not open/),
    });
    expect(called).toBe(false);
  });

  it('keeps URL credentials out of the log, the runs table and the metrics', async () => {
    const db = openTestDb(tmp());
    const cap = captureLogger();
    const metrics = createMetrics();
    const secret = 'hunter2-S3cret';
    const result = await runTask(
      { db, logger: cap.logger, metrics, now: () => new Date() },
      {
        name: 'mail',
        cron: '* * * * *',
        run: async () => {
          throw new Error(
            `connect ECONNREFUSED smtp://alerts:${secret}@mail.example.com:587 and proxy http://u:${secret}@proxy:3128/`,
          );
        },
      },
    );
    expect(result.status).toBe('failed');
    expect(result.error).toContain('smtp://[redacted]@mail.example.com:587');
    expect(result.error).toContain('http://[redacted]@proxy:3128/');
    expect(cap.text()).toContain('run failed');
    expect(cap.text()).not.toContain(secret);
    expect(JSON.stringify(db.prepare('SELECT * FROM runs').all())).not.toContain(secret);
    expect((await metrics.render()).body).not.toContain(secret);
    db.close();
  });

  it('feeds the metrics: runs by status, work counters, last success time', async () => {
    const db = openTestDb(tmp());
    const metrics = createMetrics();
    const deps = {
      db,
      logger: captureLogger().logger,
      metrics,
      now: () => new Date('2026-12-04T10:00:00Z'),
    };
    await runTask(deps, {
      name: 'edgar',
      cron: '* * * * *',
      run: async () => ({ filingsProcessed: 4, alertsQueued: 2 }),
    });
    await runTask(deps, {
      name: 'edgar',
      cron: '* * * * *',
      run: async () => ({ filingsProcessed: 1, errors: 1 }),
    });
    await runTask(deps, {
      name: 'mail',
      cron: '* * * * *',
      run: async () => Promise.reject(new Error('down')),
    });
    const { body } = await metrics.render();
    expect(body).toContain('regwatch_runs_total{task="edgar",status="ok"} 1');
    expect(body).toContain('regwatch_runs_total{task="edgar",status="partial"} 1');
    expect(body).toContain('regwatch_runs_total{task="mail",status="failed"} 1');
    expect(body).toContain('regwatch_run_failures_total{task="mail"} 1');
    expect(body).toContain('regwatch_filings_processed_total{task="edgar"} 5');
    expect(body).toContain('regwatch_alerts_queued_total{task="edgar"} 2');
    expect(body).toContain('regwatch_task_errors_total{task="edgar"} 1');
    expect(body).toContain(
      `regwatch_last_success_timestamp_seconds{task="edgar"} ${Date.parse('2026-12-04T10:00:00Z') / 1000}`,
    );
    expect(body).not.toMatch(/regwatch_last_success_timestamp_seconds\{task="mail"\}/);
    db.close();
  });
});
