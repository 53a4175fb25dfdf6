import { describe, expect, it } from 'vitest';
import { runOnce, startDaemon } from '../../src/daemon/daemon.js';
import { INTERRUPTED_ERROR, lastRuns, startRun } from '../../src/store/runs.js';
import { useTmpDir } from '../helpers/tmp.js';
import { captureLogger, openTestDb } from './daemon-helpers.js';

const tmp = useTmpDir();

describe('startDaemon and runOnce', () => {
  it('closes runs a crash left open, serves health while running, and on stop closes the listener, then what the caller opened', async () => {
    const db = openTestDb(tmp());
    startRun(db, 'edgar', new Date('2026-12-04T09:00:00Z')); // left `running` by a killed process
    const cap = captureLogger();
    const order: string[] = [];
    const daemon = await startDaemon(
      {
        db,
        logger: cap.logger,
        now: () => new Date('2026-12-04T10:00:00Z'),
        timezone: 'America/New_York',
        listen: '127.0.0.1:0',
        graceMs: 1000,
        handleSignals: false,
        close: () => void order.push('close'),
      },
      [{ name: 'edgar', cron: '0 0 1 1 *', run: async () => ({}) }],
    );
    expect(daemon.interrupted).toBe(1);
    expect(lastRuns(db)).toEqual([
      expect.objectContaining({
        source: 'edgar',
        status: 'failed',
        error: INTERRUPTED_ERROR,
        finishedAt: '2026-12-04T10:00:00.000Z',
      }),
    ]);
    expect(
      cap.lines.some(
        (l) => l.msg === 'closed runs a previous process left unfinished as failed (interrupted)',
      ),
    ).toBe(true);
    expect((await fetch(`${daemon.healthUrl}/healthz`)).status).toBe(200);
    await Promise.all([daemon.stop(), daemon.stop()]); // idempotent
    expect(order).toEqual(['close']);
    expect(daemon.scheduler.isRunning()).toBe(false);
    await expect(fetch(`${daemon.healthUrl}/healthz`)).rejects.toThrow();
    db.close();
  });

  it('refuses to start on a taken port, naming the key', async () => {
    const db = openTestDb(tmp());
    const first = await startDaemon(
      {
        db,
        logger: captureLogger().logger,
        now: () => new Date(),
        timezone: 'UTC',
        listen: '127.0.0.1:0',
        handleSignals: false,
        close: () => undefined,
      },
      [],
    );
    const taken = first.healthUrl!.replace('http://', '');
    await expect(
      startDaemon(
        {
          db,
          logger: captureLogger().logger,
          now: () => new Date(),
          timezone: 'UTC',
          listen: taken,
          handleSignals: false,
          close: () => undefined,
        },
        [],
      ),
    ).rejects.toThrow(
      new RegExp(`http\\.listen ${taken.replace(/[.]/g, '\\.')}: cannot listen .*EADDRINUSE`),
    );
    await first.stop();
    db.close();
  });

  it('runOnce runs every task once, in order, recording each; a failing one does not stop the rest', async () => {
    const db = openTestDb(tmp());
    const seen: string[] = [];
    const task = (name: string, fail = false) => ({
      name,
      cron: '* * * * *',
      run: async () => {
        seen.push(name);
        if (fail) throw new Error(`${name} is down`);
        return { filingsProcessed: 1 };
      },
    });
    const results = await runOnce({ db, logger: captureLogger().logger, now: () => new Date() }, [
      task('edgar', true),
      task('federal-register'),
      task('mail'),
    ]);
    expect(seen).toEqual(['edgar', 'federal-register', 'mail']);
    expect(results.map((r) => [r.task, r.result.status])).toEqual([
      ['edgar', 'failed'],
      ['federal-register', 'ok'],
      ['mail', 'ok'],
    ]);
    expect(lastRuns(db).map((r) => [r.source, r.status, r.error])).toEqual([
      ['edgar', 'failed', 'edgar is down'],
      ['federal-register', 'ok', null],
      ['mail', 'ok', null],
    ]);
    db.close();
  });
});
