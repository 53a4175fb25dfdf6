import { dirname } from 'node:path';
import type { App } from '../../app.js';
import type { ResolvedConfig } from '../../config/resolve.js';
import type { runOnce } from '../../daemon/daemon.js';
import type { createMetrics } from '../../daemon/metrics.js';
import type { Task } from '../../daemon/task.js';
import type { Logger } from '../../log/logger.js';
import { UsageError } from '../../errors.js';
import {
  printJson,
  requireUsablePaths,
  resolveFromOptions,
  type GlobalOptions,
} from '../context.js';
import { EXIT } from '../exit-codes.js';

// The action of `regwatch run` (the daemon, and `run --once`); everything it starts is loaded
// when it runs (test/unit/cli-imports.test.ts).

/** The flags of `regwatch run`. */
export interface RunOptions {
  once?: boolean;
  json?: boolean;
}

/** The daemon's parts, loaded when `run` runs (never for `--help` or another command). */
async function daemonModules() {
  const [
    app,
    daemon,
    metrics,
    shutdown,
    tasks,
    wakeUp,
    cycle,
    clock,
    load,
    logger,
    web,
    lock,
    runs,
    db,
  ] = await Promise.all([
    import('../../app.js'),
    import('../../daemon/daemon.js'),
    import('../../daemon/metrics.js'),
    import('../../daemon/shutdown.js'),
    import('../../daemon/tasks.js'),
    import('../../daemon/wake-up.js'),
    import('../../daemon/cycle.js'),
    import('../../config/clock.js'),
    import('../../config/load.js'),
    import('../../log/logger.js'),
    import('../../web/options.js'),
    import('../../store/lock.js'),
    import('../../store/runs.js'),
    import('../../store/open-database.js'),
  ]);
  return {
    ...app,
    ...daemon,
    ...metrics,
    ...shutdown,
    ...tasks,
    ...wakeUp,
    ...cycle,
    ...clock,
    ...load,
    ...logger,
    ...web,
    ...lock,
    ...runs,
    ...db,
  };
}

type DaemonModules = Awaited<ReturnType<typeof daemonModules>>;

/** What `run` holds while it runs: the app, the run lock, the root logger and the metrics. */
interface Running {
  app: App;
  lock: { file: string; release(): void } | null;
  logger: Logger;
  metrics: ReturnType<typeof createMetrics>;
  wake: ReturnType<DaemonModules['createWakeUp']>;
}

/**
 * `regwatch run`: the daemon, or with `--once` one cycle of every task. The configuration is
 * resolved (and refused, exit 78) before the run lock is taken.
 */
export async function runCommand(opts: RunOptions, globals: GlobalOptions): Promise<void> {
  if (opts.json && !opts.once)
    throw new UsageError(
      '--json needs --once (the daemon logs JSON lines on stdout; --once --json prints what one cycle did)',
    );
  // `run --once` refuses a placeholder contact (exit 78) like every command that talks to the
  // SEC; the daemon starts with EDGAR off instead, so the README's first command starts it.
  const resolved = await resolveFromOptions(globals, {
    requireContact: opts.once ? true : 'set',
  });
  await requireUsablePaths(resolved);
  const m = await daemonModules();
  // The bearer token of the web views: only the daemon's listener needs it, so only `run` reads
  // it; a missing one stops the start here.
  const web = m.resolveWebOptions(resolved.config, process.env);
  const running = openRun(m, resolved, opts);
  const { app, logger } = running;
  const log = logger.child({ component: 'daemon' });
  logStart(log, running, resolved, m.CLOCK_START_ENV);
  const secOff = opts.once ? null : m.secContactRefusal(app.config.sec);
  if (secOff) {
    const line = `EDGAR is off: the SEC contact ${secOff}. Set REGWATCH_SEC_USER_AGENT (or sec.userAgent) and restart; the Federal Register and mail run meanwhile.`;
    log.error({ reason: secOff }, line);
    process.stderr.write(`regwatch: ${line}\n`);
  }
  const tasks = m.buildTasks(app).filter((t) => !(secOff && t.name === 'edgar'));
  const mailTask = m.buildMailTask(app);
  if (opts.once) {
    await runCycleOnce(m, running, opts.json === true, [...tasks, mailTask]);
    return;
  }
  await runDaemon(m, running, { tasks, mailTask, web, log });
}

/** Takes the run lock and builds the app; the lock is released when the app cannot be built. */
function openRun(m: DaemonModules, resolved: ResolvedConfig, opts: RunOptions): Running {
  const dbPath = resolved.config.database.path;
  if (dbPath !== ':memory:') m.createFolder(dirname(dbPath), 'the database');
  const lock = dbPath === ':memory:' ? null : m.acquireRunLock(dbPath);
  const logger = m.createLogger({
    destination: opts.once && opts.json ? 'stderr' : 'stdout',
    level: resolved.log.level,
    pretty: resolved.log.pretty,
  });
  const now = m.createClock(resolved.clockStart);
  const metrics = m.createMetrics({ now });
  const wake = m.createWakeUp();
  try {
    const app = m.createApp(resolved, logger, {
      observer: metrics,
      now,
      alertsCommitted: () => wake.signal(),
    });
    return { app, lock, logger, metrics, wake };
  } catch (err) {
    lock?.release();
    throw err;
  }
}

