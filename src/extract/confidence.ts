import { blockWords, type Block } from './blocks.js';
import type { FormFamily } from './detect-form.js';
import { headingInBody } from './heading-in-body.js';
import { isSentenceLike } from './label-headings.js';
import type { SectionBounds } from './locate-section.js';
import type { SplitResult } from './split-risk-factors.js';
import { wordCount } from '../text/normalize.js';
import {
  endsAtContentsEntry,
  nextInContents,
  otherItemInside,
  skippedItem,
} from './section-neighbours.js';
import type { Confidence, Doubt, DoubtCode } from './types.js';

// How sure the extractor is of what it found. A wrong answer given with confidence is the
// failure readers of extracted risk factors complain about most: each rule below names a
// layout that has led extraction astray (on damaged copies of the corpus and on the shapes
// of issue 23), so a reader knows to check the filing itself.

/** An item number or a 20-F letter before the title ("Item 1A.", "3.D", "D."). */
const NUMBERED_HEADING = /^(item\s*\d|\d\s*\.?\s*[a-d]\b|[a-d]\s*[.:)\-–—])/i;
/** An item heading anywhere in the document (the end of an annual report's section). */
const ITEM_LINE = /^item\s*\d{1,2}\s*[a-d]?\b\s*[.:\-–—]?/i;

/**
 * A paragraph that only answers an item with nothing to report ("None.", "Not applicable."):
 * no risk factor says that, so the section has run on into an item whose heading was missed.
 */
const ITEM_ANSWER = /^(none|not applicable|n\/a|\[reserved\]|reserved)\s*\.?$/i;

/** A section this long with no headings read is not a section without risks. */
const HEADINGLESS_WORDS = 300;
/** More words per factor than any labelled filing has on average: headings were missed. */
const MAX_WORDS_PER_FACTOR = 1500;
/** A factor this many times the median length (and at least `LONG_FACTOR_WORDS`) swallowed others. */
const LONG_FACTOR_RATIO = 8;
const LONG_FACTOR_WORDS = 2000;
/** A section ended short of the next item by this share of the text between is probably cut early. */
const SHORT_SHARE = 0.5;
/** A preamble longer than this is more likely risks read as an introduction. */
const LONG_PREAMBLE_WORDS = 400;
/** Sentence and label headings mixed, each at least this share of the factors. */
const MIXED_SHARE = 0.2;
const MIXED_MIN_FACTORS = 5;

/** What `assessConfidence` reads: the located section, its body and how it was split. */
export interface ConfidenceInput {
  family: FormFamily | null;
  blocks: Block[];
  furniture: Uint8Array;
  bounds: SectionBounds;
  sectionWords: number;
  split: SplitResult;
}

/**
 * Doubts that right extractions show about as often as wrong ones (an annual report from before
 * Item 1A, a prospectus whose next title is not a known one, a very long factor): alone they
 * lower the level to `medium` only.
 */
const MINOR: ReadonlySet<DoubtCode> = new Set([
  'no-item-number',
  'end-by-style',
  'older-title',
  'long-factor',
  'mixed-headings',
  'preamble-like-factor',
]);

const doubt = (code: DoubtCode, message: string): Doubt => ({ code, message });
const quote = (text: string) => `"${text.slice(0, 80)}"`;

/**
 * The doubts an extraction leaves, and its level: `low` when any doubt is not minor. Pure: it
 * reads the same blocks and decisions the extraction made, and changes nothing.
 */
export function assessConfidence(input: ConfidenceInput): Confidence {
  const reasons: Doubt[] = [
    ...boundaryDoubts(input),
    ...neighbourDoubts(input),
    ...headingDoubts(input),
  ];
  const level =
    reasons.length === 0 ? 'high' : reasons.every((r) => MINOR.has(r.code)) ? 'medium' : 'low';
  return { level, reasons };
}

/** The confidence of a result that found no section: a stated "Not applicable" is a finding. */
export function notFoundConfidence(reason: string, statedNotApplicable: boolean): Confidence {
  return statedNotApplicable
    ? { level: 'high', reasons: [] }
    : { level: 'low', reasons: [doubt('no-section', reason)] };
}

/** What the contents, the item numbers and the other items' titles say about the end. */
function neighbourDoubts({ family, blocks, furniture, bounds }: ConfidenceInput): Doubt[] {
  const out: Doubt[] = [];
  const next = nextInContents(blocks, furniture, bounds);
  if (next !== null && !endsAtContentsEntry(blocks, bounds, next)) {
    const at = blocks[bounds.end] ? quote(blocks[bounds.end]!.text) : 'the end of the document';
    out.push(
      doubt(
        'not-next-in-contents',
        `the table of contents lists ${quote(next)} next, but the section ends at ${at}`,
      ),
    );
  }
  const skipped = skippedItem(blocks, furniture, bounds);
  if (skipped !== null) {
    out.push(
      doubt(
        'skipped-item',
        `the section runs past ${quote(skipped)}, which the filing lists before the item that ends it`,
      ),
    );
  }
  const inside = family === 'annual' ? otherItemInside(blocks, furniture, bounds) : null;
  if (inside !== null)
    out.push(
      doubt('other-item-inside', `the section holds the title of another item (${quote(inside)})`),
    );
  return out;
}

