import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { InputError, UsageError } from '../../errors.js';
import type { ExtractionResult } from '../../extract/extract-risk-factors.js';
import type { SectionDiff } from '../../diff/types.js';
import { environment, loadFromOptions, printJson, type GlobalOptions } from '../context.js';
import type { DiffDocument } from '../diff-json.js';
import { readInput } from '../read-input.js';

// The action of `regwatch diff`; extraction, diff and rendering are loaded when it runs
// (test/unit/cli-imports.test.ts).

/** The flags of `regwatch diff`. */
export interface DiffOptions {
  json?: boolean;
  keywords?: string;
  text?: boolean;
  html?: string;
}

/** Compares the Risk Factors of two filings and prints the changes (text or JSON), and the HTML redline. */
export async function runDiff(
  oldSource: string,
  newSource: string,
  opts: DiffOptions,
  globals: GlobalOptions,
): Promise<void> {
  checkFlags(oldSource, newSource, opts);
  const [loaded, env] = await Promise.all([loadFromOptions(globals), environment()]);
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
  const fetch = { userAgent: loaded.config.sec.userAgent, timeoutMs: env.documentTimeoutMs };
  const [a, b] = await Promise.all([
    extractOrExplain(oldSource, fetch),
    extractOrExplain(newSource, fetch),
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
  if (opts.html !== undefined)
    await writeRedline(opts.html, diff, { oldSource, newSource, old: a, new: b });
}

/** @throws UsageError for flags that exclude each other or name nothing. */
function checkFlags(oldSource: string, newSource: string, opts: DiffOptions): void {
  if (opts.json && opts.text)
    throw new UsageError('--json and --text exclude each other; choose one');
  if (opts.html !== undefined && opts.html.trim() === '')
    throw new UsageError(
      '--html: empty file name; name the HTML file to write, e.g. --html redline.html',
    );
  if (oldSource === '-' && newSource === '-')
    throw new UsageError('only one of <old> and <new> can be - (standard input)');
}

async function extractOrExplain(
  source: string,
  fetch: { userAgent: string | undefined; timeoutMs: number },
): Promise<ExtractionResult> {
  const { extractFiling } = await import('../../pipeline/analyze.js');
  const result = extractFiling(
    await readInput(source, fetch.userAgent, fetch.timeoutMs),
    undefined,
  );
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

/**
 * Writes the e-mail-ready HTML redline to `file`.
 * @throws InputError saying why the file cannot be written (the diff was printed already: exit 1).
 */
async function writeRedline(
  file: string,
  diff: SectionDiff,
  v: { oldSource: string; newSource: string; old: ExtractionResult; new: ExtractionResult },
): Promise<void> {
  const label = (src: string, r: ExtractionResult) => `${r.form ?? 'filing'} ${basename(src)}`;
  const { renderHtml } = await import('../../diff/render-html.js');
  const html = renderHtml(diff, {
    title: `Risk factor changes: ${basename(v.newSource)}`,
    oldLabel: label(v.oldSource, v.old),
    newLabel: label(v.newSource, v.new),
  });
  try {
    writeFileSync(file, html);
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
      `--html ${file}: cannot write the redline: ${why} (the diff was printed above)`,
    );
  }
}
