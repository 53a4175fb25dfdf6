import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/daemon/metrics.js';
import { startScheduler } from '../../src/daemon/scheduler.js';
import type { Task } from '../../src/daemon/task.js';
import { useTmpDir } from '../helpers/tmp.js';
import { captureLogger, openTestDb, sleep } from './daemon-helpers.js';

const tmp = useTmpDir();
const EVERY_SECOND = '* * * * * *';

async function waitFor(cond: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await sleep(20);
  }
}

describe('scheduler (real node-cron, real SQLite file)', () => {
  it('skips and logs a tick while the previous run goes on, keeps other tasks running when one throws, records every run', async () => {
    const db = openTestDb(tmp());
    const cap = captureLogger();
    const metrics = createMetrics();
    let concurrent = 0;
    let maxConcurrent = 0;
    let slowRuns = 0;
    let fastRuns = 0;
    const slow: Task = {
      name: 'slow',
      cron: EVERY_SECOND,
      async run() {
        concurrent++;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        slowRuns++;
        await sleep(2300); // spans two more ticks
        concurrent--;
        return { filingsProcessed: 1 };
      },
    };
    const broken: Task = {
      name: 'broken',
      cron: EVERY_SECOND,
      run: async () => Promise.reject(new Error('feed unreachable')),
    };
    const fast: Task = {
      name: 'fast',
      cron: EVERY_SECOND,
      run: async () => ({ noticesProcessed: ++fastRuns }),
    };
    const scheduler = startScheduler(
      { db, logger: cap.logger, metrics, now: () => new Date(), timezone: 'America/New_York' },
      [slow, broken, fast],
    );
    expect(scheduler.isRunning()).toBe(true);
    await waitFor(() => fastRuns >= 4, 8000);
    await scheduler.stop(5000);
    expect(scheduler.isRunning()).toBe(false);
    expect(scheduler.inFlight()).toEqual([]);

    expect(maxConcurrent).toBe(1);
    const skips = cap.lines.filter(
      (l) => l.msg === 'previous run still going; this tick is skipped' && l.task === 'slow',
    );
    expect(skips.length).toBeGreaterThanOrEqual(1);
    expect((await metrics.render()).body).toMatch(
      /regwatch_runs_overlap_skipped_total\{task="slow"\} [1-9]/,
    );

    const count = (source: string, status: string) =>
      (
        db
          .prepare('SELECT count(*) AS n FROM runs WHERE source = ? AND status = ?')
          .get(source, status) as { n: number }
      ).n;
    // Every run recorded and closed: the slow one in flight at stop was waited for, not abandoned.
    expect(count('slow', 'ok')).toBe(slowRuns);
    expect(count('fast', 'ok')).toBe(fastRuns);
    expect(count('broken', 'failed')).toBeGreaterThanOrEqual(3);
    expect(
      (db.prepare(`SELECT count(*) AS n FROM runs WHERE status = 'running'`).get() as { n: number })
        .n,
    ).toBe(0);
    expect(
      db.prepare(`SELECT DISTINCT error FROM runs WHERE source = 'broken'`).pluck().all(),
    ).toEqual(['feed unreachable']);

    // Stopped means stopped: no tick starts a run afterwards.
    const total = (db.prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n;
    await sleep(1300);
    expect((db.prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n).toBe(total);
    db.close();
  });

  it('stop waits for the run in flight within the grace', async () => {
    const db = openTestDb(tmp());
    let finished = false;
    const scheduler = startScheduler(
      { db, logger: captureLogger().logger, now: () => new Date(), timezone: 'UTC' },
      [
        {
          name: 'edgar',
          cron: EVERY_SECOND,
          run: async () => (await sleep(1200), (finished = true), { filingsProcessed: 1 }),
        },
      ],
    );
    await waitFor(() => scheduler.inFlight().includes('edgar'), 3000);
    const t0 = Date.now();
    await scheduler.stop(10_000);
    expect(finished).toBe(true);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(db.prepare(`SELECT status FROM runs`).pluck().all()).toEqual(['ok']);
    db.close();
  });

  it('when the grace runs out, aborts the run in flight and returns within the grace', async () => {
    const db = openTestDb(tmp());
    let sawAbort = false;
    const scheduler = startScheduler(
      { db, logger: captureLogger().logger, now: () => new Date(), timezone: 'UTC' },
      [
        {
          name: 'edgar',
          cron: EVERY_SECOND,
          run: (signal) =>
            new Promise((_, reject) => {
              // Stops at the next safe point once asked, like a source between two filings.
              signal.addEventListener(
                'abort',
                () => (
                  (sawAbort = true),
                  reject(new Error('stopped: the daemon is shutting down'))
                ),
              );
            }),
        },
      ],
    );
    await waitFor(() => scheduler.inFlight().includes('edgar'), 3000);
    const t0 = Date.now();
    await scheduler.stop(800);
    const took = Date.now() - t0;
    expect(sawAbort).toBe(true);
    expect(took).toBeGreaterThanOrEqual(500); // it did wait before aborting
    expect(took).toBeLessThan(1500);
    expect(db.prepare(`SELECT status, error FROM runs`).all()).toEqual([
      { status: 'failed', error: 'stopped: the daemon is shutting down' },
    ]);
    db.close();
  });

  it('refuses duplicate task names and bad cron expressions', () => {
    const db = openTestDb(tmp());
    const deps = { db, logger: captureLogger().logger, now: () => new Date(), timezone: 'UTC' };
    const t = { name: 'a', cron: '* * * * *', run: async () => ({}) };
    expect(() => startScheduler(deps, [t, t])).toThrow(/two tasks are named "a"/);
    expect(() => startScheduler(deps, [{ ...t, cron: 'every minute' }])).toThrow(
      /invalid cron expression "every minute"/,
    );
    db.close();
  });
});

describe('start-up cycle, busy hours and deadlines', () => {
  it('runs one cycle before the schedules (sources side by side, then mail), then only due ticks, and says when each source runs next', async () => {
    const db = openTestDb(tmp());
    const cap = captureLogger();
    const metrics = createMetrics();
    const order: string[] = [];
    let inFlight = 0;
    let bothSourcesAtOnce = false;
    const source = (name: string, due?: Task['due']): Task => ({
      name,
      cron: EVERY_SECOND,
      source: true,
      due,
      async run() {
        order.push(`${name}:start`);
        inFlight++;
        if (inFlight === 2) bothSourcesAtOnce = true;
        await sleep(300);
        inFlight--;
        order.push(`${name}:end`);
        return {};
      },
    });
    // "edgar" is due every tick; "quiet" (off hours) only 60 s after its last start.
    const quietDue: Task['due'] = (at, last) =>
      last === null || at.getTime() - last.getTime() >= 60_000;
    const mail: Task = {
      name: 'mail',
      cron: '0 0 1 1 *',
      run: async () => (order.push('mail'), {}),
    };
    const scheduler = startScheduler(
      { db, logger: cap.logger, metrics, now: () => new Date(), timezone: 'UTC' },
      [source('edgar'), source('quiet', quietDue), mail],
      { startupCycle: true },
    );
    const startup = await scheduler.ready;
    expect(startup.map((r) => `${r.task}:${r.result.status}`)).toEqual([
      'edgar:ok',
      'quiet:ok',
      'mail:ok',
    ]);
    expect(bothSourcesAtOnce).toBe(true);
    expect(order.indexOf('mail')).toBeGreaterThan(
      Math.max(order.indexOf('edgar:end'), order.indexOf('quiet:end')),
    );
    // The next run of each source: logged, kept for `status`, exported.
    const quietNext = scheduler.nextRun('quiet')!;
    expect(quietNext.getTime() - Date.now()).toBeGreaterThan(50_000);
    expect(
      db
        .prepare(`SELECT value FROM source_state WHERE key = 'schedule.quiet.nextRunAt'`)
        .pluck()
        .get(),
    ).toMatch(/^\d{4}-/);
    expect(cap.lines.some((l) => l.task === 'edgar' && typeof l.nextRun === 'string')).toBe(true);
    expect((await metrics.render()).body).toMatch(
      /regwatch_next_run_timestamp_seconds\{task="quiet"\} \d/,
    );
    await sleep(2500);
    await scheduler.stop(2000);
    const runs = (name: string) => order.filter((o) => o === `${name}:start`).length;
    expect(runs('edgar')).toBeGreaterThanOrEqual(3); // the start-up run and a tick every second
    expect(runs('quiet')).toBe(1); // not due again within 60 s
  });

  it('a run past its deadline fails with the reason, its signal aborted, and the scheduler goes on', async () => {
    const db = openTestDb(tmp());
    const cap = captureLogger();
    let aborted = false;
    const hung: Task = {
      name: 'edgar',
      cron: '0 0 1 1 *',
      source: true,
      deadlineMs: 300,
      run: (signal) =>
        new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => {
            aborted = true;
            reject(new Error('aborted'));
          }),
        ),
    };
    const scheduler = startScheduler(
      { db, logger: cap.logger, now: () => new Date(), timezone: 'UTC' },
      [hung],
      { startupCycle: true },
    );
    const [result] = await scheduler.ready;
    await scheduler.stop(1000);
    expect(aborted).toBe(true);
    expect(result!.result).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(
        /^CYCLE_DEADLINE: edgar did not finish within the cycle deadline/,
      ),
    });
    expect(db.prepare(`SELECT status, error FROM runs WHERE source = 'edgar'`).get()).toMatchObject(
      { status: 'failed', error: expect.stringContaining('cycle deadline') },
    );
  });
});
