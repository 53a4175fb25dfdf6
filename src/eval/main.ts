#!/usr/bin/env node
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { findLabeledDocuments, scoreDocument, summarize, type DocumentScore } from './extraction-eval.js';
import { diffSuccessiveYears, scoreDiffCases, selfDiff, summarizeDiff, type DiffCaseScore } from './diff-eval.js';
import { classCounts, diffCaseDocuments, readMaterialityLabels, scoreCorpusMateriality, scoreSeededMateriality, summarizeMateriality, type MaterialityScore } from './materiality-eval.js';
import { checkRatchet, type Scores } from './ratchet.js';
import { ExtractionCache } from './extraction-cache.js';

const fmt = (x: number) => x.toFixed(3);

function printExtraction(scores: DocumentScore[], verbose: boolean): void {
  console.log('Risk Factors extraction, per document');
  console.log(`${'document'.padEnd(58)} ${'found'.padEnd(5)} ${'P'.padStart(5)} ${'R'.padStart(5)} ${'F1'.padStart(5)}  first last  cats  words/expected   ms`);
  for (const s of scores) {
    const exp = s.expectedWords ? `${s.wordCount}/${s.expectedWords}` : String(s.wordCount);
    console.log(
      `${s.document.slice(-58).padEnd(58)} ${(s.found ? 'yes' : 'NO').padEnd(5)} ${fmt(s.headings.precision)} ${fmt(s.headings.recall)} ${fmt(s.headings.f1)}  ${s.firstWordsOk ? ' ok ' : 'MISS'}  ${s.lastWordsOk ? ' ok ' : 'MISS'}  ${s.categoriesOk ? ' ok ' : 'MISS'}  ${exp.padEnd(14)} ${s.ms.toFixed(0).padStart(4)}`,
    );
    if (!s.found) console.log(`    reason: ${s.reason}`);
    if (verbose) {
      for (const m of s.missed) console.log(`    missed: ${m.slice(0, 150)}`);
      for (const e of s.extra) console.log(`    extra:  ${e.slice(0, 150)}`);
    }
  }
}

function printMateriality(seeded: MaterialityScore[], corpus: MaterialityScore[], verbose: boolean): void {
  const wrong = [...seeded, ...corpus].filter((s) => s.reported !== s.expected);
  console.log(`\nMateriality: ${seeded.length} seeded cases (${classCounts(seeded)}), ${corpus.length} labelled corpus changes; ${wrong.length} wrong`);
  for (const s of verbose ? [...seeded, ...corpus] : wrong) console.log(`  ${s.reported === s.expected ? 'ok   ' : 'WRONG'} ${s.name.slice(0, 90).padEnd(90)} expected ${s.expected}, reported ${s.reported}`);
}

function printDiff(scores: DiffCaseScore[], verbose: boolean): void {
  console.log('\nRisk-factor diff cases');
  for (const s of scores) {
    const ok = s.matched === s.expected && s.reported === s.expected;
    console.log(`  ${s.name.padEnd(50)} expected ${s.expected} reported ${s.reported} matched ${s.matched}  ${ok ? 'ok' : 'WRONG'}  ${s.ms.toFixed(0)} ms`);
    if (verbose || !ok) {
      for (const m of s.missed) console.log(`      missed: ${m}`);
      for (const f of s.falseAlarms) console.log(`      false alarm: ${f}`);
    }
  }
}

