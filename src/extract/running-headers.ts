import type { HeadingCandidate } from './heading-candidates.js';
import { ABBREVIATION_END, CATEGORY_WORDS } from './heading-shapes.js';
import { normalizeForMatch, wordCount } from '../text/normalize.js';

/** "Risk Factors (continued)", "Item 1A. Risk Factors (contd.)": a running header after a page break. */
const CONTINUED = /[(\-–—,]\s*(continued|cont['’]?d\.?|cont\.)\s*\)?\.?$/i;

/** A running header is a short label: a few words and no sentence punctuation. */
function isRunningHeaderShape(text: string): boolean {
  return wordCount(text) <= 6 && !/[.!?;:]$/.test(text.replace(ABBREVIATION_END, ''));
}

/**
 * Sets aside the heading-styled lines that are running headers: a short line that recurs in the
 * section (the company name, "Risk Factors (continued)") introduces nothing, so it is never a
 * heading. This is page furniture the document-wide count missed; its blocks are left out of
 * every text, so a page break that moves never reads as an edit. A recurring line worded as a
 * category is a real heading repeated, and stays.
 *
 * @returns the candidates that remain, in order, and the block indexes of the running headers.
 */
export function setAsideRunningHeaders(full: HeadingCandidate[]): {
  headings: HeadingCandidate[];
  runningHeaders: Set<number>;
} {
  const seenText = new Map<string, number>();
  for (const c of full)
    if (isRunningHeaderShape(c.text))
      seenText.set(normalizeForMatch(c.text), (seenText.get(normalizeForMatch(c.text)) ?? 0) + 1);
  const isRunningHeader = (t: string) =>
    CONTINUED.test(t) ||
    (isRunningHeaderShape(t) &&
      (seenText.get(normalizeForMatch(t)) ?? 0) >= 2 &&
      !CATEGORY_WORDS.test(t));
  const runningHeaders = new Set<number>();
  const headings: HeadingCandidate[] = [];
  for (const c of full) {
    if (isRunningHeader(c.text)) runningHeaders.add(c.block.index);
    else headings.push(c);
  }
  return { headings, runningHeaders };
}
