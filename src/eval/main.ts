#!/usr/bin/env node
import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import {
  findLabeledDocuments,
  scoreDocument,
  summarize,
  type DocumentScore,
} from './extraction-eval.js';
import {
  diffSuccessiveYears,
  scoreDiffCases,
  selfDiff,
  summarizeDiff,
  type DiffCaseScore,
} from './diff-eval.js';
import {
  classCounts,
  diffCaseDocuments,
  readMaterialityLabels,
  scoreCorpusMateriality,
  scoreSeededMateriality,
  summarizeMateriality,
  type MaterialityScore,
} from './materiality-eval.js';
import { checkRatchet, type Scores } from './ratchet.js';
import { ExtractionCache } from './extraction-cache.js';
import {
  confidenceCases,
  summarizeConfidence,
  type ConfidenceCase,
} from './extraction-confidence.js';

const fmt = (x: number) => x.toFixed(3);

/** The materiality labels of the corpus's diff cases, kept in the repository (dist-tools/src/eval -> eval/). */
const MATERIALITY_LABELS = fileURLToPath(
  new URL('../../../eval/materiality-labels.json', import.meta.url),
);

function printExtraction(scores: DocumentScore[], verbose: boolean): void {
  console.log('Risk Factors extraction, per document');
  console.log(
    `${'document'.padEnd(58)} ${'found'.padEnd(5)} ${'P'.padStart(5)} ${'R'.padStart(5)} ${'F1'.padStart(5)}  first last  cats  words/expected   ms`,
  );
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

function printMateriality(
  seeded: MaterialityScore[],
  corpus: MaterialityScore[],
  verbose: boolean,
): void {
  const wrong = [...seeded, ...corpus].filter((s) => s.reported !== s.expected);
  console.log(
    `\nMateriality: ${seeded.length} seeded cases (${classCounts(seeded)}), ${corpus.length} labelled corpus changes; ${wrong.length} wrong`,
  );
  for (const s of verbose ? [...seeded, ...corpus] : wrong)
    console.log(
      `  ${s.reported === s.expected ? 'ok   ' : 'WRONG'} ${s.name.slice(0, 90).padEnd(90)} expected ${s.expected}, reported ${s.reported}`,
    );
}

function printConfidence(
  cases: ConfidenceCase[],
  s: ReturnType<typeof summarizeConfidence>,
  verbose: boolean,
): void {
  const wrong = cases.filter((c) => !c.right);
  const right = cases.length - wrong.length;
  const copies =
    "copies with bold removed, item numbers removed, the section's closing heading removed, its second half and closing heading removed, the document cut off inside it";
  console.log(`\nConfidence: ${s.confidenceCases} extractions (labelled documents, and ${copies})`);
  for (const c of cases) {
    // Unflagged wrong answers always; flagged right ones and the rest with --verbose.
    if (!verbose && (c.right ? !c.flagged : c.flagged)) continue;
    const what = c.right
      ? c.flagged
        ? 'right, flagged'
        : 'right'
      : c.flagged
        ? 'WRONG, flagged'
        : 'WRONG, NOT FLAGGED';
    const reasons = c.reasons.length > 0 ? `[${c.reasons.join(', ')}]` : '';
    console.log(
      `  ${c.document.slice(-48).padEnd(48)} ${c.damage.padEnd(20)} ${what.padEnd(18)} ${c.wrongBecause} ${reasons}`,
    );
  }
  const flaggedWrong = Math.round(s.wrongFlaggedRate * wrong.length);
  const flaggedRight = right - Math.round(s.rightUnflaggedRate * right);
  for (const d of s.byDamage)
    console.log(
      `  ${(d.damage === 'none' ? 'as filed' : d.damage).padEnd(22)} wrong flagged ${d.wrongFlagged}/${d.wrong}, right flagged ${d.rightFlagged}/${d.right}`,
    );
  console.log(
    `confidence: wrong extractions flagged ${flaggedWrong}/${wrong.length} (${fmt(s.wrongFlaggedRate)}), ` +
      `right extractions flagged ${flaggedRight}/${right} (${fmt(1 - s.rightUnflaggedRate)})`,
  );
}

function printDiff(scores: DiffCaseScore[], verbose: boolean): void {
  console.log('\nRisk-factor diff cases');
  for (const s of scores) {
    const ok = s.matched === s.expected && s.reported === s.expected;
    console.log(
      `  ${s.name.padEnd(50)} expected ${s.expected} reported ${s.reported} matched ${s.matched}  ${ok ? 'ok' : 'WRONG'}  ${s.ms.toFixed(0)} ms`,
    );
    if (verbose || !ok) {
      for (const m of s.missed) console.log(`      missed: ${m}`);
      for (const f of s.falseAlarms) console.log(`      false alarm: ${f}`);
    }
  }
}

interface Options {
  json?: boolean;
  verbose?: boolean;
  ratchet?: string;
  update?: boolean;
}

/**
 * The corpus folder and the ratchet file, resolved against where the person typed the command,
 * or null (with the reason printed and exit code 2) when either is missing.
 */
function resolveInputs(
  corpusArg: string | undefined,
  opts: Options,
): { root: string; ratchet: string | undefined } | null {
  // `npm run eval` runs in the package root; the paths a person typed are relative to where they
  // typed them (npm's INIT_CWD), wherever the clone is.
  const here = process.env.INIT_CWD ?? process.cwd();
  const corpus = corpusArg ?? process.env.REGWATCH_CORPUS;
  if (!corpus) {
    console.error(
      'regwatch-eval: no corpus named; give its folder (npm run eval -- /path/to/corpus) or set REGWATCH_CORPUS',
    );
    process.exitCode = 2;
    return null;
  }
  const root = resolve(here, corpus);
  // Say what is wrong in one line instead of a stack trace, and never let a missing baseline pass the ratchet.
  if (!existsSync(join(root, '10k')) && !existsSync(join(root, 's1'))) {
    console.error(
      `regwatch-eval: ${root}: not a corpus (no 10k/ or s1/ folder)${corpusArg ? ` (relative paths are read from ${here})` : ' (from REGWATCH_CORPUS)'}`,
    );
    process.exitCode = 2;
    return null;
  }
  const ratchet = opts.ratchet ? resolve(here, opts.ratchet) : undefined;
  if (ratchet && !opts.update && !existsSync(ratchet)) {
    console.error(
      `regwatch-eval: --ratchet ${ratchet}: no such file (relative paths are read from ${here}), or add --update to start a new one`,
    );
    process.exitCode = 2;
    return null;
  }
  return { root, ratchet };
}

/** Every evaluation run on the corpus: extraction, diff cases, materiality, confidence. */
function evaluate(root: string) {
  const docs = [
    ...findLabeledDocuments(join(root, '10k')),
    ...findLabeledDocuments(join(root, 's1')),
  ].filter((d) => existsSync(d.document));
  const cache = new ExtractionCache();
  const scores = docs.map((d) => scoreDocument(d.document, d.labels, root, cache));
  const extraction = summarize(scores);
  const diffScores = scoreDiffCases(root, cache);
  const selfDiffs = docs.map((d) => ({
    document: d.document,
    clean: selfDiff(cache.get(d.document, d.labels.form)),
  }));
  const diff = summarizeDiff(diffScores, selfDiffs);
  const years = diffSuccessiveYears(docs, cache);
  const seeded = scoreSeededMateriality(root, cache, diffCaseDocuments(root));
  const labelled = scoreCorpusMateriality(diffScores, readMaterialityLabels(MATERIALITY_LABELS));
  const materiality = summarizeMateriality(seeded, labelled);
  const doubt = confidenceCases(docs, root);
  const confidence = summarizeConfidence(doubt);
  return {
    scores,
    extraction,
    diffScores,
    selfDiffs,
    diff,
    years,
    seeded,
    labelled,
    materiality,
    doubt,
    confidence,
  };
}

type Evaluation = ReturnType<typeof evaluate>;

/** The scores the ratchet keeps. */
function ratchetScores(e: Evaluation): Scores {
  // Both confidence rates are pure functions of the corpus (no timing): safe to ratchet. The counts are not scores.
  return {
    ...e.extraction,
    ...(e.diffScores.length > 0 ? { ...e.diff, ...e.materiality } : {}),
    wrongFlaggedRate: e.confidence.wrongFlaggedRate,
    rightUnflaggedRate: e.confidence.rightUnflaggedRate,
  };
}

function printJson(e: Evaluation): void {
  const out = {
    extraction: e.extraction,
    confidence: e.confidence,
    diff: e.diff,
    materiality: e.materiality,
    documents: e.scores,
    confidenceCases: e.doubt,
    diffCases: e.diffScores,
    successiveYears: e.years,
  };
  console.log(JSON.stringify(out, null, 2));
}

function printYears(years: Evaluation['years']): void {
  if (years.length === 0) return;
  console.log('\nReal successive 10-Ks (not scored: judge plausibility)');
  for (const y of years) {
    const s = y.summary;
    console.log(
      `  ${y.company.padEnd(28).slice(0, 28)} ${y.from} -> ${y.to}: +${s.added} -${s.removed} ~${s.modified} >${s.moved} =${s.unchanged}${s.preamble ? ' preamble' : ''}${s.categoryIntros ? ` intros ${s.categoryIntros}` : ''}  similarity ${y.similarity.toFixed(4)}; substantive ${y.materiality.substantive}, figures ${y.materiality.figures}, editorial ${y.materiality.editorial}`,
    );
    for (const h of y.headlines) console.log(`      ${h}`);
  }
}

function printText(e: Evaluation, verbose: boolean): void {
  const { extraction, diff, materiality } = e;
  printExtraction(e.scores, verbose);
  console.log(
    `\noverall: ${extraction.documents} documents, heading F1 macro ${fmt(extraction.headingF1Macro)} (P ${fmt(extraction.headingPrecisionMacro)}, R ${fmt(extraction.headingRecallMacro)}), worst ${fmt(extraction.headingF1Min)}, section found ${fmt(extraction.foundRate)}, first+last words ${fmt(extraction.boundaryRate)}, categories ${fmt(extraction.categoryRate)}`,
  );
  printConfidence(e.doubt, e.confidence, verbose);
  if (e.diffScores.length === 0) return;
  printDiff(e.diffScores, verbose);
  for (const s of e.selfDiffs) if (!s.clean) console.log(`  self-diff not empty: ${s.document}`);
  printYears(e.years);
  printMateriality(e.seeded, e.labelled, verbose);
  console.log(
    `\ndiff: ${diff.cases} cases, precision ${fmt(diff.diffPrecision)}, recall ${fmt(diff.diffRecall)}, noise-only cases clean ${fmt(diff.noiseCasesClean)}, self-diffs clean ${fmt(diff.selfDiffClean)}`,
  );
  console.log(
    `materiality: seeded accuracy ${fmt(materiality.materialityAccuracy)} (substantive ${fmt(materiality.materialityAccuracySubstantive)}, figures ${fmt(materiality.materialityAccuracyFigures)}, editorial ${fmt(materiality.materialityAccuracyEditorial)}), corpus cases ${fmt(materiality.materialityCorpusAccuracy)}`,
  );
}

/** Fails (exit 1) on any score below the best recorded; with `update`, records the ones that rose. */
function applyRatchet(file: string, current: Scores, update: boolean): void {
  const best = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Scores) : {};
  const { drops, improved, next } = checkRatchet(best, current);
  for (const d of drops) console.error(`RATCHET: ${d}`);
  if (improved.length > 0) {
    console.error(
      `improved: ${improved.join(', ')}${update ? ` (recorded in ${file})` : `; record with --update`}`,
    );
    if (update) writeFileSync(file, `${JSON.stringify(next, null, 2)}\n`);
  }
  if (drops.length > 0) process.exitCode = 1;
}

const program = new Command('regwatch-eval')
  .description(
    'Scores regwatch on the real-filing corpus: Risk Factors extraction (and diff cases when present).',
  )
  .argument(
    '[corpus]',
    'corpus directory (default: $REGWATCH_CORPUS), read from the folder npm was run in',
  )
  .option('--json', 'print scores as JSON')
  .option('-v, --verbose', 'list missed and extra headings per document')
  .option(
    '--ratchet <file>',
    'fail (exit 1) when any score is below the best recorded in this file',
  )
  .option('--update', 'with --ratchet: record scores that improved')
  .action((corpusArg: string | undefined, opts: Options) => {
    const inputs = resolveInputs(corpusArg, opts);
    if (inputs === null) return;
    const e = evaluate(inputs.root);
    if (opts.json) printJson(e);
    else printText(e, opts.verbose ?? false);
    if (inputs.ratchet) applyRatchet(inputs.ratchet, ratchetScores(e), opts.update ?? false);
  });

program.parse();
