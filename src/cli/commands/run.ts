import { dirname } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { loadFromOptions, printJson, requireUsablePaths, type GlobalOptions } from '../context.js';
import { EXIT } from '../exit-codes.js';

/** The daemon's parts, loaded when `run` runs (never for `--help` or another command). */
async function daemonModules() {
  const [app, daemon, metrics, tasks, logger, lock, runs, db] = await Promise.all([
    import('../../app.js'),
    import('../../daemon/daemon.js'),
    import('../../daemon/metrics.js'),
    import('../../daemon/tasks.js'),
    import('../../log/logger.js'),
    import('../../store/lock.js'),
    import('../../store/runs.js'),
    import('../../store/open-database.js'),
  ]);
  return { ...app, ...daemon, ...metrics, ...tasks, ...logger, ...lock, ...runs, ...db };
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('start the daemon: migrate the store, then poll EDGAR and the Federal Register on schedule and send mail')
    .option('--once', 'run one full cycle of every source and the mail sender, then exit (what the daemon does each tick)')
    .option('--json', 'with --once: print what each task did as JSON on stdout (logs then go to stderr)')
    .addHelpText(
      'after',
      `
Needs the SEC contact: REGWATCH_SEC_USER_AGENT="Your Name you@your-company.com" with your own name
and e-mail address (or sec.userAgent); placeholder addresses (example.com, .test ...) are refused.
Mail goes to SMTP when REGWATCH_SMTP_URL is set (smtp://user:pass@host:587), else each message is
written as an .eml file to mail.outboxDir (default data/outbox/), which any mail client opens.
Schedules (config schedule:, in the configured timezone): EDGAR every 2 minutes 6:00-22:00 on
weekdays, the Federal Register every 10 minutes, mail and digests every minute.
One run per database: a second one exits 1 naming the holder of <database>.lock.
Logs go to stdout (JSON lines; readable on a terminal), so pm2 does not file them as errors.
Stop with Ctrl-C or SIGTERM; work in flight finishes first (a second signal exits at once).

Examples:
  REGWATCH_SEC_USER_AGENT="Your Name you@your-company.com" regwatch run   (your own name and address)
  regwatch run --once --json          one cycle; exit 0 when nothing failed, 1 otherwise`,
    )
    .action(async (opts: { once?: boolean; json?: boolean }, cmd: Command) => {
      if (opts.json && !opts.once) throw new UsageError('--json needs --once (the daemon logs JSON lines on stdout; --once --json prints what one cycle did)');
      const loaded = await loadFromOptions(cmd.optsWithGlobals<GlobalOptions>(), { requireContact: true });
      await requireUsablePaths(loaded);
      const { createApp, startDaemon, runOnce, createMetrics, buildTasks, createLogger, acquireRunLock, closeInterruptedRuns, createFolder } = await daemonModules();
      const dbPath = loaded.config.database.path;
      if (dbPath !== ':memory:') createFolder(dirname(dbPath), 'the database');
      const lock = dbPath === ':memory:' ? null : acquireRunLock(dbPath);
      const logger = createLogger({ destination: opts.once && opts.json ? 'stderr' : 'stdout' });
      const metrics = createMetrics();
      let app;
      try {
        app = createApp(loaded, logger, { observer: metrics });
      } catch (err) {
        lock?.release();
        throw err;
      }
      const log = logger.child({ component: 'daemon' });
      log.info({ database: dbPath, config: app.configFile ?? '(embedded defaults)', migrated: app.migrations.applied, lock: lock?.file, mail: process.env.REGWATCH_SMTP_URL ? 'smtp' : `eml files in ${app.config.mail.outboxDir}` }, 'regwatch started');
      const tasks = buildTasks(app);
      if (opts.once) {
        try {
          const interrupted = closeInterruptedRuns(app.db, app.now());
          if (interrupted > 0) log.warn({ runs: interrupted }, 'closed runs a previous process left unfinished as failed (interrupted)');
          const results = await runOnce({ db: app.db, logger, metrics, now: app.now }, tasks);
          const failed = results.filter((r) => r.result.status === 'failed' || r.result.status === 'partial');
          log.info({ tasks: results.map((r) => `${r.task}: ${r.result.status}`) }, 'one cycle done');
          if (opts.json) printJson({ ok: failed.length === 0, tasks: results.map((r) => ({ task: r.task, ...r.result })) });
          process.exitCode = failed.length === 0 ? EXIT.ok : EXIT.failure;
        } finally {
          app.close();
          lock?.release();
        }
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
          close: () => {
            app.close();
            lock?.release();
          },
        },
        tasks,
      );
      log.info({ tasks: tasks.map((t) => `${t.name} "${t.cron}"`), timezone: app.config.timezone, health: daemon.healthUrl }, 'waiting for the schedules; press Ctrl-C to stop');
      // Never resolves: SIGTERM/SIGINT stop the schedules, let work in flight finish, close the
      // store and exit the process (src/daemon/shutdown.ts); until then the schedules run.
      await new Promise<void>(() => undefined);
    });
}
