import type { Block } from './blocks.js';
import { isStrongCategory, type CategoryStyle } from './category-style.js';
import type { FactorStyle } from './factor-style.js';
import { compatible, type HeadingCandidate } from './heading-candidates.js';
import { CATEGORY_WORDS } from './heading-shapes.js';
import { dropLeadingLabels, labelCategories, type HeadingMap } from './label-headings.js';

/**
 * Adds a second level of categories in a style of its own ("RISKS RELATED TO OUR BUSINESS" over
 * "Risks Related to Regulation"): a style whose every heading is worded unmistakably as a
 * category. Each opens the factors after it; a factor's category is the nearest above it.
 */
function addSecondLevelCategories(
  full: HeadingCandidate[],
  categories: CategoryStyle,
  factorSig: string | null,
  headingAt: HeadingMap,
): void {
  const others = new Map<string, HeadingCandidate[]>();
  for (const c of full) {
    if (c.signature === categories.signature || headingAt.has(c.block.index)) continue;
    const list = others.get(c.signature) ?? [];
    list.push(c);
    others.set(c.signature, list);
  }
  for (const [sig, list] of others) {
    if (factorSig && compatible(sig, factorSig)) continue;
    if (list.every((c) => categories.isPhrase(c) && isStrongCategory(c.text)))
      for (const c of list) headingAt.set(c.block.index, { kind: 'category', c });
  }
}

/**
 * When no factor style was found yet some "categories" are not worded as categories, the filer
 * set its factors like its categories (a single category and a single Title-Case factor, both
 * bold): a heading that introduces a risk is a factor; only the ones worded as categories stay so.
 */
function demoteUnwordedCategories(headingAt: HeadingMap): void {
  if ([...headingAt.values()].some((h) => h.kind === 'factor')) return;
  for (const [at, h] of headingAt)
    if (!CATEGORY_WORDS.test(h.c.text)) headingAt.set(at, { kind: 'factor', c: h.c });
}

/**
 * Decides which blocks are category headings and which factor headings, from the two chosen
 * styles; then, where no category was found, short labels that each open factors become
 * categories, and a leading label over sentence headings leaves the headings (label-headings.ts).
 */
export function mapHeadings(
  blocks: Block[],
  full: HeadingCandidate[],
  categories: CategoryStyle,
  factors: FactorStyle,
): HeadingMap {
  const headingAt: HeadingMap = new Map();
  for (const c of full)
    if (categories.signature && categories.isCategory(c))
      headingAt.set(c.block.index, { kind: 'category', c });
  const factorSig = factors.signature;
  if (factorSig)
    for (const c of factors.pool)
      if (compatible(c.signature, factorSig) && !headingAt.has(c.block.index))
        headingAt.set(c.block.index, { kind: 'factor', c });
  if (categories.signature) addSecondLevelCategories(full, categories, factorSig, headingAt);
  demoteUnwordedCategories(headingAt);
  if (![...headingAt.values()].some((h) => h.kind === 'category'))
    labelCategories(full, blocks, headingAt);
  dropLeadingLabels(headingAt);
  return headingAt;
}
