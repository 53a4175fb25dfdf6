import type { SingleBar } from 'cli-progress';
import type { backfillCompany, CompanyRef } from '../../pipeline/edgar/backfill.js';
import { UsageError } from '../../errors.js';
import { environment, openApp, printJson, type GlobalOptions } from '../context.js';

// The action of `regwatch backfill`; the store, the pipeline and the progress bar are loaded
// when it runs (test/unit/cli-imports.test.ts).

/** The flags of `regwatch backfill`. */
export interface BackfillOptions {
  cik?: string;
  ticker?: string;
  company?: string;
  alert?: boolean;
  json?: boolean;
}

type BackfillResult = Awaited<ReturnType<typeof backfillCompany>>;

/** The company the flags name: exactly one of --cik, --ticker, --company. @throws UsageError */
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

/** Backfills one company: its filing history stored and diffed, progress on stderr (or JSON lines). */
export async function runBackfill(opts: BackfillOptions, globals: GlobalOptions): Promise<void> {
  const ref = companyRef(opts);
  const { createCommandLogger } = await import('../../log/logger.js');
  const logger = await createCommandLogger({
    json: opts.json === true,
    log: (await environment()).log,
  });
  const app = await openApp(globals, { needsSec: true, logger });
  try {
    const { backfillCompany, resolveCik } = await import('../../pipeline/edgar/backfill.js');
    const deps = app.edgar();
    const { cik } = await resolveCik(deps, ref);
    const bar = process.stderr.isTTY === true && !opts.json ? await createProgressBar() : null;
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
    else printSummary(result, opts.alert === true);
    if (result.filingsFailed > 0 || result.paused) process.exitCode = 1;
  } finally {
    app.close();
  }
}

/** The progress bar a person watching the terminal sees (cli-progress, on stderr). */
async function createProgressBar(): Promise<SingleBar> {
  const cliProgress = (await import('cli-progress')).default;
  return new cliProgress.SingleBar(
    {
      format: 'backfill {bar} {value}/{total} filings  {form} {accession}',
      hideCursor: true,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
}

/** What a backfill did, in words, with the next step for what could not be read. */
function printSummary(result: BackfillResult, alert: boolean): void {
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
  else if (alert)
    console.log(
      '  no alert queued: no watch in the config covers this company (add one under watches:)',
    );
}
