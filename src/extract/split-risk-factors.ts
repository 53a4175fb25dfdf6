import { blockWords, type Block } from './blocks.js';
import { compatible, findCandidates, type HeadingCandidate } from './heading-candidates.js';
import { ABBREVIATION_END, CATEGORY_WORDS, SUMMARY_HEADING } from './heading-shapes.js';
import { dropLeadingLabels, labelCategories, type HeadingMap } from './label-headings.js';
import { findSummary } from './summary-region.js';
import { normalizeForMatch, stripBullet, wordCount } from '../text/normalize.js';
import type { CategoryIntro, RiskSummary } from './types.js';

export interface SplitFactor {
  category: string | null;
  heading: string;
  paragraphs: string[];
  wordCount: number;
}

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

const STRONG_CATEGORY =
  /^((risks?|risk factors)\s+(related|relating|associated|specific|pertaining|regarding|concerning|affecting|inherent|arising|applicable|in connection)\b|general risks?( factors)?$|other risks?( factors)?$)/i;
/**
 * Headings that introduce no risk: a repeated section title, a note on forward-looking
 * statements, "General". Before the first risk factor they are section preamble (compared
 * after `normalizeForMatch`).
 */
const NON_RISK_HEADING =
  /^(item\s*1\s*[.(]?\s*a\b.*|(item\s*3\s*[.:-]?\s*)?(key information\s*[.:-]?\s*)?(d\s*[.:)-]?\s*)?risk factors|general|in general|overview|introduction|(special |cautionary |important )?(note|notes|statement|statements|information) (regarding|concerning|about|on|with respect to|relating to) forward-looking (statements|information)|forward-looking (statements|information)|cautionary (note|statement|language)s?|important (note|notice|information)|summary|.*\bforward-looking\b.*|(certain )?(important )?factors (that|which) (may|could|might) affect (our )?(future (operating )?results|forward-looking statements|our business))$/;

/**
 * An introduction set like the headings after it (older prospectuses print it in capitals: "IN
 * ADDITION TO THE OTHER INFORMATION ..., YOU SHOULD CAREFULLY CONSIDER THE FOLLOWING RISK FACTORS
 * ...:"): it sends the reader to the risks below and states none. Taken as such only before the
 * first risk, and only when it ends in a colon or is longer than a heading.
 */
const INTRODUCTION = new RegExp(
  '\\b(carefully consider|consider carefully|should (also )?consider|in evaluating|before (deciding|investing|purchasing|buying|making)|' +
    'the following (risk factors|risks|factors)|(risks|factors) (described|set forth) below)\\b',
  'i',
);
const INTRODUCTION_WORDS = 25;

function isIntroduction(text: string): boolean {
  return INTRODUCTION.test(text) && (/:$/.test(text) || wordCount(text) >= INTRODUCTION_WORDS);
}

