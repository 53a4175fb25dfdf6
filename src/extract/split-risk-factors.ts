import { blockWords, emphasisOf, type Block } from './blocks.js';
import { BULLET_START, CATEGORY_WORDS, isFullyEmphasised, SUMMARY_HEADING } from './heading-shapes.js';
import { findSummary } from './summary-region.js';
import { normalizeForMatch, stripBullet, wordCount } from '../text/normalize.js';
import type { CategoryIntro, RiskSummary } from './types.js';

/** A heading-shaped block inside the section, before we know its level. */
export interface HeadingCandidate {
  block: Block;
  text: string;
  /** Body text that follows a run-in heading inside the same block. */
  runInBody: string | null;
  signature: string;
}

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
  summary: RiskSummary | null;
  categoryIntros: CategoryIntro[];
  warnings: string[];
}

const STRONG_CATEGORY = /^((risks?|risk factors)\s+(related|relating|associated|specific|pertaining|regarding|concerning|affecting|inherent|arising|applicable|in connection)\b|general risks?( factors)?$|other risks?( factors)?$)/i;
const ABBREVIATION_END = /\b(Inc|Corp|Co|Ltd|LLC|L\.P|N\.V|S\.A|plc|U\.S)\.$/i;
/**
 * Headings that introduce no risk: a repeated section title, a note on forward-looking
 * statements, "General". Before the first risk factor they are section preamble (compared
 * after `normalizeForMatch`).
 */
const NON_RISK_HEADING =
  /^(item\s*1\s*[.(]?\s*a\b.*|(item\s*3\s*[.:-]?\s*)?(key information\s*[.:-]?\s*)?(d\s*[.:)-]?\s*)?risk factors|general|in general|overview|introduction|(special |cautionary |important )?(note|notes|statement|statements|information) (regarding|concerning|about|on|with respect to|relating to) forward-looking (statements|information)|forward-looking (statements|information)|cautionary (note|statement|language)s?|important (note|notice|information)|summary|.*\bforward-looking\b.*|(certain )?(important )?factors (that|which) (may|could|might) affect (our )?(future (operating )?results|forward-looking statements|our business))$/;

