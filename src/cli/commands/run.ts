import { dirname } from 'node:path';
import type { Command } from 'commander';
import { createApp } from '../../app.js';
import { requireSecContact } from '../../config/load.js';
import { createLogger } from '../../log/logger.js';
import { acquireRunLock } from '../../store/lock.js';
import { createFolder } from '../../store/open-database.js';
import { loadFromOptions, requireUsablePaths, type GlobalOptions } from '../context.js';

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('start the daemon: migrate the store, then poll EDGAR and the Federal Register on schedule')
    .option('--once', 'run one full cycle of every source, then exit (what the daemon does each tick)')
    .addHelpText(
      'after',
      `
Needs the SEC contact: REGWATCH_SEC_USER_AGENT="Jane Doe jane@example.com" (or sec.userAgent).
Mail goes to SMTP when REGWATCH_SMTP_URL is set (smtp://user:pass@host:587), else to mail.outboxDir.
One run per database: a second one exits 1 naming the holder of <database>.lock.
Logs go to stdout (JSON lines; readable on a terminal), so pm2 does not file them as errors.
Stop with Ctrl-C or SIGTERM; work in flight finishes first.`,
    )
    .action(async (opts: { once?: boolean }, cmd: Command) => {
      const loaded = loadFromOptions(cmd.optsWithGlobals<GlobalOptions>());
      requireSecContact(loaded.config, loaded.file);
      requireUsablePaths(loaded);
      const dbPath = loaded.config.database.path;
      if (dbPath !== ':memory:') createFolder(dirname(dbPath), 'the database');
      const lock = dbPath === ':memory:' ? null : acquireRunLock(dbPath);
      const logger = createLogger({ destination: 'stdout' });
      let app;
      try {
        app = createApp(loaded, logger);
      } catch (err) {
        lock?.release();
        throw err;
      }
      const log = logger.child({ component: 'daemon' });
      log.info({ database: dbPath, config: app.configFile ?? '(embedded defaults)', migrated: app.migrations.applied, lock: lock?.file }, 'regwatch started');
      for (const s of app.sources) {
        if (!s.available) log.warn({ source: s.name }, `source not yet available: ${s.note}`);
      }
      try {
        if (opts.once) {
          log.info('one cycle done');
          return;
        }
        await new Promise<void>((resolve) => {
          // Until the schedulers exist nothing else holds the event loop open.
          const keepAlive = setInterval(() => undefined, 60_000);
          const stop = (signal: string) => {
            log.info({ signal }, 'stopping');
            clearInterval(keepAlive);
            resolve();
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
          log.info('waiting; press Ctrl-C to stop');
        });
      } finally {
        app.close();
        lock?.release();
      }
    });
}
