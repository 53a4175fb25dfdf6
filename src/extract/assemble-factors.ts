import { blockWords, type Block } from './blocks.js';
import type { HeadingCandidate } from './heading-candidates.js';
import { SUMMARY_HEADING } from './heading-shapes.js';
import type { HeadingMap } from './label-headings.js';
import type { SummaryRegion } from './summary-region.js';
import { stripBullet, wordCount } from '../text/normalize.js';
import type { CategoryIntro } from './types.js';

export interface SplitFactor {
  category: string | null;
  heading: string;
  paragraphs: string[];
  wordCount: number;
}

/** What the walk over the section's blocks has read so far. */
interface Assembly {
  categories: string[];
  factors: SplitFactor[];
  preamble: string[];
  /** Every category's introduction, empty ones included. */
  intros: CategoryIntro[];
  category: string | null;
  /** The introduction of the category just opened, until its first factor. */
  intro: CategoryIntro | null;
  current: SplitFactor | null;
  /** The block before was a factor heading with no run-in body (its heading may continue). */
  lastWasHeading: boolean;
  seenHeading: boolean;
}

/** Where the section's parts are, as decided by the earlier steps. */
export interface SectionLayout {
  summary: SummaryRegion | null;
  /** Block indexes of running headers, left out of every text. */
  runningHeaders: Set<number>;
  headingAt: HeadingMap;
  /** Block indexes of the leading headings that introduce no risk (their text is preamble). */
  leading: Set<number>;
}

/**
 * A block of the in-section summary: its one-line risks are read by the summary step; the rest,
 * before any heading and not the summary's own title, is preamble.
 */
function readSummaryBlock(a: Assembly, summary: SummaryRegion, i: number, b: Block): void {
  if (!summary.taken.has(i) && !a.seenHeading && !summary.dropped.has(i))
    a.preamble.push(stripBullet(b.text));
}

/** A category heading closes the factor before it and opens an introduction. */
function openCategory(a: Assembly, c: HeadingCandidate): void {
  const category = c.text;
  a.category = category;
  if (!a.categories.includes(category)) a.categories.push(category);
  a.current = null;
  a.intro = { category, text: '' };
  a.intros.push(a.intro);
  a.lastWasHeading = false;
  a.seenHeading = true;
}

/**
 * A factor heading opens a factor, except that a heading split over two blocks ("...could harm" /
 * "our business.") is one heading: a lower-case start right after a heading with no body yet
 * continues it. A run-in title's body is the factor's first paragraph.
 */
function openFactor(a: Assembly, c: HeadingCandidate): void {
  a.seenHeading = true;
  a.intro = null;
  let current = a.current;
  if (current && a.lastWasHeading && current.paragraphs.length === 0 && /^[a-z(]/.test(c.text)) {
    current.heading = `${current.heading} ${c.text}`;
  } else {
    current = { category: a.category, heading: c.text, paragraphs: [], wordCount: 0 };
    a.factors.push(current);
    a.current = current;
  }
  if (c.runInBody) {
    current.paragraphs.push(c.runInBody);
    current.wordCount += wordCount(c.runInBody);
  }
  a.lastWasHeading = c.runInBody === null;
}

/**
 * Body text goes to the open factor, else to the open category's introduction, else (before the
 * first heading) to the preamble: leading sub-headings that introduce no risk among it, a summary
 * list's own title not.
 */
function addBody(a: Assembly, b: Block, leading: Set<number>): void {
  a.lastWasHeading = false;
  if (a.current) {
    a.current.paragraphs.push(stripBullet(b.text));
    a.current.wordCount += blockWords(b);
  } else if (a.intro) {
    a.intro.text = a.intro.text ? `${a.intro.text}\n\n${stripBullet(b.text)}` : stripBullet(b.text);
  } else if (!a.seenHeading) {
    if (leading.has(b.index) || !SUMMARY_HEADING.test(b.text)) a.preamble.push(stripBullet(b.text));
  }
}

/**
 * Walks the section's blocks in order and gives each its place: a category, a factor heading, a
 * factor's paragraph, a category's introduction, or the preamble.
 */
export function assembleFactors(
  blocks: Block[],
  layout: SectionLayout,
): Pick<Assembly, 'categories' | 'factors' | 'preamble' | 'intros'> {
  const a: Assembly = {
    categories: [],
    factors: [],
    preamble: [],
    intros: [],
    category: null,
    intro: null,
    current: null,
    lastWasHeading: false,
    seenHeading: false,
  };
  const { summary } = layout;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (summary !== null && i >= summary.start && i < summary.end) {
      readSummaryBlock(a, summary, i, b);
      continue;
    }
    if (layout.runningHeaders.has(b.index)) continue;
    const h = layout.headingAt.get(b.index);
    if (h?.kind === 'category') openCategory(a, h.c);
    else if (h?.kind === 'factor') openFactor(a, h.c);
    else addBody(a, b, layout.leading);
  }
  const { categories, factors, preamble, intros } = a;
  return { categories, factors, preamble, intros };
}