/** "Risk Factors (continued)", "Item 1A. Risk Factors (contd.)": a running header after a page break. */
const CONTINUED = /[(\-–—,]\s*(continued|cont['’]?d\.?|cont\.)\s*\)?\.?$/i;

/** A running header is a short label: a few words and no sentence punctuation. */
function isRunningHeaderShape(text: string): boolean {
  return wordCount(text) <= 6 && !/[.!?;:]$/.test(text.replace(ABBREVIATION_END, ''));
}

/**
 * Splits the section's blocks into categories and risk factors by reading the styles the
 * filer used: categories are the short "Risks related to ..." headings, risk factors the most
 * common heading style after them (bold and/or italic sentences, or italic run-in titles).
 * Styles used by fewer blocks (italic sub-points, bold lead-ins inside bullet lists) stay body text.
 */
export function splitRiskFactors(blocks: Block[]): SplitResult {
  const warnings: string[] = [];
  const summaryRegion = findSummary(blocks);
  const inSummary = (i: number) =>
    summaryRegion !== null && i >= summaryRegion.start && i < summaryRegion.end;

  const { full, runIn } = findCandidates(blocks, inSummary);
  // A short heading-styled line that recurs in the section (a running header such as the company
  // name or "Risk Factors (continued)") introduces nothing: it is never a heading.
  const seenText = new Map<string, number>();
  for (const c of full)
    if (isRunningHeaderShape(c.text))
      seenText.set(normalizeForMatch(c.text), (seenText.get(normalizeForMatch(c.text)) ?? 0) + 1);
  // Page furniture the document-wide count missed: left out of every text, so a page break that
  // moves never reads as an edit.
  const runningHeaders = new Set<number>();
  for (let k = full.length - 1; k >= 0; k--) {
    const t = full[k]!.text;
    if (
      CONTINUED.test(t) ||
      (isRunningHeaderShape(t) &&
        (seenText.get(normalizeForMatch(t)) ?? 0) >= 2 &&
        !CATEGORY_WORDS.test(t))
    ) {
      runningHeaders.add(full[k]!.block.index);
      full.splice(k, 1);
    }
  }

  // Headings before the first one that can introduce a risk (a repeated title, a note on
  // forward-looking statements, "General") are preamble: they take part in no vote.
  let lead = 0;
  const introducesNoRisk = (text: string) =>
    NON_RISK_HEADING.test(normalizeForMatch(text)) || isIntroduction(text);
  while (lead < full.length && introducesNoRisk(full[lead]!.text)) lead++;
  const leading = new Set(full.slice(0, lead).map((c) => c.block.index));
  const introductions = full
    .slice(0, lead)
    .filter((c) => isIntroduction(c.text) && !NON_RISK_HEADING.test(normalizeForMatch(c.text)));
  full.splice(0, lead);
  const firstHeadingAt = Math.min(
    full[0]?.block.index ?? Infinity,
    runIn[0]?.block.index ?? Infinity,
  );
  while (
    runIn.length > 0 &&
    runIn[0]!.block.index < firstHeadingAt &&
    NON_RISK_HEADING.test(normalizeForMatch(runIn[0]!.text))
  )
    runIn.shift();

  // Categories: the style shared by most "Risks related to ..." headings.
  // Ranked by the share of a style's headings that read like categories, so a factor heading
  // that happens to end in "Risks" (Amazon's Title-Case headings) does not make its style a category.
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
  const catSig = best?.[0] ?? null;
  // When most headings of that style read like categories, the style marks categories; when few
  // do (the filer styles categories like factors, or has no categories and one factor heading
  // ends in "Risks"), only headings worded unmistakably as categories are taken as such.
  const styleMarksCategories = best !== undefined && best[1].yes / best[1].all >= 0.5;
  const isCategoryPhrase = (c: HeadingCandidate) =>
    c.runInBody === null &&
    blockWords(c.block) <= 20 &&
    // A category is a phrase, not a sentence ("... Kyndryl Holdings, Inc." ends in an abbreviation,
    // not a full stop); a heading worded unmistakably as a category stays one with a final period.
    (!/[.!?]$/.test(c.text.replace(/\s*\(.*\)$/, '').replace(ABBREVIATION_END, '')) ||
      STRONG_CATEGORY.test(c.text.replace(/\.$/, '')));
  const isCategory = (c: HeadingCandidate) =>
    c.signature === catSig &&
    isCategoryPhrase(c) &&
    (styleMarksCategories || STRONG_CATEGORY.test(c.text));

  // A category heading opens its factors: an emphasised block before the first category (an
  // italic introduction, a bold note) introduces the section, not a risk.
  const firstCategoryAt = catSig ? (full.find((c) => isCategory(c))?.block.index ?? -1) : -1;
  const factorPool =
    firstCategoryAt >= 0
      ? full.filter((c) => c.block.index > firstCategoryAt || isCategory(c))
      : full;

  // Risk-factor headings: the most common remaining full-block style; run-in titles when the
  // filer uses no block headings at all (IBM), three or more of one style (fewer are bold
  // lead-ins of body paragraphs) or two where no block heading names a risk (a short
  // typewritten section with two run-in risks; one bold opening phrase is not a list of risks). On a tie (a section with one factor), the style
  // whose headings are followed by body text wins: a heading introduces text.
  const rfVotes = new Map<string, { n: number; withBody: number }>();
  const candidateAt = new Set(full.map((c) => c.block.index));
  const position = new Map(blocks.map((b, i) => [b.index, i]));
  for (const c of factorPool) {
    if (isCategory(c)) continue;
    const v = rfVotes.get(c.signature) ?? { n: 0, withBody: 0 };
    v.n++;
    const next = blocks[position.get(c.block.index)! + 1];
    if (next && !candidateAt.has(next.index)) v.withBody++;
    rfVotes.set(c.signature, v);
  }
  let rfSig =
    [...rfVotes.entries()].sort(
      (a, b) => b[1].n - a[1].n || b[1].withBody - a[1].withBody,
    )[0]?.[0] ?? null;
  const rfCount = rfSig ? rfVotes.get(rfSig)!.n : 0;
  let pool = factorPool;
  const runInVotes = new Map<string, number>();
  for (const c of runIn) runInVotes.set(c.signature, (runInVotes.get(c.signature) ?? 0) + 1);
  const bestRunIn = [...runInVotes.entries()].sort((a, b) => b[1] - a[1])[0];
  if (
    bestRunIn &&
    bestRunIn[1] > rfCount * 2 &&
    (bestRunIn[1] >= 3 || (rfCount === 0 && bestRunIn[1] >= 2))
  ) {
    rfSig = bestRunIn[0];
    pool = runIn;
  }

  const headingAt: HeadingMap = new Map();
  for (const c of full)
    if (catSig && isCategory(c)) headingAt.set(c.block.index, { kind: 'category', c });
  if (rfSig)
    for (const c of pool)
      if (compatible(c.signature, rfSig) && !headingAt.has(c.block.index))
        headingAt.set(c.block.index, { kind: 'factor', c });
  // A second level of categories in a style of its own ("RISKS RELATED TO OUR BUSINESS" over
  // "Risks Related to Regulation"): a style whose every heading is worded unmistakably as a
  // category. Each opens the factors after it; a factor's category is the nearest above it.
  if (catSig) {
    const others = new Map<string, HeadingCandidate[]>();
    for (const c of full) {
      if (c.signature === catSig || headingAt.has(c.block.index)) continue;
      const list = others.get(c.signature) ?? [];
      list.push(c);
      others.set(c.signature, list);
    }
    for (const [sig, list] of others) {
      if (rfSig && compatible(sig, rfSig)) continue;
      if (list.every((c) => isCategoryPhrase(c) && STRONG_CATEGORY.test(c.text.replace(/\.$/, ''))))
        for (const c of list) headingAt.set(c.block.index, { kind: 'category', c });
    }
  }

  // No factor style found, yet some "categories" are not worded as categories: the filer set its
  // factors like its categories (a single category and a single Title-Case factor, both bold).
  // A heading that introduces a risk is a factor; only the ones worded as categories stay so.
  if (![...headingAt.values()].some((h) => h.kind === 'factor')) {
    for (const [at, h] of headingAt)
      if (!CATEGORY_WORDS.test(h.c.text)) headingAt.set(at, { kind: 'factor', c: h.c });
  }

  if (![...headingAt.values()].some((h) => h.kind === 'category'))
    labelCategories(full, blocks, headingAt);
  dropLeadingLabels(headingAt);

  const categories: string[] = [];
  const factors: SplitFactor[] = [];
  const preamble: string[] = [];
  const intros: CategoryIntro[] = [];
  const summaryItems = new Set<number>();
  let category: string | null = null;
  let intro: CategoryIntro | null = null;
  let current: SplitFactor | null = null;
  let lastWasHeading = false;
  let seenHeading = false;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (inSummary(i)) {
      if (summaryRegion!.taken.has(i)) summaryItems.add(i);
      else if (!seenHeading && !summaryRegion!.dropped.has(i)) preamble.push(stripBullet(b.text));
      continue;
    }
    if (runningHeaders.has(b.index)) continue;
    const h = headingAt.get(b.index);
    if (h?.kind === 'category') {
      category = h.c.text;
      if (!categories.includes(category)) categories.push(category);
      current = null;
      intro = { category, text: '' };
      intros.push(intro);
      lastWasHeading = false;
      seenHeading = true;
      continue;
    }
    if (h?.kind === 'factor') {
      seenHeading = true;
      intro = null;
      // A heading split over two blocks ("...could harm" / "our business.") is one heading.
      if (
        current &&
        lastWasHeading &&
        current.paragraphs.length === 0 &&
        /^[a-z(]/.test(h.c.text)
      ) {
        current.heading = `${current.heading} ${h.c.text}`;
      } else {
        current = { category, heading: h.c.text, paragraphs: [], wordCount: 0 };
        factors.push(current);
      }
      if (h.c.runInBody) {
        current.paragraphs.push(h.c.runInBody);
        current.wordCount += wordCount(h.c.runInBody);
      }
      lastWasHeading = h.c.runInBody === null;
      continue;
    }
    lastWasHeading = false;
    if (current) {
      current.paragraphs.push(stripBullet(b.text));
      current.wordCount += blockWords(b);
    } else if (intro) {
      intro.text = intro.text ? `${intro.text}\n\n${stripBullet(b.text)}` : stripBullet(b.text);
    } else if (!seenHeading) {
      // Text before the first heading, leading sub-headings that introduce no risk among it.
      if (leading.has(b.index) || !SUMMARY_HEADING.test(b.text)) preamble.push(stripBullet(b.text));
    }
  }
  for (const f of factors)
    if (f.paragraphs.length === 0)
      warnings.push(`risk factor "${f.heading.slice(0, 60)}" has no body text`);
  return {
    categories,
    factors,
    preamble,
    // Only an introduction set exactly like the factors could have been one (an italic note above bold factors could not).
    headingLikeIntroductions: introductions
      .filter((c) => rfSig !== null && compatible(c.signature, rfSig))
      .map((c) => c.text),
    summary: summaryRegion
      ? { categories: summaryRegion.categories, items: summaryRegion.items }
      : null,
    categoryIntros: intros.filter((x) => x.text !== ''),
    warnings,
  };
}
