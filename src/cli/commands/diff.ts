import type { Command } from 'commander';
import type { GlobalOptions } from '../context.js';
import { runDiff, type DiffOptions } from './diff-action.js';

export function registerDiff(program: Command): void {
  program
    .command('diff')
    .description(
      'compare the Risk Factors of two filings: added, removed, reworded and moved risk factors',
    )
    .argument('<old>', 'the earlier filing: file, http(s) URL, or - for standard input')
    .argument('<new>', 'the later filing: file, http(s) URL, or - for standard input')
    .option('--json', 'print the changes as JSON (the contract scripts rely on); not with --text')
    .option(
      '--keywords <phrases>',
      "comma-separated phrases to call out in added text (default: the config file's watch keywords)",
    )
    .option('--text', 'print a redline for the terminal (the default without --json)')
    .option('--html <file>', 'also write the e-mail-ready HTML redline to this file')
    .addHelpText(
      'after',
      `
Examples:
  regwatch diff s1.htm s1a.htm                                   terminal redline
  regwatch diff 10k-2024.html 10k-2025.html --json               counts, changes and keyword hits as JSON
  regwatch diff old.htm new.htm --keywords "export control,national security" --html redline.html

Noise never counts as a change: whitespace, page numbers, curly quotes, dashes and styling.
Section similarity is the share of words left unchanged (1 = identical); a warning on stderr
says when the two documents are plainly not versions of one another. When the --html file
cannot be written the diff is still printed, and the exit code is 1.`,
    )
    .action((oldSource: string, newSource: string, opts: DiffOptions, cmd: Command) =>
      runDiff(oldSource, newSource, opts, cmd.optsWithGlobals<GlobalOptions>()),
    );
}