const program = new Command('regwatch-eval')
  .description('Scores regwatch on the real-filing corpus: Risk Factors extraction (and diff cases when present).')
  .argument('<corpus>', 'corpus directory, e.g. ../shared/corpus')
  .option('--json', 'print scores as JSON')
  .option('-v, --verbose', 'list missed and extra headings per document')
  .option('--ratchet <file>', 'fail (exit 1) when any score is below the best recorded in this file')
  .option('--update', 'with --ratchet: record scores that improved')
  .action((corpus: string, opts: { json?: boolean; verbose?: boolean; ratchet?: string; update?: boolean }) => {
    const root = resolve(corpus);
    // Relative paths are read from the current folder: run elsewhere, they name nothing. Say so
    // in one line instead of a stack trace, and never let a missing baseline pass the ratchet.
    if (!existsSync(join(root, '10k')) && !existsSync(join(root, 's1'))) {
      console.error(`regwatch-eval: ${root}: not a corpus (no 10k/ or s1/ folder); paths are relative to ${process.cwd()}: from the repository root use ../shared/corpus`);
      process.exitCode = 2;
      return;
    }
    if (opts.ratchet && !opts.update && !existsSync(resolve(opts.ratchet))) {
      console.error(`regwatch-eval: --ratchet ${resolve(opts.ratchet)}: no such file; paths are relative to ${process.cwd()} (from the repository root: eval/baseline.json), or add --update to start a new one`);
      process.exitCode = 2;
      return;
    }
    const docs = [...findLabeledDocuments(join(root, '10k')), ...findLabeledDocuments(join(root, 's1'))].filter((d) => existsSync(d.document));
    const cache = new ExtractionCache();
    const scores = docs.map((d) => scoreDocument(d.document, d.labels, root, cache));
    const extraction = summarize(scores);
    const diffScores = scoreDiffCases(root, cache);
    const selfDiffs = docs.map((d) => ({ document: d.document, clean: selfDiff(cache.get(d.document, d.labels.form)) }));
    const diff = summarizeDiff(diffScores, selfDiffs);
    const years = diffSuccessiveYears(docs, cache);
    const seeded = scoreSeededMateriality(root, cache, diffCaseDocuments(root));
    const labelled = scoreCorpusMateriality(diffScores, readMaterialityLabels(resolve('eval/materiality-labels.json')));
    const materiality = summarizeMateriality(seeded, labelled);
    const current: Scores = { ...extraction, ...(diffScores.length > 0 ? { ...diff, ...materiality } : {}) };
    if (opts.json) console.log(JSON.stringify({ extraction, diff, materiality, documents: scores, diffCases: diffScores, successiveYears: years }, null, 2));
    else {
      printExtraction(scores, opts.verbose ?? false);
      console.log(
        `\noverall: ${extraction.documents} documents, heading F1 macro ${fmt(extraction.headingF1Macro)} (P ${fmt(extraction.headingPrecisionMacro)}, R ${fmt(extraction.headingRecallMacro)}), worst ${fmt(extraction.headingF1Min)}, section found ${fmt(extraction.foundRate)}, first+last words ${fmt(extraction.boundaryRate)}, categories ${fmt(extraction.categoryRate)}`,
      );
      if (diffScores.length > 0) {
        printDiff(diffScores, opts.verbose ?? false);
        for (const s of selfDiffs) if (!s.clean) console.log(`  self-diff not empty: ${s.document}`);
        if (years.length > 0) {
          console.log('\nReal successive 10-Ks (not scored: judge plausibility)');
          for (const y of years) {
            const s = y.summary;
            console.log(`  ${y.company.padEnd(28).slice(0, 28)} ${y.from} -> ${y.to}: +${s.added} -${s.removed} ~${s.modified} >${s.moved} =${s.unchanged}${s.preamble ? ' preamble' : ''}${s.categoryIntros ? ` intros ${s.categoryIntros}` : ''}  similarity ${y.similarity.toFixed(4)}; substantive ${y.materiality.substantive}, figures ${y.materiality.figures}, editorial ${y.materiality.editorial}`);
            for (const h of y.headlines) console.log(`      ${h}`);
          }
        }
        printMateriality(seeded, labelled, opts.verbose ?? false);
        console.log(
          `\ndiff: ${diff.cases} cases, precision ${fmt(diff.diffPrecision)}, recall ${fmt(diff.diffRecall)}, noise-only cases clean ${fmt(diff.noiseCasesClean)}, self-diffs clean ${fmt(diff.selfDiffClean)}`,
        );
        console.log(
          `materiality: seeded accuracy ${fmt(materiality.materialityAccuracy)} (substantive ${fmt(materiality.materialityAccuracySubstantive)}, figures ${fmt(materiality.materialityAccuracyFigures)}, editorial ${fmt(materiality.materialityAccuracyEditorial)}), corpus cases ${fmt(materiality.materialityCorpusAccuracy)}`,
        );
      }
    }
    if (opts.ratchet) {
      const file = resolve(opts.ratchet);
      const best = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Scores) : {};
      const { drops, improved, next } = checkRatchet(best, current);
      for (const d of drops) console.error(`RATCHET: ${d}`);
      if (improved.length > 0) {
        console.error(`improved: ${improved.join(', ')}${opts.update ? ` (recorded in ${opts.ratchet})` : `; record with --update`}`);
        if (opts.update) writeFileSync(file, `${JSON.stringify(next, null, 2)}\n`);
      }
      if (drops.length > 0) process.exitCode = 1;
    }
  });

program.parse();
