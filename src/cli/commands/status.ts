import type { Command } from 'commander';
import { openApp, printJson, type GlobalOptions } from '../context.js';
import type { StatusReport } from '../status-text.js';

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description(
      'show what the store holds: what each watch has seen, the last run of each source, the mail queue, dead deliveries, an SEC pause',
    )
    .option('--json', 'print as JSON (the same facts, for scripts and monitoring)')
    .addHelpText(
      'after',
      `
Reads an existing database only: without one it says how to create it (regwatch migrate) and exits 1.
Safe beside a running daemon (SQLite WAL: readers never block the writer).

Examples:
  regwatch status
  regwatch status --json | jq '.mail.dead'`,
    )
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const app = await openApp(cmd.optsWithGlobals<GlobalOptions>(), { existingOnly: true });
      const [
        { readPause },
        { frStatus },
        { storeCounts, watchSummaries },
        { outboxStatus },
        { lastRuns },
        { sourceTimeliness },
      ] = await Promise.all([
        import('../../store/source-state.js'),
        import('../../store/fr.js'),
        import('../../store/filings.js'),
        import('../../store/outbox.js'),
        import('../../store/runs.js'),
        import('../../store/freshness.js'),
      ]);
      try {
        const now = app.now();
        const seen = watchSummaries(app.db);
        const pause = readPause(app.db, 'sec');
        const mail = outboxStatus(app.db, now);
        const report: StatusReport = {
          database: app.config.database.path,
          migrationsApplied: app.migrations.alreadyApplied + app.migrations.applied.length,
          counts: storeCounts(app.db),
          watches: app.config.watches.map(
            (w) =>
              seen.get(w.name) ?? {
                watch: w.name,
                filings: 0,
                processed: 0,
                failed: 0,
                lastFiling: null,
                lastChange: null,
              },
          ),
          secPause:
            pause && pause.until > now
              ? { until: pause.until.toISOString(), reason: pause.reason }
              : null,
          federalRegister: frStatus(app.db),
          mail,
          pendingDeliveries: mail.pending,
          lastRuns: lastRuns(app.db),
          sources: sourceTimeliness(app.db, now),
        };
        if (opts.json) return printJson(report);
        const { renderStatusText } = await import('../status-text.js');
        process.stdout.write(renderStatusText(report));
      } finally {
        app.close();
      }
    });
}
