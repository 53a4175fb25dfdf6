import { blockWords, emphasisOf, type Block } from './blocks.js';
import { BULLET_GLYPHS, stripBullet, wordCount } from '../text/normalize.js';

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
  warnings: string[];
}

const CATEGORY_WORDS = /^(risks?\b|general\b|other\b|additional\b|certain\b.*\brisks?\b)|\brisks?( factors)?$|^risk factors (related|relating|associated|regarding|specific|pertaining)\b/i;
const STRONG_CATEGORY = /^((risks?|risk factors)\s+(related|relating|associated|specific|pertaining|regarding|concerning|affecting|inherent|arising|applicable|in connection)\b|general risks?( factors)?$|other risks?( factors)?$)/i;
const ABBREVIATION_END = /\b(Inc|Corp|Co|Ltd|LLC|L\.P|N\.V|S\.A|plc|U\.S)\.$/i;
const SUMMARY_HEADING = /^(summary of (the )?(principal |material |key )?risk factors|risk factors? summary|summary risk factors)\.?$/i;
const BULLET_START = new RegExp(`^[${BULLET_GLYPHS}]`);

/** How much of a block must be emphasised for it to be a heading at all. */
const HEADING_SHARE = 0.85;

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

/** Same look but for a point of size either way: one filer's headings set by different spans. */
function compatible(a: string, b: string): boolean {
  if (a === b) return true;
  const [lookA, sizeA] = a.split('|');
  const [lookB, sizeB] = b.split('|');
  return lookA === lookB && Math.abs(Number(sizeA) - Number(sizeB)) <= 1;
}

/** Bold, italic or (in older filings) underlined from end to end. */
function isFullyEmphasised(b: Block): boolean {
  const e = emphasisOf(b, HEADING_SHARE);
  return e.bold || e.italic || e.underline;
}

/**
 * Splits the section's blocks into categories and risk factors by reading the styles the
 * filer used: categories are the short "Risks related to ..." headings, risk factors the most
 * common heading style after them (bold and/or italic sentences, or italic run-in titles).
 * Styles used by fewer blocks (italic sub-points, bold lead-ins inside bullet lists) stay body text.
 */
export function splitRiskFactors(blocks: Block[]): SplitResult {
  const warnings: string[] = [];
  // An in-section "Risk Factors Summary" (NVIDIA) repeats the categories and paraphrases the
  // headings as bullets; the detailed factors start after the next plain "Risk Factors" heading.
  let from = 0;
  const summaryAt = blocks.findIndex((b) => SUMMARY_HEADING.test(b.text));
  if (summaryAt >= 0) {
    const resume = blocks.findIndex((b, i) => i > summaryAt && /^risk factors\.?$/i.test(b.text));
    if (resume > 0) from = resume + 1;
  }

  const full: HeadingCandidate[] = [];
  const runIn: HeadingCandidate[] = [];
  for (let i = from; i < blocks.length; i++) {
    const b = blocks[i]!;
    // Bullets, and the heading of a summary list (which reads like a category), are never headings here.
    if (BULLET_START.test(b.text) || SUMMARY_HEADING.test(b.text)) continue;
    // A heading may be disguised as a one-cell table; a bold row of a data table is not a heading.
    if (isFullyEmphasised(b) && (!b.inTable || b.cells <= 1) && blockWords(b) <= 200) {
      full.push({ block: b, text: b.text, runInBody: null, signature: signatureOf(b, b.text) });
    } else if (b.lead && /[:.]$/.test(b.lead) && wordCount(b.lead) >= 2 && wordCount(b.lead) <= 60 && b.lead.length < b.text.length) {
      const body = b.text.slice(b.text.indexOf(b.lead) + b.lead.length).trim();
      runIn.push({ block: b, text: b.lead, runInBody: body, signature: `${b.leadBold ? 'B' : '-'}${b.leadItalic ? 'I' : '-'}run-in` });
    }
  }

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
  const isCategory = (c: HeadingCandidate) =>
    c.signature === catSig &&
    c.runInBody === null &&
    blockWords(c.block) <= 20 &&
    // A category is a phrase, not a sentence ("... Kyndryl Holdings, Inc." ends in an abbreviation, not a full stop).
    !/[.!?]$/.test(c.text.replace(/\s*\(.*\)$/, '').replace(ABBREVIATION_END, '')) &&
    (styleMarksCategories || STRONG_CATEGORY.test(c.text));

  // Risk-factor headings: the most common remaining full-block style; run-in titles when the
  // filer uses no block headings at all (IBM).
  const rfVotes = new Map<string, number>();
  for (const c of full) if (!isCategory(c)) rfVotes.set(c.signature, (rfVotes.get(c.signature) ?? 0) + 1);
  let rfSig = [...rfVotes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  const rfCount = rfSig ? rfVotes.get(rfSig)! : 0;
  let pool = full;
  const runInVotes = new Map<string, number>();
  for (const c of runIn) runInVotes.set(c.signature, (runInVotes.get(c.signature) ?? 0) + 1);
  const bestRunIn = [...runInVotes.entries()].sort((a, b) => b[1] - a[1])[0];
  if (bestRunIn && bestRunIn[1] > rfCount * 2 && bestRunIn[1] >= 3) {
    rfSig = bestRunIn[0];
    pool = runIn;
  }

  const headingAt = new Map<number, { kind: 'category' | 'factor'; c: HeadingCandidate }>();
  for (const c of full) if (catSig && isCategory(c)) headingAt.set(c.block.index, { kind: 'category', c });
  if (rfSig) for (const c of pool) if (compatible(c.signature, rfSig) && !headingAt.has(c.block.index)) headingAt.set(c.block.index, { kind: 'factor', c });

  const categories: string[] = [];
  const factors: SplitFactor[] = [];
  let category: string | null = null;
  let current: SplitFactor | null = null;
  let lastWasHeading = false;
  // Text before the first factor (the intro, an in-section summary) and a category's own
  // preamble belong to the section, not to any factor.
  for (let i = from; i < blocks.length; i++) {
    const b = blocks[i]!;
    const h = headingAt.get(b.index);
    if (h?.kind === 'category') {
      category = h.c.text;
      if (!categories.includes(category)) categories.push(category);
      current = null;
      lastWasHeading = false;
      continue;
    }
    if (h?.kind === 'factor') {
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
    }
  }
  for (const f of factors) if (f.paragraphs.length === 0) warnings.push(`risk factor "${f.heading.slice(0, 60)}" has no body text`);
  return { categories, factors, warnings };
}
