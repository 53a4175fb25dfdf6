import type { Command } from 'commander';
import type { GlobalOptions } from '../context.js';
import { runBackfill, type BackfillOptions } from './backfill-action.js';

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
    .action((opts: BackfillOptions, cmd: Command) =>
      runBackfill(opts, cmd.optsWithGlobals<GlobalOptions>()),
    );
}
