import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { InputError, UsageError } from '../../errors.js';
import type { ExtractionResult } from '../../extract/extract-risk-factors.js';
import { loadFromOptions, printJson, type GlobalOptions } from '../context.js';
import type { DiffDocument } from '../diff-json.js';
import { readInput } from '../read-input.js';

async function extractOrExplain(
  source: string,
  userAgent: string | undefined,
): Promise<ExtractionResult> {
  const { extractFiling } = await import('../../pipeline/analyze.js');
  const result = extractFiling(await readInput(source, userAgent), undefined);
  if (!result.found)
    throw new InputError(`${source}: no Risk Factors section to compare (${result.reason})`);
  return result;
}

function describe(source: string, r: ExtractionResult): DiffDocument {
  return {
    source,
    form: r.form,
    heading: r.section?.heading ?? null,
    wordCount: r.section?.wordCount ?? null,
  };
}

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
    .action(
      async (
        oldSource: string,
        newSource: string,
        opts: { json?: boolean; keywords?: string; text?: boolean; html?: string },
        cmd: Command,
      ) => {
        if (opts.json && opts.text)
          throw new UsageError('--json and --text exclude each other; choose one');
        if (opts.html !== undefined && opts.html.trim() === '')
          throw new UsageError(
            '--html: empty file name; name the HTML file to write, e.g. --html redline.html',
          );
        if (oldSource === '-' && newSource === '-')
          throw new UsageError('only one of <old> and <new> can be - (standard input)');
        const loaded = await loadFromOptions(cmd.optsWithGlobals<GlobalOptions>());
        const [{ compareVersions }, { renderText }] = await Promise.all([
          import('../../pipeline/analyze.js'),
          import('../../diff/render-text.js'),
        ]);
        const keywords =
          opts.keywords !== undefined
            ? opts.keywords
                .split(',')
                .map((k) => k.trim())
                .filter(Boolean)
            : [...new Set(loaded.config.watches.flatMap((w) => w.keywords))];
        const ua = loaded.config.sec.userAgent;
        const [a, b] = await Promise.all([
          extractOrExplain(oldSource, ua),
          extractOrExplain(newSource, ua),
        ]);
        const { diff, warnings: unrelated } = compareVersions(a, b, keywords);
        const warnings = [
          ...[a, b].flatMap((r, i) =>
            r.warnings
              .filter((w) => w.startsWith('--form '))
              .map((w) => `${i === 0 ? oldSource : newSource}: ${w}`),
          ),
          ...unrelated,
        ];
        if (opts.json)
          printJson(
            (await import('../diff-json.js')).diffJson(
              diff,
              { old: describe(oldSource, a), new: describe(newSource, b) },
              warnings,
            ),
          );
        else
          process.stdout.write(
            renderText(diff, { color: process.stdout.isTTY === true && !process.env.NO_COLOR }),
          );
        for (const w of warnings) process.stderr.write(`regwatch: warning: ${w}\n`);
        if (opts.html !== undefined) {
          const label = (src: string, r: ExtractionResult) =>
            `${r.form ?? 'filing'} ${basename(src)}`;
          const { renderHtml } = await import('../../diff/render-html.js');
          const html = renderHtml(diff, {
            title: `Risk factor changes: ${basename(newSource)}`,
            oldLabel: label(oldSource, a),
            newLabel: label(newSource, b),
          });
          try {
            writeFileSync(opts.html, html);
          } catch (err) {
            const code = (err as NodeJS.ErrnoException).code;
            const why =
              code === 'EISDIR'
                ? 'is a folder; name a file, e.g. redline.html'
                : code === 'ENOENT'
                  ? 'its folder does not exist; create it first'
                  : code === 'ENOTDIR'
                    ? 'a part of the path is a file, not a folder'
                    : code === 'EACCES' || code === 'EPERM'
                      ? 'permission denied'
                      : (err as Error).message;
            throw new InputError(
              `--html ${opts.html}: cannot write the redline: ${why} (the diff was printed above)`,
            );
          }
        }
      },
    );
}
