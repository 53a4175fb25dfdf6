import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { extractRiskFactors } from '../extract/extract-risk-factors.js';
import { normalizeForMatch } from '../text/normalize.js';
import type { ExtractionCache } from './extraction-cache.js';
import { diceSimilarity, matchHeadings, prf, type PRF } from './score.js';

/** The label file the corpus keeps beside each document (see corpus/README.md). */
export interface Labels {
  file: string;
  company?: string;
  fiscalYear?: number;
  form: string;
  section: { heading: string; firstWords: string; lastWords: string; approxWords?: number };
  categories: string[];
  riskFactors: { category: string; heading: string }[];
}

export interface DocumentScore {
  document: string;
  form: string;
  found: boolean;
  reason: string | null;
  headings: PRF;
  firstWordsOk: boolean;
  lastWordsOk: boolean;
  /** The category headings, in order, match the labels (normalised). */
  categoriesOk: boolean;
  wordCount: number;
  expectedWords: number | null;
  missed: string[];
  extra: string[];
  ms: number;
}

/** Every `<document>.labels.json` under `dir` whose document exists beside it. */
export function findLabeledDocuments(dir: string): { document: string; labels: Labels }[] {
  const out: { document: string; labels: Labels }[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.labels.json')) {
        const labels = JSON.parse(readFileSync(p, 'utf8')) as Labels;
        out.push({
          document: join(dirname(p), labels.file ?? basename(p, '.labels.json')),
          labels,
        });
      }
    }
  };
  walk(dir);
  return out;
}

export function scoreDocument(
  document: string,
  labels: Labels,
  root: string,
  cache?: ExtractionCache,
): DocumentScore {
  const bytes = readFileSync(document);
  const t0 = performance.now();
  const result = extractRiskFactors(bytes, { form: labels.form });
  const ms = performance.now() - t0;
  cache?.put(document, labels.form, result);
  const m = matchHeadings(
    result.riskFactors.map((r) => r.heading),
    labels.riskFactors.map((r) => r.heading),
  );
  return {
    document: relative(root, document),
    form: labels.form,
    found: result.found,
    reason: result.reason,
    headings: prf(m.matched, result.riskFactors.length, labels.riskFactors.length),
    firstWordsOk:
      result.section !== null &&
      diceSimilarity(result.section.firstWords, labels.section.firstWords) >= 0.8,
    lastWordsOk:
      result.section !== null &&
      diceSimilarity(result.section.lastWords, labels.section.lastWords) >= 0.8,
    categoriesOk:
      result.categories.length === labels.categories.length &&
      result.categories.every(
        (c, i) => normalizeForMatch(c) === normalizeForMatch(labels.categories[i]!),
      ),
    wordCount: result.section?.wordCount ?? 0,
    expectedWords: labels.section.approxWords ?? null,
    missed: m.missed,
    extra: m.extra,
    ms,
  };
}

export interface ExtractionSummary {
  documents: number;
  headingF1Macro: number;
  headingF1Min: number;
  headingPrecisionMacro: number;
  headingRecallMacro: number;
  foundRate: number;
  boundaryRate: number;
  categoryRate: number;
}

export function summarize(scores: DocumentScore[]): ExtractionSummary {
  const n = scores.length || 1;
  const mean = (f: (s: DocumentScore) => number) => scores.reduce((a, s) => a + f(s), 0) / n;
  return {
    documents: scores.length,
    headingF1Macro: mean((s) => s.headings.f1),
    headingF1Min: scores.reduce((a, s) => Math.min(a, s.headings.f1), 1),
    headingPrecisionMacro: mean((s) => s.headings.precision),
    headingRecallMacro: mean((s) => s.headings.recall),
    foundRate: mean((s) => (s.found ? 1 : 0)),
    boundaryRate: mean((s) => (s.firstWordsOk && s.lastWordsOk ? 1 : 0)),
    categoryRate: mean((s) => (s.categoriesOk ? 1 : 0)),
  };
}
