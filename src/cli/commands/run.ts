import type { Command } from 'commander';
import { createLogger } from '../../log/logger.js';
import { openApp, type GlobalOptions } from '../context.js';

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
Stop with Ctrl-C or SIGTERM; work in flight finishes first.`,
    )
    .action(async (opts: { once?: boolean }, cmd: Command) => {
      const logger = createLogger();
      const app = openApp(cmd.optsWithGlobals<GlobalOptions>(), { needsSec: true, logger });
      const log = logger.child({ component: 'daemon' });
      log.info({ database: app.config.database.path, config: app.configFile ?? '(embedded defaults)', migrated: app.migrations.applied }, 'regwatch started');
      for (const s of app.sources) {
        if (!s.available) log.warn({ source: s.name }, `source not yet available: ${s.note}`);
      }
      if (opts.once) {
        log.info('one cycle done');
        app.close();
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
      app.close();
    });
}
