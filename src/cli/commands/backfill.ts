import type { Command } from 'commander';
import type { CompanyRef } from '../../pipeline/edgar/backfill.js';
import { openApp, printJson, type GlobalOptions } from '../context.js';
import { UsageError } from '../../errors.js';

interface BackfillOptions {
  cik?: string;
  ticker?: string;
  company?: string;
  alert?: boolean;
  json?: boolean;
}

function companyRef(opts: BackfillOptions): CompanyRef {
  const given = [
    opts.cik !== undefined,
    opts.ticker !== undefined,
    opts.company !== undefined,
  ].filter(Boolean).length;
  if (given !== 1)
    throw new UsageError(
      'backfill needs exactly one of --cik <cik>, --ticker <ticker> or --company <name>',
    );
  if (opts.cik !== undefined) {
    if (!/^\d{1,10}$/.test(opts.cik.trim()))
      throw new UsageError(`--cik ${opts.cik}: expected 1 to 10 digits, e.g. 1045810`);
    return { cik: opts.cik.trim() };
  }
  if (opts.ticker !== undefined) return { ticker: opts.ticker.trim() };
  return { company: opts.company!.trim() };
}

export function registerBackfill(program: Command): void {
  program
    .command('backfill')
    .description(
      "build a company's chain of filing versions and risk-factor diffs from its EDGAR history",
    )
    .option('--cik <cik>', 'the company by SEC CIK (any company, listed or not)')
    .option('--ticker <ticker>', 'the company by ticker (listed companies)')
    .option('--company <name>', 'the company by name, as in the SEC ticker map (listed companies)')
    .option(
      '--alert',
      'queue alerts for the versions found, to the watches that cover the company (default: store only)',
    )
    .option('--json', 'JSON progress lines on stdout, then a JSON summary')
    .addHelpText(
      'after',
      `
Reads the company's submissions JSON (every page), stores each S-1, S-1/A, F-1, 424B prospectus,
10-K and 20-F oldest first, extracts its risk factors and diffs it against the version before it
(same offering by SEC file number; annual reports against the previous one). Filings already
stored are skipped, so a backfill can be run again or resumed.

Examples:
  regwatch backfill --cik 1045810                 NVIDIA's 10-Ks, each diffed against the year before
  regwatch backfill --ticker CAMP --json          progress as JSON lines for scripts
  regwatch backfill --company "Acme AI" --alert   and mail the watch that covers it

Needs the SEC contact (REGWATCH_SEC_USER_AGENT). Requests respect sec.maxRequestsPerSecond.`,
    )
    .action(async (opts: BackfillOptions, cmd: Command) => {
      const ref = companyRef(opts);
      const { createCommandLogger } = await import('../../log/logger.js');
      const logger = await createCommandLogger({ json: opts.json === true });
      const app = await openApp(cmd.optsWithGlobals<GlobalOptions>(), { needsSec: true, logger });
      try {
        const { backfillCompany, resolveCik } = await import('../../pipeline/edgar/backfill.js');
        const deps = app.edgar();
        const { cik } = await resolveCik(deps, ref);
        const tty = process.stderr.isTTY === true && !opts.json;
        const cliProgress = tty ? (await import('cli-progress')).default : null;
        const bar = cliProgress
          ? new cliProgress.SingleBar(
              {
                format: 'backfill {bar} {value}/{total} filings  {form} {accession}',
                hideCursor: true,
                stream: process.stderr,
              },
              cliProgress.Presets.shades_classic,
            )
          : null;
        let done = 0;
        const result = await backfillCompany(deps, cik, {
          alert: opts.alert === true,
          onStart: (total) => bar?.start(total, 0, { form: '', accession: '' }),
          onFiling: (f, outcome) => {
            done++;
            if (bar) bar.update(done, { form: f.form, accession: f.accession });
            else if (opts.json)
              process.stdout.write(
                `${JSON.stringify({ event: 'filing', done, accession: f.accession, form: f.form, filingDate: f.filingDate, outcome })}\n`,
              );
          },
        });
        bar?.stop();
        if (opts.json) printJson({ event: 'done', ...result });
        else {
          console.log(
            `${result.company} (CIK ${result.cik}): ${result.filings} filings with risk factors on EDGAR; ${result.filingsProcessed} stored now, ${result.alreadyStored} stored before`,
          );
          if (result.filingsFailed > 0)
            console.log(
              `  ${result.filingsFailed} could not be read (see \`regwatch status\`; \`regwatch reprocess --filing <accession>\` tries again)`,
            );
          if (result.filingsRetrying > 0)
            console.log(
              `  ${result.filingsRetrying} hit a transient error and will be retried by the daemon`,
            );
          if (result.alertsQueued > 0) console.log(`  ${result.alertsQueued} alert(s) queued`);
          else if (opts.alert)
            console.log(
              '  no alert queued: no watch in the config covers this company (add one under watches:)',
            );
        }
        if (result.filingsFailed > 0 || result.paused) process.exitCode = 1;
      } finally {
        app.close();
      }
    });
}
