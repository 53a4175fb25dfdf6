import { dirname } from 'node:path';
import type { Command } from 'commander';
import type { createApp } from '../../app.js';
import type { runOnce } from '../../daemon/daemon.js';
import type { createMetrics } from '../../daemon/metrics.js';
import type { createLogger } from '../../log/logger.js';
import { UsageError } from '../../errors.js';
import { loadFromOptions, printJson, requireUsablePaths, type GlobalOptions } from '../context.js';
import { EXIT } from '../exit-codes.js';

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

export function registerRun(program: Command): void {
  program
    .command('run')
    .description(
      'start the daemon: migrate the store, then poll EDGAR and the Federal Register on schedule and send mail',
    )
    .option(
      '--once',
      'run one full cycle of every source and the mail sender, then exit (what the daemon does each tick)',
    )
    .option(
      '--json',
      'with --once: print what each task did as JSON on stdout (logs then go to stderr)',
    )
    .addHelpText(
      'after',
      `
Needs the SEC contact: REGWATCH_SEC_USER_AGENT="Your Name you@your-company.com" with your own name
and e-mail address (or sec.userAgent); placeholder addresses (example.com, .test ...) are refused.
Mail goes to SMTP when REGWATCH_SMTP_URL is set (smtp://user:pass@host:587), else each message is
written as an .eml file to mail.outboxDir (default data/outbox/), which any mail client opens.
At start: one cycle at once (missed business days from the daily index, the feed, the Federal
Register), then the schedules: EDGAR every 20 s 06:00-22:00 ET on business days, the
Federal Register every 2 minutes around 06:00 and 08:45 ET, each every 10 minutes otherwise;
mail is sent as soon as an alert is committed. Each source's cycle ends after 90 s
(schedule.cycleDeadlineSeconds).
One run per database: a second one exits 1 naming the holder of <database>.lock.
Logs go to stdout (JSON lines; readable on a terminal), so pm2 does not file them as errors.
Stop with Ctrl-C or SIGTERM; work in flight finishes first (a second signal exits at once).
Exit 75: the stop was cut short by the 25 s grace (work in flight is redone at the next start).

Examples:
  REGWATCH_SEC_USER_AGENT="Your Name you@your-company.com" regwatch run   (your own name and address)
  regwatch run --once --json          one cycle; exit 0 when nothing failed, 1 otherwise
                                      (one line per failed task on stderr)`,
    )
    .action(async (opts: { once?: boolean; json?: boolean }, cmd: Command) => {
      if (opts.json && !opts.once)
        throw new UsageError(
          '--json needs --once (the daemon logs JSON lines on stdout; --once --json prints what one cycle did)',
        );
      // `run --once` refuses a placeholder contact (exit 78) like every command that talks to the
      // SEC; the daemon starts with EDGAR off instead, so the README's first command starts it.
      const loaded = await loadFromOptions(cmd.optsWithGlobals<GlobalOptions>(), {
        requireContact: opts.once ? true : 'set',
      });
      await requireUsablePaths(loaded);
      const m = await daemonModules();
      const {
        createApp,
        startDaemon,
        buildTasks,
        buildMailTask,
        createMetrics,
        createWakeUp,
        clockFromEnv,
        CLOCK_START_ENV,
        createLogger,
        acquireRunLock,
        createFolder,
      } = m;
      const web = m.resolveWebOptions(loaded.config, process.env); // a missing web token stops the start here
      const dbPath = loaded.config.database.path;
      if (dbPath !== ':memory:') createFolder(dirname(dbPath), 'the database');
      const lock = dbPath === ':memory:' ? null : acquireRunLock(dbPath);
      const logger = createLogger({ destination: opts.once && opts.json ? 'stderr' : 'stdout' });
      let now: () => Date;
      try {
        now = clockFromEnv(process.env);
      } catch (err) {
        lock?.release();
        throw err;
      }
      const metrics = createMetrics({ now });
      const wake = createWakeUp();
      let app;
      try {
        app = createApp(loaded, logger, {
          observer: metrics,
          now,
          alertsCommitted: () => wake.signal(),
        });
      } catch (err) {
        lock?.release();
        throw err;
      }
      const log = logger.child({ component: 'daemon' });
      if (process.env[CLOCK_START_ENV])
        log.warn(
          { now: now().toISOString() },
          `${CLOCK_START_ENV} is set: the clock does not read the system time`,
        );
      log.info(
        {
          database: dbPath,
          config: app.configFile ?? '(embedded defaults)',
          migrated: app.migrations.applied,
          lock: lock?.file,
          mail: process.env.REGWATCH_SMTP_URL
            ? 'smtp'
            : `eml files in ${app.config.mail.outboxDir}`,
        },
        'regwatch started',
      );
      const secOff = opts.once ? null : m.secContactRefusal(app.config.sec);
      if (secOff) {
        const line = `EDGAR is off: the SEC contact ${secOff}. Set REGWATCH_SEC_USER_AGENT (or sec.userAgent) and restart; the Federal Register and mail run meanwhile.`;
        log.error({ reason: secOff }, line);
        process.stderr.write(`regwatch: ${line}\n`);
      }
      const tasks = buildTasks(app).filter((t) => !(secOff && t.name === 'edgar'));
      const mailTask = buildMailTask(app);
      if (opts.once) {
        await runCycleOnce(m, app, { lock, logger, metrics, json: opts.json === true }, [
          ...tasks,
          mailTask,
        ]);
        return;
      }
      const daemon = await startDaemon(
        {
          db: app.db,
          logger,
          metrics,
          now: app.now,
          timezone: app.config.timezone,
          listen: app.config.http.listen,
          sender: { task: mailTask, sender: () => app.sender(), wake },
          startupCycle: true,
          web,
          close: () => {
            app.close();
            lock?.release();
          },
        },
        tasks,
      );
      const scheduled = [
        ...tasks.map((t) => `${t.name} "${t.cron}"`),
        'mail (woken by each alert and due time)',
      ];
      log.info(
        { tasks: scheduled, timezone: app.config.timezone, health: daemon.healthUrl },
        'start-up cycle running, then waiting for the schedules; press Ctrl-C to stop',
      );
      // Never resolves: SIGTERM/SIGINT stop the schedules, let work in flight finish, close the
      // store and exit the process (src/daemon/shutdown.ts); until then the schedules run.
      await new Promise<void>(() => undefined);
    });
}

/** How long `run --once` waits after SIGINT/SIGTERM for the task in flight to reach a safe point. */
const ONCE_STOP_WAIT_MS = 5_000;

/**
 * `run --once`: every task once, in order. SIGINT/SIGTERM aborts the cycle (the task in flight
 * stops at its next safe point, the sender after the message in flight), waits at most
 * ONCE_STOP_WAIT_MS, records what was left as interrupted, releases the lock and exits 130/143.
 */
async function runCycleOnce(
  m: Awaited<ReturnType<typeof daemonModules>>,
  app: ReturnType<typeof createApp>,
  ctx: {
    lock: { release(): void } | null;
    logger: ReturnType<typeof createLogger>;
    metrics: ReturnType<typeof createMetrics>;
    json: boolean;
  },
  tasks: Parameters<typeof runOnce>[1],
): Promise<void> {
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
    if (ctx.json)
      printJson({
        ok: failed.length === 0,
        tasks: results.map((r) => ({ task: r.task, ...r.result })),
      });
    process.exitCode = failed.length === 0 ? EXIT.ok : EXIT.failure;
  } finally {
    if (!abort.signal.aborted) finish();
  }
}
