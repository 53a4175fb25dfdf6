import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/open-database.js';
import {
  DEFAULT_SHUTDOWN_GRACE_MS,
  SHUTDOWN_MARGIN_MS,
  STOP_CUT_SHORT_EXIT,
} from '../../src/daemon/shutdown.js';
import { closeInterruptedRuns, INTERRUPTED_ERROR } from '../../src/store/runs.js';
import { ROOT } from '../helpers/cli.js';
import { useTmpDir } from '../helpers/tmp.js';

const tmp = useTmpDir();
const dist = (p: string) => pathToFileURL(join(ROOT, 'dist/src', p)).href;

/**
 * A real daemon process built from dist/: a real SQLite file, the real scheduler (every
 * second), one task that takes TASK_MS and prints "task-started" when it begins.
 */
function writeDaemonScript(dir: string): string {
  const file = join(dir, 'daemon.mjs');
  writeFileSync(
    file,
    `import { startDaemon } from ${JSON.stringify(dist('daemon/daemon.js'))};
import { openDatabase } from ${JSON.stringify(dist('store/open-database.js'))};
import { migrate } from ${JSON.stringify(dist('store/migrate.js'))};
import { createLogger } from ${JSON.stringify(dist('log/logger.js'))};
const db = openDatabase(process.argv[2]);
migrate(db);
const logger = createLogger({ pretty: false, level: 'info' });
const taskMs = Number(process.env.TASK_MS);
await startDaemon({ db, logger, now: () => new Date(), timezone: 'UTC', graceMs: Number(process.env.GRACE_MS), close: () => db.close() }, [
  { name: 'edgar', cron: '* * * * * *', run: (signal) => new Promise((resolve, reject) => {
      process.stdout.write('task-started\\n');
      const t = setTimeout(() => resolve({ filingsProcessed: 1 }), taskMs);
      if (process.env.HONOUR_ABORT === '1') signal.addEventListener('abort', () => { clearTimeout(t); reject(new Error('aborted at a safe point')); });
    }) },
]);
`,
  );
  return file;
}

interface Exit {
  code: number | null;
  signal: string | null;
  output: string;
  /** ms from the first signal to exit. */
  afterSignal: number;
}

/** Starts the daemon, waits for its task to start, sends `signals` (ms offsets after the first), resolves at exit. */
function runAndSignal(
  dir: string,
  env: Record<string, string>,
  signals: { signal: NodeJS.Signals; at: number }[],
): Promise<Exit> {
  const child = spawn(process.execPath, [writeDaemonScript(dir), join(dir, 'regwatch.db')], {
    env: { ...process.env, ...env, REGWATCH_LOG_PRETTY: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let signalledAt = 0;
  return new Promise((resolve, reject) => {
    const kill = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`daemon did not exit; output:\n${output}`));
    }, 15_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      if (!signalledAt && output.includes('task-started')) {
        signalledAt = Date.now();
        for (const s of signals) setTimeout(() => child.kill(s.signal), s.at);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code, signal) => {
      clearTimeout(kill);
      resolve({ code, signal, output, afterSignal: Date.now() - signalledAt });
    });
  });
}

function runsIn(dir: string): { status: string; error: string | null }[] {
  const db = openDatabase(join(dir, 'regwatch.db'));
  try {
    return db.prepare('SELECT status, error FROM runs ORDER BY id').all() as {
      status: string;
      error: string | null;
    }[];
  } finally {
    db.close();
  }
}

describe('graceful shutdown of a real daemon process (needs `npm run build`)', () => {
  it('SIGTERM lets the run in flight finish, records it, closes the database and exits 0', async () => {
    const dir = tmp();
    const exit = await runAndSignal(dir, { TASK_MS: '1500', GRACE_MS: '10000' }, [
      { signal: 'SIGTERM', at: 0 },
    ]);
    expect(exit.code, exit.output).toBe(0);
    expect(exit.afterSignal).toBeGreaterThanOrEqual(1000); // it waited for the task...
    expect(exit.afterSignal).toBeLessThan(6000); // ...and no longer than needed
    expect(runsIn(dir)).toEqual([{ status: 'ok', error: null }]);
    expect(exit.output).toMatch(/"msg":"stopped"/);
  });

  it('SIGINT behaves the same', async () => {
    const dir = tmp();
    const exit = await runAndSignal(dir, { TASK_MS: '800', GRACE_MS: '10000' }, [
      { signal: 'SIGINT', at: 0 },
    ]);
    expect(exit.code, exit.output).toBe(0);
    expect(runsIn(dir)).toEqual([{ status: 'ok', error: null }]);
  });

  it('a second signal exits at once (143 for SIGTERM), recording the abandoned run as interrupted', async () => {
    const dir = tmp();
    const exit = await runAndSignal(dir, { TASK_MS: '8000', GRACE_MS: '10000' }, [
      { signal: 'SIGTERM', at: 0 },
      { signal: 'SIGTERM', at: 300 },
    ]);
    expect(exit.code, exit.output).toBe(143);
    expect(exit.afterSignal).toBeLessThan(3000);
    expect(exit.output).toContain('second signal');
    expect(runsIn(dir)).toEqual([{ status: 'failed', error: INTERRUPTED_ERROR }]);
    const db = openDatabase(join(dir, 'regwatch.db'));
    expect(closeInterruptedRuns(db, new Date())).toBe(0);
    db.close();
  });

  it('a run that ignores the stop past the grace: exit 75 (not 0), the run recorded as interrupted', async () => {
    const dir = tmp();
    const exit = await runAndSignal(dir, { TASK_MS: '60000', GRACE_MS: '1200' }, [
      { signal: 'SIGTERM', at: 0 },
    ]);
    expect(exit.code, exit.output).toBe(STOP_CUT_SHORT_EXIT);
    expect(exit.afterSignal).toBeLessThan(1200 + 2000);
    expect(runsIn(dir)).toEqual([{ status: 'failed', error: INTERRUPTED_ERROR }]);
  });

  it('a second Ctrl-C exits 130', async () => {
    const dir = tmp();
    const exit = await runAndSignal(dir, { TASK_MS: '8000', GRACE_MS: '10000' }, [
      { signal: 'SIGINT', at: 0 },
      { signal: 'SIGINT', at: 300 },
    ]);
    expect(exit.code, exit.output).toBe(130);
  });

  it('a run that outlasts the grace is asked to stop, recorded, and the process still exits within the bound', async () => {
    const dir = tmp();
    const exit = await runAndSignal(
      dir,
      { TASK_MS: '60000', GRACE_MS: '1200', HONOUR_ABORT: '1' },
      [{ signal: 'SIGTERM', at: 0 }],
    );
    expect(exit.code, exit.output).toBe(0);
    expect(exit.afterSignal).toBeLessThan(1200 + 2000);
    expect(runsIn(dir)).toEqual([{ status: 'failed', error: 'aborted at a safe point' }]);
  });

  it("pm2's kill_timeout leaves the daemon its whole grace and margin before SIGKILL", async () => {
    const { apps } = (await import(pathToFileURL(join(ROOT, 'ecosystem.config.js')).href)) as {
      apps: { name: string; kill_timeout: number; exec_mode: string; instances: number }[];
    };
    const app = apps.find((a) => a.name === 'regwatch')!;
    expect(app.kill_timeout).toBeGreaterThan(DEFAULT_SHUTDOWN_GRACE_MS + SHUTDOWN_MARGIN_MS);
    expect([app.exec_mode, app.instances]).toEqual(['fork', 1]); // one SQLite writer
  });
});
