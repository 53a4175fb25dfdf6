import { blockWords } from './blocks.js';
import type { HeadingCandidate } from './heading-candidates.js';
import { ABBREVIATION_END, CATEGORY_WORDS } from './heading-shapes.js';

/** Wording only a category heading has: "Risks related to ...", "General risk factors". */
const STRONG_CATEGORY =
  /^((risks?|risk factors)\s+(related|relating|associated|specific|pertaining|regarding|concerning|affecting|inherent|arising|applicable|in connection)\b|general risks?( factors)?$|other risks?( factors)?$)/i;

/** A heading worded unmistakably as a category, a final period allowed. */
export function isStrongCategory(text: string): boolean {
  return STRONG_CATEGORY.test(text.replace(/\.$/, ''));
}

/** How the filer sets its category headings ("Risks related to ..."). */
export interface CategoryStyle {
  /** The style (heading signature) of the categories; null when no style reads like them. */
  signature: string | null;
  /** A short phrase, not a sentence or a run-in title: the shape of any category heading. */
  isPhrase(c: HeadingCandidate): boolean;
  /** A heading of the category style that reads as a category. */
  isCategory(c: HeadingCandidate): boolean;
}

/**
 * Chooses the style shared by most "Risks related to ..." headings. Styles are ranked by the
 * share of their headings that read like categories, so a factor heading that happens to end in
 * "Risks" (Amazon's Title-Case headings) does not make its style a category. When most headings
 * of that style read like categories, the style marks categories; when few do (the filer styles
 * categories like factors, or has no categories and one factor heading ends in "Risks"), only
 * headings worded unmistakably as categories are taken as such.
 */
export function chooseCategoryStyle(full: HeadingCandidate[]): CategoryStyle {
  const catVotes = new Map<string, { yes: number; all: number }>();
  for (const c of full) {
    const v = catVotes.get(c.signature) ?? { yes: 0, all: 0 };
    v.all++;
    if (CATEGORY_WORDS.test(c.text) && blockWords(c.block) <= 20) v.yes++;
    catVotes.set(c.signature, v);
  }
  const best = [...catVotes.entries()]
    .filter(([, v]) => v.yes > 0)
    .sort((a, b) => b[1].yes / b[1].all - a[1].yes / a[1].all || b[1].yes - a[1].yes)[0];
  const signature = best?.[0] ?? null;
  const styleMarksCategories = best !== undefined && best[1].yes / best[1].all >= 0.5;
  const isPhrase = (c: HeadingCandidate) =>
    c.runInBody === null &&
    blockWords(c.block) <= 20 &&
    // A category is a phrase, not a sentence ("... Kyndryl Holdings, Inc." ends in an abbreviation,
    // not a full stop); a heading worded unmistakably as a category stays one with a final period.
    (!/[.!?]$/.test(c.text.replace(/\s*\(.*\)$/, '').replace(ABBREVIATION_END, '')) ||
      isStrongCategory(c.text));
  const isCategory = (c: HeadingCandidate) =>
    c.signature === signature &&
    isPhrase(c) &&
    (styleMarksCategories || STRONG_CATEGORY.test(c.text));
  return { signature, isPhrase, isCategory };
}
