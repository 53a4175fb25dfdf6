import type { Command } from 'commander';
import { openApp, printJson, type GlobalOptions } from '../context.js';
import { UsageError } from '../../errors.js';

export function registerReprocess(program: Command): void {
  program
    .command('reprocess')
    .description('extract a stored filing again with the current extractor, and diff it again')
    .requiredOption(
      '--filing <accession>',
      'the filing, by accession number (0001234567-26-000001)',
    )
    .option('--alert', 'queue an alert if the filing has none yet (e.g. it was unreadable before)')
    .option('--json', 'print the outcome as JSON')
    .addHelpText(
      'after',
      `
Uses the document stored with the filing (no network), or fetches it when none was stored (a
filing that failed to download). Earlier alerts are never sent twice.

Example:
  regwatch reprocess --filing 0001193125-13-390321`,
    )
    .action(async (opts: { filing: string; alert?: boolean; json?: boolean }, cmd: Command) => {
      const accession = opts.filing.trim();
      if (!/^\d{10}-\d{2}-\d{6}$/.test(accession))
        throw new UsageError(
          `--filing ${opts.filing}: expected an accession number like 0001234567-26-000001`,
        );
      const app = await openApp(cmd.optsWithGlobals<GlobalOptions>(), { needsSec: true });
      const { reprocessFiling } = await import('../../pipeline/edgar/reprocess.js');
      try {
        const out = await reprocessFiling(app.edgar(), accession, { alert: opts.alert === true });
        if (opts.json) printJson({ accession, ...out });
        else
          console.log(
            `${accession}: ${out.sectionFound === null ? 'no risk factors to read in this form' : out.sectionFound ? 'risk factors extracted' : 'still no Risk Factors section'}${out.diffId ? `, diffed against the previous version (diff ${out.diffId})` : ''}${out.alertsQueued ? `, ${out.alertsQueued} alert queued` : ''}${out.fetched ? ' (document fetched from EDGAR)' : ''}`,
          );
      } finally {
        app.close();
      }
    });
}
