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
    const broken: Task = { name: 'broken', cron: EVERY_SECOND, run: async () => Promise.reject(new Error('feed unreachable')) };
    const fast: Task = { name: 'fast', cron: EVERY_SECOND, run: async () => ({ noticesProcessed: ++fastRuns }) };
    const scheduler = startScheduler({ db, logger: cap.logger, metrics, now: () => new Date(), timezone: 'America/New_York' }, [slow, broken, fast]);
    expect(scheduler.isRunning()).toBe(true);
    await waitFor(() => fastRuns >= 4, 8000);
    await scheduler.stop(5000);
    expect(scheduler.isRunning()).toBe(false);
    expect(scheduler.inFlight()).toEqual([]);

    expect(maxConcurrent).toBe(1);
    const skips = cap.lines.filter((l) => l.msg === 'previous run still going; this tick is skipped' && l.task === 'slow');
    expect(skips.length).toBeGreaterThanOrEqual(1);
    expect((await metrics.render()).body).toMatch(/regwatch_runs_overlap_skipped_total\{task="slow"\} [1-9]/);

    const count = (source: string, status: string) => (db.prepare('SELECT count(*) AS n FROM runs WHERE source = ? AND status = ?').get(source, status) as { n: number }).n;
    // Every run recorded and closed: the slow one in flight at stop was waited for, not abandoned.
    expect(count('slow', 'ok')).toBe(slowRuns);
    expect(count('fast', 'ok')).toBe(fastRuns);
    expect(count('broken', 'failed')).toBeGreaterThanOrEqual(3);
    expect((db.prepare(`SELECT count(*) AS n FROM runs WHERE status = 'running'`).get() as { n: number }).n).toBe(0);
    expect((db.prepare(`SELECT DISTINCT error FROM runs WHERE source = 'broken'`).pluck().all())).toEqual(['feed unreachable']);

    // Stopped means stopped: no tick starts a run afterwards.
    const total = (db.prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n;
    await sleep(1300);
    expect((db.prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n).toBe(total);
    db.close();
  });

  it('stop waits for the run in flight within the grace', async () => {
    const db = openTestDb(tmp());
    let finished = false;
    const scheduler = startScheduler({ db, logger: captureLogger().logger, now: () => new Date(), timezone: 'UTC' }, [
      { name: 'edgar', cron: EVERY_SECOND, run: async () => (await sleep(1200), (finished = true), { filingsProcessed: 1 }) },
    ]);
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
    const scheduler = startScheduler({ db, logger: captureLogger().logger, now: () => new Date(), timezone: 'UTC' }, [
      {
        name: 'edgar',
        cron: EVERY_SECOND,
        run: (signal) =>
          new Promise((_, reject) => {
            // Stops at the next safe point once asked, like a source between two filings.
            signal.addEventListener('abort', () => ((sawAbort = true), reject(new Error('stopped: the daemon is shutting down'))));
          }),
      },
    ]);
    await waitFor(() => scheduler.inFlight().includes('edgar'), 3000);
    const t0 = Date.now();
    await scheduler.stop(800);
    const took = Date.now() - t0;
    expect(sawAbort).toBe(true);
    expect(took).toBeGreaterThanOrEqual(500); // it did wait before aborting
    expect(took).toBeLessThan(1500);
    expect(db.prepare(`SELECT status, error FROM runs`).all()).toEqual([{ status: 'failed', error: 'stopped: the daemon is shutting down' }]);
    db.close();
  });

  it('refuses duplicate task names and bad cron expressions', () => {
    const db = openTestDb(tmp());
    const deps = { db, logger: captureLogger().logger, now: () => new Date(), timezone: 'UTC' };
    const t = { name: 'a', cron: '* * * * *', run: async () => ({}) };
    expect(() => startScheduler(deps, [t, t])).toThrow(/two tasks are named "a"/);
    expect(() => startScheduler(deps, [{ ...t, cron: 'every minute' }])).toThrow(/invalid cron expression "every minute"/);
    db.close();
  });
});
