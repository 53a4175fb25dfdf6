import { normalizeForMatch } from '../text/normalize.js';

/** Token-set Dice similarity of two normalised strings (the corpus scoring rule). */
export function diceSimilarity(a: string, b: string): number {
  const ta = new Set(normalizeForMatch(a).split(' ').filter(Boolean));
  const tb = new Set(normalizeForMatch(b).split(' ').filter(Boolean));
  if (ta.size === 0 && tb.size === 0) return 1;
  let common = 0;
  for (const t of ta) if (tb.has(t)) common++;
  return (2 * common) / (ta.size + tb.size);
}

/** Two headings match when equal after normalisation or token-set Dice >= 0.9. */
export function headingsMatch(a: string, b: string): boolean {
  return normalizeForMatch(a) === normalizeForMatch(b) || diceSimilarity(a, b) >= 0.9;
}

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
  matched: number;
  predicted: number;
  expected: number;
}

export function prf(matched: number, predicted: number, expected: number): PRF {
  const precision = predicted === 0 ? (expected === 0 ? 1 : 0) : matched / predicted;
  const recall = expected === 0 ? (predicted === 0 ? 1 : 0) : matched / expected;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, matched, predicted, expected };
}

/**
 * One-to-one matching of predicted to expected headings: exact normalised matches first,
 * then the most similar remaining pair above the threshold. Returns the unmatched of each side.
 */
export function matchHeadings(
  predicted: string[],
  expected: string[],
): { matched: number; missed: string[]; extra: string[] } {
  const usedP = new Set<number>();
  const usedE = new Set<number>();
  const normP = predicted.map(normalizeForMatch);
  const normE = expected.map(normalizeForMatch);
  normE.forEach((e, j) => {
    const i = normP.findIndex((p, k) => !usedP.has(k) && p === e);
    if (i >= 0) {
      usedP.add(i);
      usedE.add(j);
    }
  });
  const pairs: [number, number, number][] = [];
  predicted.forEach((p, i) => {
    if (usedP.has(i)) return;
    expected.forEach((e, j) => {
      if (usedE.has(j)) return;
      const s = diceSimilarity(p, e);
      if (s >= 0.9) pairs.push([s, i, j]);
    });
  });
  pairs.sort((a, b) => b[0] - a[0]);
  for (const [, i, j] of pairs) {
    if (usedP.has(i) || usedE.has(j)) continue;
    usedP.add(i);
    usedE.add(j);
  }
  return {
    matched: usedE.size,
    missed: expected.filter((_, j) => !usedE.has(j)),
    extra: predicted.filter((_, i) => !usedP.has(i)),
  };
}
