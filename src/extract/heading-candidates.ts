import { blockWords, emphasisOf, type Block } from './blocks.js';
import { BULLET_START, isBullet, isFullyEmphasised, SUMMARY_HEADING } from './heading-shapes.js';
import { stripBullet, wordCount } from '../text/normalize.js';

// The heading-shaped blocks of a section (whole emphasised blocks, bulleted headings, run-in
// titles), each with the style it votes for; which of them are categories and which are risk
// factors is decided by splitRiskFactors.

/** A heading-shaped block inside the section, before we know its level. */
export interface HeadingCandidate {
  block: Block;
  text: string;
  /** Body text that follows a run-in heading inside the same block. */
  runInBody: string | null;
  signature: string;
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
export function compatible(a: string, b: string): boolean {
  if (a === b) return true;
  const [lookA, sizeA] = a.split('|');
  const [lookB, sizeB] = b.split('|');
  return lookA === lookB && Math.abs(Number(sizeA) - Number(sizeB)) <= 1;
}

/** The section's heading candidates: whole blocks set as headings, and run-in titles. */
export function findCandidates(
  blocks: Block[],
  inSummary: (i: number) => boolean,
): { full: HeadingCandidate[]; runIn: HeadingCandidate[] } {
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
        full.push({
          block: b,
          text,
          runInBody: null,
          signature: `${BULLETED}${signatureOf(b, text)}`,
        });
      }
      continue;
    }
    // A heading may be disguised as a one-cell table; a bold row of a data table is not a heading.
    if (isFullyEmphasised(b) && (!b.inTable || b.cells <= 1) && blockWords(b) <= 200) {
      full.push({
        block: b,
        text: withoutNumber(b.text),
        runInBody: null,
        signature: signatureOf(b, b.text),
      });
    } else {
      const title = runInTitle(b);
      if (title)
        runIn.push({
          block: b,
          text: withoutNumber(title.text),
          runInBody: title.body,
          signature: `${b.leadBold ? 'B' : '-'}${b.leadItalic ? 'I' : '-'}${b.leadUnderline ? 'U' : '-'}run-in`,
        });
    }
  }
  return { full, runIn };
}
