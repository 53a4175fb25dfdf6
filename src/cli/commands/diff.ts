import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { diffSections, type Change, type SectionDiff } from '../../diff/diff-sections.js';
import { renderHtml } from '../../diff/render-html.js';
import { renderText } from '../../diff/render-text.js';
import { InputError } from '../../errors.js';
import { extractRiskFactors, type ExtractionResult } from '../../extract/extract-risk-factors.js';
import { loadFromOptions, printJson, type GlobalOptions } from '../context.js';
import { readInput } from '../read-input.js';

/** The JSON contract of `regwatch diff --json`: the redlines stay out, the facts go in. */
export function diffJson(d: SectionDiff): object {
  const change = (c: Change) => {
    switch (c.kind) {
      case 'added':
        return { kind: c.kind, new: c.new };
      case 'removed':
        return { kind: c.kind, old: c.old };
      case 'moved':
        return { kind: c.kind, old: c.old, new: c.new };
      case 'modified':
        return { kind: c.kind, old: c.old, new: c.new, headingChanged: c.headingChanged, moved: c.moved, similarity: c.similarity, wordsAdded: c.wordsAdded, wordsRemoved: c.wordsRemoved };
      case 'preamble':
        return { kind: c.kind, wordsAdded: c.wordsAdded, wordsRemoved: c.wordsRemoved };
      case 'category-intro':
        return { kind: c.kind, category: c.category, wordsAdded: c.wordsAdded, wordsRemoved: c.wordsRemoved };
    }
  };
  return { old: d.old, new: d.new, similarity: d.similarity, summary: d.summary, changes: d.changes.map(change), keywordHits: d.keywordHits };
}

async function extractOrExplain(source: string, userAgent: string | undefined): Promise<ExtractionResult> {
  const result = extractRiskFactors(await readInput(source, userAgent));
  if (!result.found) throw new InputError(`${source}: no Risk Factors section to compare (${result.reason})`);
  return result;
}

export function registerDiff(program: Command): void {
  program
    .command('diff')
    .description('compare the Risk Factors of two filings: added, removed, reworded and moved risk factors')
    .argument('<old>', 'the earlier filing: file or http(s) URL')
    .argument('<new>', 'the later filing: file or http(s) URL')
    .option('--json', 'print the changes as JSON (the contract scripts rely on)')
    .option('--keywords <phrases>', 'comma-separated phrases to call out in added text (default: the config file\'s watch keywords)')
    .option('--text', 'print a redline for the terminal (the default without --json)')
    .option('--html <file>', 'also write the e-mail-ready HTML redline to this file')
    .addHelpText(
      'after',
      `
Examples:
  regwatch diff s1.htm s1a.htm                                   terminal redline
  regwatch diff 10k-2024.html 10k-2025.html --json               counts, changes and keyword hits as JSON
  regwatch diff old.htm new.htm --keywords "export control,national security" --html redline.html

Noise never counts as a change: whitespace, page numbers, curly quotes, dashes and styling.`,
    )
    .action(async (oldSource: string, newSource: string, opts: { json?: boolean; keywords?: string; text?: boolean; html?: string }, cmd: Command) => {
      const loaded = loadFromOptions(cmd.optsWithGlobals<GlobalOptions>());
      const keywords = opts.keywords !== undefined ? opts.keywords.split(',').map((k) => k.trim()).filter(Boolean) : [...new Set(loaded.config.watches.flatMap((w) => w.keywords))];
      const ua = loaded.config.sec.userAgent;
      const [a, b] = await Promise.all([extractOrExplain(oldSource, ua), extractOrExplain(newSource, ua)]);
      const diff = diffSections(a, b, { keywords });
      if (opts.html) {
        const label = (src: string, r: ExtractionResult) => `${r.form ?? 'filing'} ${basename(src)}`;
        writeFileSync(opts.html, renderHtml(diff, { title: `Risk factor changes: ${basename(newSource)}`, oldLabel: label(oldSource, a), newLabel: label(newSource, b) }));
      }
      if (opts.json) printJson(diffJson(diff));
      else process.stdout.write(renderText(diff, { color: process.stdout.isTTY === true && !process.env.NO_COLOR }));
    });
}