/** The start line: what runs, on which database, and how mail leaves (never the SMTP URL). */
function logStart(log: Logger, r: Running, resolved: ResolvedConfig, clockEnv: string): void {
  if (resolved.clockStart !== null)
    log.warn(
      { now: r.app.now().toISOString() },
      `${clockEnv} is set: the clock does not read the system time`,
    );
  log.info(
    {
      database: resolved.config.database.path,
      config: r.app.configFile ?? '(embedded defaults)',
      migrated: r.app.migrations.applied,
      lock: r.lock?.file,
      mail: resolved.mail.kind === 'smtp' ? 'smtp' : `eml files in ${resolved.mail.outboxDir}`,
    },
    'regwatch started',
  );
}

/** The daemon: the start-up cycle, then the schedules and the woken sender, until a signal stops it. */
async function runDaemon(
  m: DaemonModules,
  r: Running,
  parts: {
    tasks: Task[];
    mailTask: Task;
    web: ReturnType<DaemonModules['resolveWebOptions']>;
    log: Logger;
  },
): Promise<void> {
  const { app, lock } = r;
  const daemon = await m.startDaemon(
    {
      db: app.db,
      logger: r.logger,
      metrics: r.metrics,
      now: app.now,
      timezone: app.config.timezone,
      listen: app.config.http.listen,
      sender: { task: parts.mailTask, sender: () => app.sender(), wake: r.wake },
      startupCycle: true,
      web: parts.web,
      close: () => {
        app.close();
        lock?.release();
      },
    },
    parts.tasks,
  );
  const scheduled = [
    ...parts.tasks.map((t) => `${t.name} "${t.cron}"`),
    'mail (woken by each alert and due time)',
  ];
  parts.log.info(
    { tasks: scheduled, timezone: app.config.timezone, health: daemon.healthUrl },
    'start-up cycle running, then waiting for the schedules; press Ctrl-C to stop',
  );
  // Never resolves: SIGTERM/SIGINT stop the schedules, let work in flight finish, close the
  // store and exit the process (src/daemon/shutdown.ts); until then the schedules run.
  await new Promise<void>(() => undefined);
}

/** How long `run --once` waits after SIGINT/SIGTERM for the task in flight to reach a safe point. */
const ONCE_STOP_WAIT_MS = 5_000;

/**
 * `run --once`: every task once, in order. SIGINT/SIGTERM aborts the cycle (the task in flight
 * stops at its next safe point, the sender after the message in flight), waits at most
 * ONCE_STOP_WAIT_MS, records what was left as interrupted, releases the lock and exits 130/143.
 */
async function runCycleOnce(
  m: DaemonModules,
  ctx: Running,
  json: boolean,
  tasks: Parameters<typeof runOnce>[1],
): Promise<void> {
  const { app } = ctx;
  const { abandonInFlight, SIGNAL_EXIT, closeInterruptedRuns, runOnce, failureLines } = m;
  const log = ctx.logger.child({ component: 'daemon' });
  const abort = new AbortController();
  let finished = false;
  const finish = (): void => {
    if (finished) return;
    finished = true;
    app.close();
    ctx.lock?.release();
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (abort.signal.aborted) {
      // A second signal: exit now, recording what was in flight.
      if (!finished) abandonInFlight(app.db, app.now());
      finish();
      process.exit(SIGNAL_EXIT[signal] ?? 1);
    }
    log.warn({ signal }, 'stopping the cycle: the task in flight stops at its next safe point');
    abort.abort(new Error(`${signal} received`));
    const t = setTimeout(() => {
      if (!finished) {
        const { runs } = abandonInFlight(app.db, app.now());
        log.warn({ runs }, 'the cycle did not stop in time; recorded as interrupted');
      }
      finish();
      ctx.logger.flush(() => process.exit(SIGNAL_EXIT[signal] ?? 1));
    }, ONCE_STOP_WAIT_MS);
    t.unref();
    void done.then(() => {
      clearTimeout(t);
      if (!finished) abandonInFlight(app.db, app.now());
      finish();
      ctx.logger.flush(() => process.exit(SIGNAL_EXIT[signal] ?? 1));
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const done = (async () => {
    const interrupted = closeInterruptedRuns(app.db, app.now());
    if (interrupted > 0)
      log.warn(
        { runs: interrupted },
        'closed runs a previous process left unfinished as failed (interrupted)',
      );
    return runOnce(
      { db: app.db, logger: ctx.logger, metrics: ctx.metrics, now: app.now },
      tasks,
      abort.signal,
    );
  })();
  try {
    const results = await done;
    if (abort.signal.aborted) return; // the signal handler exits
    const failed = results.filter(
      (r) => r.result.status === 'failed' || r.result.status === 'partial',
    );
    log.info({ tasks: results.map((r) => `${r.task}: ${r.result.status}`) }, 'one cycle done');
    // The reasons on stderr too: stdout carries the log (or the JSON), and a script reads stderr.
    for (const line of failureLines(results)) process.stderr.write(`${line}\n`);
    if (json)
      printJson({
        ok: failed.length === 0,
        tasks: results.map((r) => ({ task: r.task, ...r.result })),
      });
    process.exitCode = failed.length === 0 ? EXIT.ok : EXIT.failure;
  } finally {
    if (!abort.signal.aborted) finish();
  }
}
