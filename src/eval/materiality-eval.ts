import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffSections } from '../diff/diff-sections.js';
import { MATERIALITY_RANK } from '../diff/materiality.js';
import type { MaterialityClass } from '../diff/types.js';
import type { DiffCaseScore } from './diff-eval.js';
import type { ExtractionCache } from './extraction-cache.js';
import { seedMaterialityCases } from './materiality-seeds.js';
import { headingsMatch } from './score.js';

const CLASSES: MaterialityClass[] = ['substantive', 'figures', 'editorial'];

/** One scored case: what a reader should be told, and what the diff said. */
export interface MaterialityScore {
  name: string;
  expected: MaterialityClass;
  /** The highest class among the diff's changes; 'none' when it reported nothing. */
  reported: MaterialityClass | 'none';
}

/**
 * Labels of the corpus's diff cases (eval/materiality-labels.json): the class of each expected
 * change, by case and old heading, read from the edit each case made. Added and removed
 * factors are substantive and a move without rewording editorial, so only reworded factors
 * need a label.
 */
export interface MaterialityLabels {
  cases: Record<string, { heading: string; materiality: MaterialityClass; why: string }[]>;
}

/** Seeded cases: edits of each real document the corpus's diff cases start from. */
export function scoreSeededMateriality(
  corpus: string,
  cache: ExtractionCache,
  documents: string[],
): MaterialityScore[] {
  const out: MaterialityScore[] = [];
  for (const doc of documents) {
    const old = cache.get(join(corpus, doc));
    for (const c of seedMaterialityCases(doc, old)) {
      const diff = diffSections(old, c.newSection);
      const classes = diff.changes.map((x) => x.materiality!.class);
      const reported = classes.length
        ? classes.reduce((a, x) => (MATERIALITY_RANK[x] > MATERIALITY_RANK[a] ? x : a))
        : 'none';
      out.push({ name: c.name, expected: c.expected, reported });
    }
  }
  return out;
}

/** The corpus's own diff cases, each change found scored against its label. */
export function scoreCorpusMateriality(
  scores: DiffCaseScore[],
  labels: MaterialityLabels,
): MaterialityScore[] {
  const out: MaterialityScore[] = [];
  for (const s of scores) {
    for (const f of s.found) {
      const label = (labels.cases[s.name] ?? []).find((l) => headingsMatch(f.heading, l.heading));
      const expected: MaterialityClass | undefined =
        f.kind === 'added' || f.kind === 'removed'
          ? 'substantive'
          : f.kind === 'moved'
            ? 'editorial'
            : label?.materiality;
      if (!expected)
        throw new Error(
          `eval/materiality-labels.json: no label for the ${f.kind} change "${f.heading.slice(0, 80)}" of diff case ${s.name}`,
        );
      out.push({
        name: `${s.name}: ${f.heading.slice(0, 60)}`,
        expected,
        reported: f.materiality as MaterialityClass,
      });
    }
  }
  return out;
}

/** The real documents the corpus's diff cases were made from (each case's `old`), sorted. */
export function diffCaseDocuments(corpus: string): string[] {
  const dir = join(corpus, 'diff');
  if (!existsSync(dir)) return [];
  const docs = new Set<string>();
  for (const name of readdirSync(dir)) {
    const file = join(dir, name, 'expected.json');
    if (existsSync(file)) docs.add((JSON.parse(readFileSync(file, 'utf8')) as { old: string }).old);
  }
  return [...docs].sort();
}

export function readMaterialityLabels(file: string): MaterialityLabels {
  if (!existsSync(file)) return { cases: {} };
  return JSON.parse(readFileSync(file, 'utf8')) as MaterialityLabels;
}

export interface MaterialitySummary {
  materialityAccuracy: number;
  materialityAccuracySubstantive: number;
  materialityAccuracyFigures: number;
  materialityAccuracyEditorial: number;
  materialityCorpusAccuracy: number;
}

const accuracy = (list: MaterialityScore[]) =>
  list.length === 0 ? 1 : list.filter((s) => s.reported === s.expected).length / list.length;

export function summarizeMateriality(
  seeded: MaterialityScore[],
  corpus: MaterialityScore[],
): MaterialitySummary {
  const per = (k: MaterialityClass) => accuracy(seeded.filter((s) => s.expected === k));
  return {
    materialityAccuracy: accuracy(seeded),
    materialityAccuracySubstantive: per('substantive'),
    materialityAccuracyFigures: per('figures'),
    materialityAccuracyEditorial: per('editorial'),
    materialityCorpusAccuracy: accuracy(corpus),
  };
}

/** Counts per expected class, for the report line. */
export function classCounts(seeded: MaterialityScore[]): string {
  return CLASSES.map((k) => `${k} ${seeded.filter((s) => s.expected === k).length}`).join(', ');
}
