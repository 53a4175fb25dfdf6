import type { Command } from 'commander';
import { openApp, printJson, type GlobalOptions } from '../context.js';

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('show what the store holds: what each watch has seen, the last run of each source, the mail queue, dead deliveries, an SEC pause')
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
      const [{ readPause }, { frStatus }, { storeCounts, watchSummaries }, { outboxStatus }, { lastRuns }] = await Promise.all([
        import('../../store/source-state.js'),
        import('../../store/fr.js'),
        import('../../store/filings.js'),
        import('../../store/outbox.js'),
        import('../../store/runs.js'),
      ]);
      try {
        const now = app.now();
        const seen = watchSummaries(app.db);
        const pause = readPause(app.db, 'sec');
        const mail = outboxStatus(app.db, now);
        const report = {
          database: app.config.database.path,
          migrationsApplied: app.migrations.alreadyApplied + app.migrations.applied.length,
          counts: storeCounts(app.db),
          watches: app.config.watches.map((w) => seen.get(w.name) ?? { watch: w.name, filings: 0, processed: 0, failed: 0, lastFiling: null, lastChange: null }),
          secPause: pause && pause.until > now ? { until: pause.until.toISOString(), reason: pause.reason } : null,
          federalRegister: frStatus(app.db),
          mail,
          pendingDeliveries: mail.pending,
          lastRuns: lastRuns(app.db),
        };
        if (opts.json) return printJson(report);
        console.log(`database ${report.database} (${report.migrationsApplied} migrations)`);
        console.log(`  ${Object.entries(report.counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
        if (report.secPause) console.log(`SEC TRAFFIC PAUSED until ${report.secPause.until} (${report.secPause.reason ?? 'rate threshold'}); polls resume by themselves`);
        console.log('watches:');
        for (const w of report.watches) {
          const last = w.lastFiling ? `last ${w.lastFiling.form} ${w.lastFiling.filingDate}${w.lastFiling.company ? ` (${w.lastFiling.company})` : ''}` : 'nothing seen yet';
          console.log(`  ${w.watch}: ${w.filings} filing(s), ${w.processed} versions stored${w.failed ? `, ${w.failed} unreadable` : ''}; ${last}${w.lastChange ? `; last alert ${w.lastChange.createdAt.slice(0, 16)}: ${w.lastChange.title}` : ''}`);
        }
        const fr = report.federalRegister;
        console.log(`federal register: ${fr.documents} document(s)${fr.lastPoll ? `, last poll ${JSON.stringify(fr.lastPoll)}` : ', never polled'}`);
        const o = report.mail;
        console.log(`mail: ${o.pending} waiting to send (${o.retrying} retrying)${o.oldestPendingAt ? `, oldest since ${o.oldestPendingAt}` : ''}; ${o.awaitingDigest} for digests; ${o.sentLast24h} sent in 24 h; ${o.dead} dead`);
        for (const d of o.deadDeliveries) console.log(`  dead: ${d.kind} ${d.kind === 'alert' ? d.alertId : d.id} to ${d.email} after ${d.attempts} attempt(s): ${d.lastError ?? ''}`);
        if (report.lastRuns.length === 0) console.log('no runs recorded yet');
        for (const r of report.lastRuns) console.log(`run ${r.source}: ${r.status} at ${r.startedAt}${r.error ? ` (${r.error})` : ''} ${JSON.stringify(r.stats)}`);
      } finally {
        app.close();
      }
    });
}