/** How the heading was found and the end decided. */
function boundaryDoubts({
  family,
  blocks,
  furniture,
  bounds,
  sectionWords,
}: ConfidenceInput): Doubt[] {
  const out: Doubt[] = [];
  const annual = family === 'annual' || family === 'foreign-annual';
  if (bounds.pass === 'legacy') {
    out.push(
      doubt(
        'older-title',
        `the section was found by an older title (${quote(bounds.heading)}), not "Risk Factors"`,
      ),
    );
  } else if (annual && !NUMBERED_HEADING.test(bounds.heading)) {
    out.push(
      doubt('no-item-number', `the section heading ${quote(bounds.heading)} has no item number`),
    );
  }
  if (bounds.endedBy === 'style') {
    out.push(
      doubt(
        'end-by-style',
        'the section ends at a heading known only by its style, not by an item number or a known title',
      ),
    );
  }
  if (annual && bounds.endedBy !== 'item') {
    // The next item heading after the end: a section much shorter than the run up to it may have ended early.
    let between = 0;
    for (let i = bounds.end; i < blocks.length; i++) {
      if (furniture[i]) continue;
      if (ITEM_LINE.test(blocks[i]!.text) && blockWords(blocks[i]!) <= 20) {
        const upToItem = sectionWords + between;
        if (sectionWords < upToItem * SHORT_SHARE) {
          out.push(
            doubt(
              'short-section',
              `the section (${sectionWords} words) is much shorter than the text up to the next item (${upToItem} words)`,
            ),
          );
        }
        break;
      }
      between += blockWords(blocks[i]!);
    }
  }
  return out;
}

/** What the headings found, and the text between them, say about headings missed or taken wrongly. */
function headingDoubts({ sectionWords, split }: ConfidenceInput): Doubt[] {
  const out: Doubt[] = [];
  const factors = split.factors;
  if (factors.length === 0) {
    if (sectionWords >= HEADINGLESS_WORDS)
      out.push(
        doubt('no-headings', `no risk-factor headings were recognised in ${sectionWords} words`),
      );
    return out;
  }
  if (sectionWords / factors.length > MAX_WORDS_PER_FACTOR) {
    out.push(
      doubt(
        'few-headings',
        `${factors.length} risk factor(s) in ${sectionWords} words: headings were probably missed`,
      ),
    );
  }
  const lengths = factors.map((f) => f.wordCount).sort((a, b) => a - b);
  const median = lengths[Math.floor(lengths.length / 2)]!;
  const longest = lengths[lengths.length - 1]!;
  if (factors.length >= 3 && longest >= LONG_FACTOR_WORDS && longest > median * LONG_FACTOR_RATIO) {
    out.push(
      doubt(
        'long-factor',
        `one risk factor has ${longest} words against a median of ${median}: it may hold others`,
      ),
    );
  }
  const empty = factors.filter((f) => f.paragraphs.length === 0).length;
  if (empty > 0)
    out.push(
      doubt('heading-without-body', `${empty} risk-factor heading(s) have no text under them`),
    );
  if (factors.length >= MIXED_MIN_FACTORS) {
    const sentences = factors.filter((f) => isSentenceLike(f.heading)).length;
    const share = sentences / factors.length;
    if (share >= MIXED_SHARE && share <= 1 - MIXED_SHARE) {
      out.push(
        doubt(
          'mixed-headings',
          `headings of mixed shapes: ${sentences} of ${factors.length} are sentences, the rest short labels`,
        ),
      );
    }
  }
  return [...out, ...textDoubts(split)];
}

/** What the words of the paragraphs say: a heading in body type, an item's answer, a misread introduction. */
function textDoubts(split: SplitResult): Doubt[] {
  const out: Doubt[] = [];
  const factors = split.factors;
  const answer = factors.flatMap((f) => f.paragraphs).find((p) => ITEM_ANSWER.test(p.trim()));
  if (answer !== undefined) {
    out.push(
      doubt(
        'item-answer-inside',
        `a paragraph says only ${quote(answer)}, as an item with nothing to report does: the section has probably run into the next item`,
      ),
    );
  }
  const unmarked = headingInBody(factors);
  if (unmarked !== null) {
    out.push(
      doubt(
        'heading-in-body',
        `a paragraph in body type reads as a risk-factor heading (${quote(unmarked)}): the text after it is about it, not about the heading above`,
      ),
    );
  }
  const intro = split.headingLikeIntroductions[0];
  if (intro !== undefined) {
    out.push(
      doubt(
        'preamble-like-factor',
        `an introduction set like the risk-factor headings (${quote(intro)}) was read as preamble`,
      ),
    );
  }
  const preambleWords = split.preamble.reduce((n, p) => n + wordCount(p), 0);
  if (preambleWords > LONG_PREAMBLE_WORDS) {
    out.push(
      doubt(
        'long-preamble',
        `${preambleWords} words before the first heading: risks may have been read as the introduction`,
      ),
    );
  }
  return out;
}
