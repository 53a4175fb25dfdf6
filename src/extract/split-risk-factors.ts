import type { Block } from './blocks.js';
import { assembleFactors, type SplitFactor } from './assemble-factors.js';
import { chooseCategoryStyle } from './category-style.js';
import { chooseFactorStyle } from './factor-style.js';
import { compatible, findCandidates } from './heading-candidates.js';
import { mapHeadings } from './heading-map.js';
import { setAsideLeadingHeadings } from './leading-headings.js';
import { setAsideRunningHeaders } from './running-headers.js';
import { findSummary } from './summary-region.js';
import type { CategoryIntro, RiskSummary } from './types.js';

// The factor type lives with the step that builds factors; its importers keep reading it here.
export type { SplitFactor } from './assemble-factors.js';

export interface SplitResult {
  categories: string[];
  factors: SplitFactor[];
  /** Paragraphs before the first category or factor heading (sub-headings that introduce no risk included). */
  preamble: string[];
  /** Introductions set like headings ("YOU SHOULD CAREFULLY CONSIDER ...:") read as preamble, not as factors. */
  headingLikeIntroductions: string[];
  summary: RiskSummary | null;
  categoryIntros: CategoryIntro[];
  warnings: string[];
}

/**
 * Splits the section's blocks into categories and risk factors by reading the styles the
 * filer used: categories are the short "Risks related to ..." headings, risk factors the most
 * common heading style after them (bold and/or italic sentences, or italic run-in titles).
 * Styles used by fewer blocks (italic sub-points, bold lead-ins inside bullet lists) stay body text.
 *
 * The steps: find the summary list and the heading candidates; set aside running headers and
 * the leading headings that introduce no risk; choose the category style, then the factor style;
 * map each heading to its level; walk the blocks, giving each its place.
 */
export function splitRiskFactors(blocks: Block[]): SplitResult {
  const summary = findSummary(blocks);
  const inSummary = (i: number) => summary !== null && i >= summary.start && i < summary.end;
  const candidates = findCandidates(blocks, inSummary);
  const { headings, runningHeaders } = setAsideRunningHeaders(candidates.full);
  const { full, runIn, leading, introductions } = setAsideLeadingHeadings(
    headings,
    candidates.runIn,
  );
  const categoryStyle = chooseCategoryStyle(full);
  const factorStyle = chooseFactorStyle(blocks, full, runIn, categoryStyle);
  const headingAt = mapHeadings(blocks, full, categoryStyle, factorStyle);
  const section = assembleFactors(blocks, { summary, runningHeaders, headingAt, leading });
  const factorSig = factorStyle.signature;
  return {
    categories: section.categories,
    factors: section.factors,
    preamble: section.preamble,
    // Only an introduction set exactly like the factors could have been one (an italic note above bold factors could not).
    headingLikeIntroductions: introductions
      .filter((c) => factorSig !== null && compatible(c.signature, factorSig))
      .map((c) => c.text),
    summary: summary ? { categories: summary.categories, items: summary.items } : null,
    categoryIntros: section.intros.filter((x) => x.text !== ''),
    warnings: warnAboutEmptyFactors(section.factors),
  };
}

/** A factor heading with no body text is worth a reader's look: a heading may have been misread. */
function warnAboutEmptyFactors(factors: SplitFactor[]): string[] {
  return factors
    .filter((f) => f.paragraphs.length === 0)
    .map((f) => `risk factor "${f.heading.slice(0, 60)}" has no body text`);
}
