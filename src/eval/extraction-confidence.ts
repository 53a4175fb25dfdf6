import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import {
  extractFromBlocks,
  readBlocks,
  type ExtractionResult,
} from '../extract/extract-risk-factors.js';
import { DAMAGES, damageBlocks, type Damage } from './extraction-damage.js';
import type { Labels } from './extraction-eval.js';
import { diceSimilarity, matchHeadings } from './score.js';

/** One extraction judged against its labels, and whether its confidence flagged it. */
export interface ConfidenceCase {
  document: string;
  damage: Damage | 'none';
  /** Every heading found, none extra, and both ends of the section right. */
  right: boolean;
  /** What was wrong, for the report ('' when right). */
  wrongBecause: string;
  flagged: boolean;
  reasons: string[];
}

export interface ConfidenceSummary {
  /** Extractions judged: the labelled documents and their damaged copies. */
  confidenceCases: number;
  wrongExtractions: number;
  /** Share of wrong extractions whose confidence is low (the goal is all of them). */
  wrongFlaggedRate: number;
  /** Share of right extractions whose confidence is high (the goal is at least 9 in 10). */
  rightUnflaggedRate: number;
  /** The counts behind both rates, for the documents as filed and for each damage. */
  byDamage: DamageCounts[];
}

/** How many extractions of one kind were wrong and right, and how many of each were flagged. */
export interface DamageCounts {
  damage: Damage | 'none';
  wrong: number;
  wrongFlagged: number;
  right: number;
  rightFlagged: number;
}

/** Why an extraction is wrong against its labels ('' when it is right). */
export function judge(result: ExtractionResult, labels: Labels): string {
  if (!result.found) return `not found (${result.reason})`;
  const m = matchHeadings(
    result.riskFactors.map((r) => r.heading),
    labels.riskFactors.map((r) => r.heading),
  );
  const why: string[] = [];
  if (m.missed.length > 0) why.push(`${m.missed.length} heading(s) missed`);
  if (m.extra.length > 0) why.push(`${m.extra.length} heading(s) extra`);
  if (diceSimilarity(result.section!.firstWords, labels.section.firstWords) < 0.8)
    why.push('start wrong');
  if (diceSimilarity(result.section!.lastWords, labels.section.lastWords) < 0.8)
    why.push('end wrong');
  return why.join(', ');
}

/** Each labelled document as filed and damaged each way, judged and checked for a flag. */
export function confidenceCases(
  docs: { document: string; labels: Labels }[],
  root: string,
): ConfidenceCase[] {
  const out: ConfidenceCase[] = [];
  for (const d of docs) {
    const read = readBlocks(readFileSync(d.document), { form: d.labels.form });
    const variants: [Damage | 'none', ExtractionResult][] = [];
    if (!('blocks' in read)) variants.push(['none', read]);
    else {
      variants.push(['none', extractFromBlocks(read.blocks, read.form)]);
      for (const damage of DAMAGES) {
        const blocks = damageBlocks(read.blocks, read.form, damage);
        if (blocks) variants.push([damage, extractFromBlocks(blocks, read.form)]);
      }
    }
    for (const [damage, result] of variants) {
      const wrongBecause = judge(result, d.labels);
      out.push({
        document: relative(root, d.document),
        damage,
        right: wrongBecause === '',
        wrongBecause,
        flagged: result.confidence.level === 'low',
        reasons: result.confidence.reasons.map((r) => r.code),
      });
    }
  }
  return out;
}

export function summarizeConfidence(cases: ConfidenceCase[]): ConfidenceSummary {
  const wrong = cases.filter((c) => !c.right);
  const right = cases.filter((c) => c.right);
  return {
    confidenceCases: cases.length,
    wrongExtractions: wrong.length,
    wrongFlaggedRate: wrong.length === 0 ? 1 : wrong.filter((c) => c.flagged).length / wrong.length,
    rightUnflaggedRate:
      right.length === 0 ? 1 : right.filter((c) => !c.flagged).length / right.length,
    byDamage: (['none', ...DAMAGES] as const).map((damage) => {
      const of = cases.filter((c) => c.damage === damage);
      const count = (right: boolean, flagged: boolean) =>
        of.filter((c) => c.right === right && (!flagged || c.flagged)).length;
      return {
        damage,
        wrong: count(false, false),
        wrongFlagged: count(false, true),
        right: count(true, false),
        rightFlagged: count(true, true),
      };
    }),
  };
}
