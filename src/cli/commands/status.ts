import type { Command } from 'commander';
import { openApp, printJson, type GlobalOptions } from '../context.js';

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('show what the store holds: filings, sections, pending deliveries, last runs')
    .option('--json', 'print as JSON')
    .addHelpText('after', '\nReads an existing database only: without one it says how to create it (regwatch migrate) and exits 1.')
    .action((opts: { json?: boolean }, cmd: Command) => {
      const app = openApp(cmd.optsWithGlobals<GlobalOptions>(), { existingOnly: true });
      try {
        const count = (table: string) => (app.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
        const pending = (app.db.prepare(`SELECT count(*) AS n FROM deliveries WHERE status = 'pending'`).get() as { n: number }).n;
        const lastRuns = app.db.prepare('SELECT source, started_at AS startedAt, finished_at AS finishedAt, status, error FROM runs WHERE id IN (SELECT max(id) FROM runs GROUP BY source)').all();
        const report = {
          database: app.config.database.path,
          migrationsApplied: app.migrations.alreadyApplied + app.migrations.applied.length,
          counts: { filings: count('filings'), sections: count('sections'), riskFactors: count('risk_factors'), changes: count('changes'), frDocuments: count('fr_documents'), alerts: count('alerts') },
          pendingDeliveries: pending,
          sources: app.sources,
          lastRuns,
        };
        if (opts.json) return printJson(report);
        console.log(`database ${report.database} (${report.migrationsApplied} migrations)`);
        for (const [k, v] of Object.entries(report.counts)) console.log(`  ${k.padEnd(12)} ${v}`);
        console.log(`  pending deliveries ${pending}`);
        for (const s of app.sources) console.log(`source ${s.name}: ${s.available ? 'available' : `not yet available (${s.note})`}`);
        if (lastRuns.length === 0) console.log('no runs recorded yet');
      } finally {
        app.close();
      }
    });
}
