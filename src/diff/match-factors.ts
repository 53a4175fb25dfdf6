import { normalizeForMatch } from '../text/normalize.js';
import { jaccard, shingles } from './similarity.js';
import { tokenize, type Tokens } from './tokens.js';
import type { DiffInput } from './types.js';

/** A risk factor prepared for comparison. */
export interface Prepared {
  index: number;
  heading: string;
  category: string | null;
  text: string;
  headingKey: string;
  headingTokens: Tokens;
  body: Tokens;
  bodyKey: string;
  /** Lower-case words for phrase search, built on first use. */
  searchable?: string;
}

export interface Pair {
  old: Prepared;
  new: Prepared;
  /** How the pair was found: same heading and body, same heading, or similar body. */
  via: 'identical' | 'heading' | 'similar';
}

/** Minimum shingle Jaccard for two factors with different headings to be one reworded factor. */
export const SIMILAR_BODY = 0.3;
/** Short bodies share few shingles by chance, so they must agree more to count as one factor. */
export const SIMILAR_SHORT_BODY = 0.5;
/** Or the headings themselves must be this close. */
export const SIMILAR_HEADING = 0.5;

export function prepare(input: DiffInput): Prepared[] {
  return input.riskFactors.map((f, index) => {
    const body = tokenize(f.text);
    const headingTokens = tokenize(f.heading);
    return {
      index,
      heading: f.heading,
      category: f.category,
      text: f.text,
      headingKey: normalizeForMatch(headingTokens.norm.join(' ')),
      headingTokens,
      body,
      bodyKey: body.norm.join(' '),
    };
  });
}

/**
 * Pairs the factors of two versions, one to one: identical factors first, then the same
 * heading (reworded body), then the most similar bodies (reworded heading), so that an edit
 * is one `modified` change rather than an `added` plus a `removed`. Duplicated headings pair
 * in order of appearance.
 */
export function matchFactors(
  a: Prepared[],
  b: Prepared[],
): { pairs: Pair[]; removed: Prepared[]; added: Prepared[] } {
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const pairs: Pair[] = [];
  const byKey = (key: (p: Prepared) => string, via: Pair['via']) => {
    const queue = new Map<string, Prepared[]>();
    for (const p of a) {
      if (usedA.has(p.index)) continue;
      const k = key(p);
      const q = queue.get(k);
      if (q) q.push(p);
      else queue.set(k, [p]);
    }
    for (const p of b) {
      if (usedB.has(p.index)) continue;
      const q = queue.get(key(p));
      const match = q?.shift();
      if (!match) continue;
      usedA.add(match.index);
      usedB.add(p.index);
      pairs.push({ old: match, new: p, via });
    }
  };
  byKey((p) => `${p.headingKey}\u0000${p.bodyKey}`, 'identical');
  byKey((p) => p.headingKey, 'heading');

  const restA = a.filter((p) => !usedA.has(p.index));
  const restB = b.filter((p) => !usedB.has(p.index));
  if (restA.length > 0 && restB.length > 0) {
    const shA = restA.map((p) => shingles(p.body.norm));
    const shB = restB.map((p) => shingles(p.body.norm));
    const hA = restA.map((p) => shingles(p.headingTokens.norm.map((w) => w.toLowerCase())));
    const hB = restB.map((p) => shingles(p.headingTokens.norm.map((w) => w.toLowerCase())));
    const candidates: { i: number; j: number; s: number }[] = [];
    restA.forEach((pa, i) => {
      restB.forEach((pb, j) => {
        // A reworded heading keeps its body; a reworded short factor keeps its heading's words.
        const short = pa.body.norm.length < 20 || pb.body.norm.length < 20;
        const body = jaccard(shA[i]!, shB[j]!);
        const heading = jaccard(hA[i]!, hB[j]!);
        const s = Math.max(
          body >= (short ? SIMILAR_SHORT_BODY : SIMILAR_BODY) ? body : 0,
          heading >= SIMILAR_HEADING ? heading : 0,
        );
        if (s > 0) candidates.push({ i, j, s });
      });
    });
    candidates.sort((x, y) => y.s - x.s || x.i - y.i || x.j - y.j);
    for (const { i, j } of candidates) {
      const pa = restA[i]!;
      const pb = restB[j]!;
      if (usedA.has(pa.index) || usedB.has(pb.index)) continue;
      usedA.add(pa.index);
      usedB.add(pb.index);
      pairs.push({ old: pa, new: pb, via: 'similar' });
    }
  }
  pairs.sort((x, y) => x.old.index - y.old.index);
  return {
    pairs,
    removed: a.filter((p) => !usedA.has(p.index)),
    added: b.filter((p) => !usedB.has(p.index)),
  };
}
