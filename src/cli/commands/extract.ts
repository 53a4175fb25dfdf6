import type { Command } from 'commander';
import type { ExtractionResult } from '../../extract/extract-risk-factors.js';
import { environment, loadFromOptions, printJson, type GlobalOptions } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { parseFormFlag } from '../extract-filing.js';
import { readInput } from '../read-input.js';

/** The JSON contract of `regwatch extract --json`. */
export function extractionJson(r: ExtractionResult): object {
  return {
    form: r.form,
    found: r.found,
    reason: r.reason,
    section: r.section,
    categories: r.categories,
    riskFactors: r.riskFactors.map((f) => ({
      id: f.id,
      category: f.category,
      heading: f.heading,
      text: f.text,
      wordCount: f.wordCount,
    })),
    preamble: r.preamble,
    summary: r.summary,
    categoryIntros: r.categoryIntros,
    warnings: r.warnings,
    confidence: r.confidence,
  };
}

function printOutline(source: string, r: ExtractionResult): void {
  const name = source === '-' ? '(standard input)' : source;
  if (!r.found) {
    console.log(`${name}: no Risk Factors section (${r.form ?? 'form unknown'}): ${r.reason}`);
    return;
  }
  const s = r.section!;
  console.log(
    `${name}: ${r.form ?? 'form unknown'}, "${s.heading}", ${s.wordCount.toLocaleString('en-US')} words, ${r.riskFactors.length} risk factors in ${r.categories.length} categories`,
  );
  let category: string | null | undefined;
  r.riskFactors.forEach((f, i) => {
    if (f.category !== category) {
      category = f.category;
      console.log(`\n  ${category ?? '(no category)'}`);
    }
    const heading = f.heading.length > 110 ? `${f.heading.slice(0, 107)}...` : f.heading;
    console.log(`  ${String(i + 1).padStart(4)}. ${heading} (${f.wordCount} words)`);
  });
  for (const w of r.warnings) console.log(`  warning: ${w}`);
}

export function registerExtract(program: Command): void {
  program
    .command('extract')
    .description("find a filing's Risk Factors section and split it into risk factors")
    .argument(
      '<file-or-url>',
      'primary document (.htm/.html) or full-submission .txt; an http(s) or file:// URL; - for standard input',
    )
    .option(
      '--form <form>',
      'the form (S-1, S-1/A, 424B4, 10-K ...); detected from the document when absent',
    )
    .option('--json', 'print the result as JSON (the contract scripts rely on)')
    .addHelpText(
      'after',
      `
Examples:
  regwatch extract nvda-10k.html                      outline: categories, numbered headings, word counts
  regwatch extract 0001193125-13-390321.txt --json    JSON with every risk factor's text
  regwatch extract https://www.sec.gov/Archives/edgar/data/.../d564001ds1.htm --form S-1
  curl -s ... | regwatch extract -                    read the filing from standard input

A document without a section, or whose section cannot be delimited with confidence, prints
found: false with the reason (exit 0): that is a finding, not a failure. An input that cannot
be read (missing file, folder, PDF, too large, network failure) exits 1; an unknown --form
exits 2. When --form does not fit the document, the document wins and a warning says so.`,
    )
    .action(async (source: string, opts: { form?: string; json?: boolean }, cmd: Command) => {
      const form = parseFormFlag(opts.form);
      const userAgent = /^https?:/i.test(source)
        ? (await loadFromOptions(cmd.optsWithGlobals<GlobalOptions>())).config.sec.userAgent
        : undefined;
      const { documentTimeoutMs } = await environment();
      const [bytes, { extractFiling }] = await Promise.all([
        readInput(source, userAgent, documentTimeoutMs),
        import('../../pipeline/analyze.js'),
      ]);
      const result = extractFiling(bytes, form);
      if (opts.json) printJson(extractionJson(result));
      else printOutline(source, result);
      for (const w of result.warnings)
        if (w.startsWith('--form ')) process.stderr.write(`regwatch: warning: ${w}\n`);
      process.exitCode = EXIT.ok;
    });
}
