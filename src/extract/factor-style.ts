import type { Block } from './blocks.js';
import type { CategoryStyle } from './category-style.js';
import type { HeadingCandidate } from './heading-candidates.js';

/** How the filer sets its risk-factor headings, and the candidates that may be such headings. */
export interface FactorStyle {
  /** The style (heading signature) of the factor headings; null when none is found. */
  signature: string | null;
  /** The block headings after the first category, or the run-in titles when those win. */
  pool: HeadingCandidate[];
}

/**
 * Keeps the headings a factor can be: a category heading opens its factors, so an emphasised
 * block before the first category (an italic introduction, a bold note) introduces the section,
 * not a risk.
 */
function selectFactorPool(full: HeadingCandidate[], categories: CategoryStyle): HeadingCandidate[] {
  const firstCategoryAt = categories.signature
    ? (full.find((c) => categories.isCategory(c))?.block.index ?? -1)
    : -1;
  return firstCategoryAt >= 0
    ? full.filter((c) => c.block.index > firstCategoryAt || categories.isCategory(c))
    : full;
}

/**
 * Counts, per block-heading style, its headings in the pool (categories aside) and how many of
 * them are followed by body text: on a tie (a section with one factor) the style whose headings
 * introduce text wins.
 */
function countFactorVotes(
  blocks: Block[],
  full: HeadingCandidate[],
  pool: HeadingCandidate[],
  categories: CategoryStyle,
): Map<string, { n: number; withBody: number }> {
  const rfVotes = new Map<string, { n: number; withBody: number }>();
  const candidateAt = new Set(full.map((c) => c.block.index));
  const position = new Map(blocks.map((b, i) => [b.index, i]));
  for (const c of pool) {
    if (categories.isCategory(c)) continue;
    const v = rfVotes.get(c.signature) ?? { n: 0, withBody: 0 };
    v.n++;
    const next = blocks[position.get(c.block.index)! + 1];
    if (next && !candidateAt.has(next.index)) v.withBody++;
    rfVotes.set(c.signature, v);
  }
  return rfVotes;
}

/**
 * The most common run-in title style, when it outnumbers the block headings: when the filer
 * uses no block headings at all (IBM), three or more of one style (fewer are bold lead-ins of
 * body paragraphs), or two where no block heading names a risk (a short typewritten section with
 * two run-in risks; one bold opening phrase is not a list of risks). Null when block headings win.
 */
function chooseRunInStyle(runIn: HeadingCandidate[], blockHeadingCount: number): string | null {
  const runInVotes = new Map<string, number>();
  for (const c of runIn) runInVotes.set(c.signature, (runInVotes.get(c.signature) ?? 0) + 1);
  const bestRunIn = [...runInVotes.entries()].sort((a, b) => b[1] - a[1])[0];
  if (
    bestRunIn &&
    bestRunIn[1] > blockHeadingCount * 2 &&
    (bestRunIn[1] >= 3 || (blockHeadingCount === 0 && bestRunIn[1] >= 2))
  )
    return bestRunIn[0];
  return null;
}

/**
 * Chooses the risk-factor heading style: the most common block-heading style left once the
 * categories are known, or a run-in title style when the filer marks its risks that way.
 * Styles used by fewer blocks (italic sub-points, bold lead-ins inside bullet lists) stay body text.
 */
export function chooseFactorStyle(
  blocks: Block[],
  full: HeadingCandidate[],
  runIn: HeadingCandidate[],
  categories: CategoryStyle,
): FactorStyle {
  const factorPool = selectFactorPool(full, categories);
  const rfVotes = countFactorVotes(blocks, full, factorPool, categories);
  const rfSig =
    [...rfVotes.entries()].sort(
      (a, b) => b[1].n - a[1].n || b[1].withBody - a[1].withBody,
    )[0]?.[0] ?? null;
  const runInSig = chooseRunInStyle(runIn, rfSig ? rfVotes.get(rfSig)!.n : 0);
  return runInSig !== null
    ? { signature: runInSig, pool: runIn }
    : { signature: rfSig, pool: factorPool };
}