/** "Risk Factors (continued)", "Item 1A. Risk Factors (contd.)": a running header after a page break. */
const CONTINUED = /[(\-–—,]\s*(continued|cont['’]?d\.?|cont\.)\s*\)?\.?$/i;

/** A running header is a short label: a few words and no sentence punctuation. */
function isRunningHeaderShape(text: string): boolean {
  return wordCount(text) <= 6 && !/[.!?;:]$/.test(text.replace(ABBREVIATION_END, ''));
}

/**
 * Style identity of a heading: its emphasis, case, centring, colour, then size (after "|").
 * Emphasis counts from 60% of the text, so a bold-italic heading with a roman company name
 * in it still reads as bold-italic.
 */
function signatureOf(b: Block, text: string): string {
  const e = emphasisOf(b, 0.6);
  const caps = text === text.toUpperCase() && /[A-Z]/.test(text) ? 'C' : 'c';
  return `${e.bold ? 'B' : '-'}${e.italic ? 'I' : '-'}${e.underline ? 'U' : '-'}${caps}${b.center ? 'M' : '-'}${b.color}|${Math.round(b.fontSize)}`;
}

/** "1.", "(2)", "3)", "A.", "IV." before a heading: a number of place, not of wording. */
const HEADING_NUMBER = /^(\(?\d{1,3}[.)]|\(\d{1,3}\)|\(?[A-Z][.)]|[IVX]{1,4}\.)\s+(?=\S)/;

/**
 * A heading without its number: a factor inserted above renumbers every one after it, and a
 * renumbering is not a change (plain-text headings lose theirs the same way).
 */
function withoutNumber(text: string): string {
  return text.replace(HEADING_NUMBER, '');
}

/** Punctuation that closes a run-in title when set outside its emphasis ("<b>Competition</b>. The ..."). */
const RUN_IN_CLOSE = /^\s*([.:]|--|[—–])\s+/;

/**
 * The emphasised title a paragraph opens with, and the body after it: "Limited operating
 * history. We ...", with the full stop inside the emphasis or just after it, or a dash after
 * it. One word is a title only when it ends with a full stop ("Competition."), not a colon ("Note:").
 */
function runInTitle(b: Block): { text: string; body: string } | null {
  const lead = b.lead;
  if (!lead || lead.length >= b.text.length) return null;
  const words = wordCount(lead);
  if (words > 60) return null;
  let after = b.text.slice(b.text.indexOf(lead) + lead.length);
  let text = lead;
  if (!/[:.]$/.test(lead)) {
    const close = RUN_IN_CLOSE.exec(after);
    if (!close) return null;
    if (/[.:]/.test(close[1]!)) text = `${lead}${close[1]}`;
    after = after.slice(close[0].length);
  }
  if (words < 2 && !/^[A-Z][\w-]*\.$/.test(text)) return null;
  const body = after.trim();
  return body ? { text, body } : null;
}

/** Marks the signature of a bulleted heading: its own style, never voted with unbulleted ones. */
const BULLETED = '•';

/**
 * A heading printed after a bullet (a glyph in its paragraph, or in a table cell beside it, as
 * some older prospectuses set every factor): emphasised from end to end, alone (no bullet just
 * before or after it) and followed by body text. A bulleted list is bullets in a row; a bulleted
 * heading stands alone over its paragraphs.
 */
function isBulletedHeading(blocks: Block[], i: number): boolean {
  const b = blocks[i]!;
  const prev = blocks[i - 1];
  const next = blocks[i + 1];
  const isBullet = (x: Block) => BULLET_START.test(x.text) || x.listItem;
  return (
    isFullyEmphasised(b) &&
    blockWords(b) <= 60 &&
    (prev === undefined || !isBullet(prev)) &&
    next !== undefined &&
    !isBullet(next) &&
    !isFullyEmphasised(next)
  );
}

/** Same look but for a point of size either way: one filer's headings set by different spans. */
function compatible(a: string, b: string): boolean {
  if (a === b) return true;
  const [lookA, sizeA] = a.split('|');
  const [lookB, sizeB] = b.split('|');
  return lookA === lookB && Math.abs(Number(sizeA) - Number(sizeB)) <= 1;
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
  const inSummary = (i: number) => summaryRegion !== null && i >= summaryRegion.start && i < summaryRegion.end;

  const full: HeadingCandidate[] = [];
  const runIn: HeadingCandidate[] = [];
  for (let i = 0; i < blocks.length; i++) {
    if (inSummary(i)) continue;
    const b = blocks[i]!;
    // The heading of a summary list (which reads like a category) is never a heading here, nor
    // is a bullet, unless it stands alone over body text (a bulleted heading).
    if (SUMMARY_HEADING.test(b.text)) continue;
    if (BULLET_START.test(b.text)) {
      if (isBulletedHeading(blocks, i)) {
        const text = withoutNumber(stripBullet(b.text));
        full.push({ block: b, text, runInBody: null, signature: `${BULLETED}${signatureOf(b, text)}` });
      }
      continue;
    }
    // A heading may be disguised as a one-cell table; a bold row of a data table is not a heading.
    if (isFullyEmphasised(b) && (!b.inTable || b.cells <= 1) && blockWords(b) <= 200) {
      full.push({ block: b, text: withoutNumber(b.text), runInBody: null, signature: signatureOf(b, b.text) });
    } else {
      const title = runInTitle(b);
      if (title) runIn.push({ block: b, text: withoutNumber(title.text), runInBody: title.body, signature: `${b.leadBold ? 'B' : '-'}${b.leadItalic ? 'I' : '-'}run-in` });
    }
  }
  // A short heading-styled line that recurs in the section (a running header such as the company
  // name or "Risk Factors (continued)") introduces nothing: it is never a heading.
  const seenText = new Map<string, number>();
  for (const c of full) if (isRunningHeaderShape(c.text)) seenText.set(normalizeForMatch(c.text), (seenText.get(normalizeForMatch(c.text)) ?? 0) + 1);
  // Page furniture the document-wide count missed: left out of every text, so a page break that
  // moves never reads as an edit.
  const runningHeaders = new Set<number>();
  for (let k = full.length - 1; k >= 0; k--) {
    const t = full[k]!.text;
    if (CONTINUED.test(t) || (isRunningHeaderShape(t) && (seenText.get(normalizeForMatch(t)) ?? 0) >= 2 && !CATEGORY_WORDS.test(t))) {
      runningHeaders.add(full[k]!.block.index);
      full.splice(k, 1);
    }
  }

  // Headings before the first one that can introduce a risk (a repeated title, a note on
  // forward-looking statements, "General") are preamble: they take part in no vote.
  let lead = 0;
  while (lead < full.length && NON_RISK_HEADING.test(normalizeForMatch(full[lead]!.text))) lead++;
  const leading = new Set(full.slice(0, lead).map((c) => c.block.index));
  full.splice(0, lead);
  const firstHeadingAt = Math.min(full[0]?.block.index ?? Infinity, runIn[0]?.block.index ?? Infinity);
  while (runIn.length > 0 && runIn[0]!.block.index < firstHeadingAt && NON_RISK_HEADING.test(normalizeForMatch(runIn[0]!.text))) runIn.shift();

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
  const best = [...catVotes.entries()].filter(([, v]) => v.yes > 0).sort((a, b) => b[1].yes / b[1].all - a[1].yes / a[1].all || b[1].yes - a[1].yes)[0];
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
    (!/[.!?]$/.test(c.text.replace(/\s*\(.*\)$/, '').replace(ABBREVIATION_END, '')) || STRONG_CATEGORY.test(c.text.replace(/\.$/, '')));
  const isCategory = (c: HeadingCandidate) => c.signature === catSig && isCategoryPhrase(c) && (styleMarksCategories || STRONG_CATEGORY.test(c.text));

  // A category heading opens its factors: an emphasised block before the first category (an
  // italic introduction, a bold note) introduces the section, not a risk.
  const firstCategoryAt = catSig ? (full.find((c) => isCategory(c))?.block.index ?? -1) : -1;
  const factorPool = firstCategoryAt >= 0 ? full.filter((c) => c.block.index > firstCategoryAt || isCategory(c)) : full;

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
  let rfSig = [...rfVotes.entries()].sort((a, b) => b[1].n - a[1].n || b[1].withBody - a[1].withBody)[0]?.[0] ?? null;
  const rfCount = rfSig ? rfVotes.get(rfSig)!.n : 0;
  let pool = factorPool;
  const runInVotes = new Map<string, number>();
  for (const c of runIn) runInVotes.set(c.signature, (runInVotes.get(c.signature) ?? 0) + 1);
  const bestRunIn = [...runInVotes.entries()].sort((a, b) => b[1] - a[1])[0];
  if (bestRunIn && bestRunIn[1] > rfCount * 2 && (bestRunIn[1] >= 3 || (rfCount === 0 && bestRunIn[1] >= 2))) {
    rfSig = bestRunIn[0];
    pool = runIn;
  }

  const headingAt = new Map<number, { kind: 'category' | 'factor'; c: HeadingCandidate }>();
  for (const c of full) if (catSig && isCategory(c)) headingAt.set(c.block.index, { kind: 'category', c });
  if (rfSig) for (const c of pool) if (compatible(c.signature, rfSig) && !headingAt.has(c.block.index)) headingAt.set(c.block.index, { kind: 'factor', c });
  // A second level of categories in a style of its own ("RISKS RELATED TO OUR BUSINESS" over
  // "Risks Related to Regulation"): a style whose every heading is worded unmistakably as a
  // category. Each opens the factors after it; a factor's category is the nearest above it.
  if (catSig) {
    const others = new Map<string, HeadingCandidate[]>();
    for (const c of full) if (c.signature !== catSig && !headingAt.has(c.block.index)) others.set(c.signature, [...(others.get(c.signature) ?? []), c]);
    for (const [sig, list] of others) {
      if (rfSig && compatible(sig, rfSig)) continue;
      if (list.every((c) => isCategoryPhrase(c) && STRONG_CATEGORY.test(c.text.replace(/\.$/, '')))) for (const c of list) headingAt.set(c.block.index, { kind: 'category', c });
    }
  }

  // No factor style found, yet some "categories" are not worded as categories: the filer set its
  // factors like its categories (a single category and a single Title-Case factor, both bold).
  // A heading that introduces a risk is a factor; only the ones worded as categories stay so.
  if (![...headingAt.values()].some((h) => h.kind === 'factor')) {
    for (const [at, h] of headingAt) if (!CATEGORY_WORDS.test(h.c.text)) headingAt.set(at, { kind: 'factor', c: h.c });
  }

  if (![...headingAt.values()].some((h) => h.kind === 'category')) labelCategories(full, blocks, headingAt);
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
      if (current && lastWasHeading && current.paragraphs.length === 0 && /^[a-z(]/.test(h.c.text)) {
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
  for (const f of factors) if (f.paragraphs.length === 0) warnings.push(`risk factor "${f.heading.slice(0, 60)}" has no body text`);
  return {
    categories,
    factors,
    preamble,
    summary: summaryRegion ? { categories: summaryRegion.categories, items: summaryRegion.items } : null,
    categoryIntros: intros.filter((x) => x.text !== ''),
    warnings,
  };
}

/** A short label ("Business Environment"): a few words, no sentence punctuation. */
function isLabel(text: string): boolean {
  return wordCount(text) <= 6 && !/[.!?:;]["”’)]?$/.test(text.replace(ABBREVIATION_END, ''));
}

/** A risk stated as a sentence ("Changes in interest rates could reduce our income."), or a long title. */
function isSentenceLike(text: string): boolean {
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
function labelCategories(full: HeadingCandidate[], blocks: Block[], headingAt: Map<number, { kind: 'category' | 'factor'; c: HeadingCandidate }>): void {
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
function dropLeadingLabels(headingAt: Map<number, { kind: 'category' | 'factor'; c: HeadingCandidate }>): void {
  const ordered = [...headingAt.entries()].sort((a, b) => a[0] - b[0]);
  let lead = 0;
  while (lead < ordered.length && ordered[lead]![1].kind === 'factor' && ordered[lead]![1].c.runInBody === null && isLabel(ordered[lead]![1].c.text)) lead++;
  if (lead === 0) return;
  const rest = ordered.slice(lead).filter(([, h]) => h.kind === 'factor');
  if (rest.length < 3) return;
  const sentences = rest.filter(([, h]) => isSentenceLike(h.c.text)).length;
  if (sentences < rest.length * SENTENCE_SHARE) return;
  for (const [at] of ordered.slice(0, lead)) headingAt.delete(at);
}
