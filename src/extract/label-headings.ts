import type { HeadingCandidate } from './heading-candidates.js';
import type { Block } from './blocks.js';
import { ABBREVIATION_END } from './heading-shapes.js';
import { wordCount } from '../text/normalize.js';

// Headings that are short labels rather than risks stated as sentences: as categories when
// each opens factors, as preamble when one opens a section of sentence headings.

/** Where each heading of the section is, and what it is. */
export type HeadingMap = Map<number, { kind: 'category' | 'factor'; c: HeadingCandidate }>;

/** A short label ("Business Environment"): a few words, no sentence punctuation. */
function isLabel(text: string): boolean {
  return wordCount(text) <= 6 && !/[.!?:;]["”’)]?$/.test(text.replace(ABBREVIATION_END, ''));
}

/** A risk stated as a sentence ("Changes in interest rates could reduce our income."), or a long title. */
export function isSentenceLike(text: string): boolean {
  return /[.!?]["”’)]?$/.test(text.replace(ABBREVIATION_END, '')) || wordCount(text) >= 10;
}

/** Body paragraphs a category may hold before its first factor (its introduction). */
const CATEGORY_INTRO_BLOCKS = 2;

/**
 * Categories not worded as risks ("Supply and Demand", "Credit", "Regulatory"): short labels in a
 * style of their own, each opening factors (the next heading after at most a short introduction
 * is a risk factor). Taken only when a style's labels all do so and there are two or more: a
 * label inside a factor's body is followed by more of that body.
 */
export function labelCategories(
  full: HeadingCandidate[],
  blocks: Block[],
  headingAt: HeadingMap,
): void {
  const candidateAt = new Set(full.map((c) => c.block.index));
  const position = new Map(blocks.map((b, i) => [b.index, i]));
  const opensFactors = (c: HeadingCandidate): boolean => {
    const from = position.get(c.block.index)!;
    for (let i = from + 1; i < blocks.length && i <= from + 1 + CATEGORY_INTRO_BLOCKS; i++) {
      const at = blocks[i]!.index;
      if (headingAt.has(at)) return headingAt.get(at)!.kind === 'factor';
      if (candidateAt.has(at)) return false;
    }
    return false;
  };
  const byStyle = new Map<string, HeadingCandidate[]>();
  for (const c of full) {
    if (headingAt.has(c.block.index)) continue;
    const list = byStyle.get(c.signature) ?? [];
    list.push(c);
    byStyle.set(c.signature, list);
  }
  for (const list of byStyle.values()) {
    if (list.length < 2 || !list.every((c) => isLabel(c.text) && opensFactors(c))) continue;
    for (const c of list) headingAt.set(c.block.index, { kind: 'category', c });
  }
}

/** Share of factor headings that must be sentences before a leading label counts as no risk. */
const SENTENCE_SHARE = 0.8;

/**
 * A label styled like the factor headings that opens the section ("Business Environment"), where
 * the filer states every risk as a sentence, introduces the section and no risk: it leaves the
 * headings (and its text becomes preamble). Sections whose factors are themselves short topic
 * labels (many 20-Fs, older prospectuses) keep them.
 */
export function dropLeadingLabels(headingAt: HeadingMap): void {
  const ordered = [...headingAt.entries()].sort((a, b) => a[0] - b[0]);
  let lead = 0;
  while (
    lead < ordered.length &&
    ordered[lead]![1].kind === 'factor' &&
    ordered[lead]![1].c.runInBody === null &&
    isLabel(ordered[lead]![1].c.text)
  )
    lead++;
  if (lead === 0) return;
  const rest = ordered.slice(lead).filter(([, h]) => h.kind === 'factor');
  if (rest.length < 3) return;
  const sentences = rest.filter(([, h]) => isSentenceLike(h.c.text)).length;
  if (sentences < rest.length * SENTENCE_SHARE) return;
  for (const [at] of ordered.slice(0, lead)) headingAt.delete(at);
}
