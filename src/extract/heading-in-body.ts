import type { SplitFactor } from './split-risk-factors.js';
import { words, wordCount } from '../text/normalize.js';

// A risk-factor heading printed in body style (no bold, no italic: the filer's style sheet lost
// it) is read as a paragraph of the factor before it, and nothing in the layout says so. The
// words do: a heading states a risk in one sentence, and the text under it is about that risk.
// So a one-sentence paragraph shaped like the section's headings, after which the factor's text
// takes up the paragraph's subject and drops the heading's, is probably a heading missed.

/** Fewer factors give no fair picture of the headings' length or of which words are common. */
const MIN_FACTORS = 5;
/** The share of the headings' lengths a candidate must fall within (10th to 90th percentile). */
const LENGTH_PERCENTILE = 0.1;
/** At least this share of the paragraph's (weighted) words recur in the text after it ... */
const CARRIED = 0.5;
/** ... while at most this share of the heading's do, and of the text after, the text before. */
const DROPPED = 0.25;

/** One sentence: a capital first, a full stop last, and no full stop followed by a capital between. */
const ONE_SENTENCE = /^[A-Z][\s\S]*[.]["”’)]?$/;
const SENTENCE_BREAK = /[.!?]["”’)]?\s+["“‘(]?[A-Z]/;

/** Words that carry a subject: letters only, three or more, lower-cased. */
function subjectWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of words(text.toLowerCase())) {
    const letters = w.replace(/[^a-z]/g, '');
    if (letters.length >= 3) out.add(letters);
  }
  return out;
}

/**
 * How much each word says about one factor rather than the section: the log of how rare it is
 * among the factors (a word in every factor, "the" or the issuer's name, weighs nothing).
 */
function rarity(factors: SplitFactor[]): Map<string, number> {
  const seenIn = new Map<string, number>();
  for (const f of factors)
    for (const w of subjectWords(`${f.heading} ${f.paragraphs.join(' ')}`))
      seenIn.set(w, (seenIn.get(w) ?? 0) + 1);
  const out = new Map<string, number>();
  for (const [w, n] of seenIn) out.set(w, Math.log(factors.length / n));
  return out;
}

/** The share of `text`'s word weight that `other` repeats (0 when `text` says nothing rare). */
function carriedInto(text: Set<string>, other: Set<string>, weight: Map<string, number>): number {
  let all = 0;
  let shared = 0;
  for (const w of text) {
    const x = weight.get(w) ?? 0;
    all += x;
    if (other.has(w)) shared += x;
  }
  return all === 0 ? 0 : shared / all;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

/**
 * The first paragraph inside a factor's body that reads as a heading of its own, or null. Pure;
 * it reads only the split's headings and paragraphs.
 */
export function headingInBody(factors: SplitFactor[]): string | null {
  if (factors.length < MIN_FACTORS) return null;
  const lengths = factors.map((f) => wordCount(f.heading)).sort((a, b) => a - b);
  const shortest = percentile(lengths, LENGTH_PERCENTILE);
  const longest = percentile(lengths, 1 - LENGTH_PERCENTILE);
  const weight = rarity(factors);
  for (const f of factors) {
    // The last paragraph has no text after it to take up its subject.
    for (let j = 0; j < f.paragraphs.length - 1; j++) {
      const p = f.paragraphs[j]!;
      const n = wordCount(p);
      if (n < shortest || n > longest || !ONE_SENTENCE.test(p) || SENTENCE_BREAK.test(p)) continue;
      const own = subjectWords(p);
      const after = subjectWords(f.paragraphs.slice(j + 1).join(' '));
      const before = subjectWords([f.heading, ...f.paragraphs.slice(0, j)].join(' '));
      if (
        carriedInto(own, after, weight) >= CARRIED &&
        carriedInto(subjectWords(f.heading), after, weight) <= DROPPED &&
        carriedInto(after, before, weight) <= DROPPED
      )
        return p;
    }
  }
  return null;
}
