import { blockWords, type Block } from './blocks.js';
import { CATEGORY_WORDS, isBullet, isFullyEmphasised, SUMMARY_HEADING } from './heading-shapes.js';
import { normalizeForMatch, stripBullet } from '../text/normalize.js';

export interface SummaryRegion {
  /** Block positions (in the section's list) the summary covers, end exclusive. */
  start: number;
  end: number;
  categories: string[];
  items: string[];
  /** Positions read into `categories` or `items`. */
  taken: Set<number>;
  /** Positions that are neither summary nor preamble (the summary's own title). */
  dropped: Set<number>;
}

/** One-line risks of a summary are short; a paragraph this long is the full discussion. */
const SUMMARY_ITEM_WORDS = 80;

/**
 * An in-section "Summary of risk factors" (NVIDIA, and many 10-Ks since the 2020 rule) repeats
 * the categories with one-line risks under each, then the full factors follow. It ends at the
 * next plain "Risk Factors" title when there is one; else where its first category heading
 * recurs (the full discussion under the same headings); else after its last one-line item.
 */
export function findSummary(blocks: Block[]): SummaryRegion | null {
  const at = blocks.findIndex((b) => SUMMARY_HEADING.test(b.text));
  if (at < 0) return findUntitledSummary(blocks);
  let end = -1;
  let resumeTitle = -1;
  const title = blocks.findIndex((b, i) => i > at && /^risk factors\.?$/i.test(b.text));
  if (title > 0) {
    end = title + 1;
    resumeTitle = title;
  }
  const firstHeading = blocks.findIndex(
    (b, i) => i > at && isFullyEmphasised(b) && !isBullet(b) && blockWords(b) <= 20,
  );
  if (end < 0 && firstHeading > 0) {
    const key = normalizeForMatch(blocks[firstHeading]!.text);
    const again = blocks.findIndex(
      (b, i) => i > firstHeading && b.chars <= 400 && normalizeForMatch(b.text) === key,
    );
    if (again > 0) end = again;
  }
  if (end < 0) {
    // No repeat: the summary runs over its short lines and headings, and ends after the last item.
    let lastItem = -1;
    for (let i = at + 1; i < blocks.length; i++) {
      const b = blocks[i]!;
      const words = blockWords(b);
      if (isBullet(b) && words <= SUMMARY_ITEM_WORDS) lastItem = i;
      else if (!(isFullyEmphasised(b) && words <= 20) && !(lastItem < 0 && i === at + 1)) break;
    }
    if (lastItem < 0) return null;
    end = lastItem + 1;
  }
  const categories: string[] = [];
  const items: string[] = [];
  const taken = new Set<number>();
  const dropped = new Set<number>([at]);
  if (resumeTitle >= 0) dropped.add(resumeTitle);
  const hasBullets = blocks.slice(at + 1, end).some((b) => isBullet(b));
  for (let i = at + 1; i < end; i++) {
    if (dropped.has(i)) continue;
    const b = blocks[i]!;
    if (isFullyEmphasised(b) && !isBullet(b) && blockWords(b) <= 20) {
      if (!categories.includes(b.text)) categories.push(b.text);
      taken.add(i);
    } else if (hasBullets ? isBullet(b) : blockWords(b) <= SUMMARY_ITEM_WORDS) {
      items.push(stripBullet(b.text));
      taken.add(i);
    }
  }
  return { start: at, end, categories, items, taken, dropped };
}

/**
 * A summary printed without a title: the section's first heading is a category followed by
 * one-line bullets, and the same heading recurs later over the full discussion. Everything from
 * that heading to its recurrence is summary when it holds bullets and no full paragraph.
 */
function findUntitledSummary(blocks: Block[]): SummaryRegion | null {
  const first = blocks.findIndex(
    (b) => isFullyEmphasised(b) && !isBullet(b) && blockWords(b) <= 20,
  );
  if (first < 0 || !CATEGORY_WORDS.test(blocks[first]!.text)) return null;
  const key = normalizeForMatch(blocks[first]!.text);
  const again = blocks.findIndex(
    (b, i) => i > first && b.chars <= 400 && normalizeForMatch(b.text) === key,
  );
  if (again < 0) return null;
  let bullets = 0;
  for (let i = first + 1; i < again; i++) {
    const b = blocks[i]!;
    if (isBullet(b)) bullets++;
    else if (!(isFullyEmphasised(b) && blockWords(b) <= 20) && blockWords(b) > SUMMARY_ITEM_WORDS)
      return null;
  }
  if (bullets === 0) return null;
  const categories: string[] = [];
  const items: string[] = [];
  const taken = new Set<number>();
  for (let i = first; i < again; i++) {
    const b = blocks[i]!;
    if (isBullet(b)) items.push(stripBullet(b.text));
    else if (isFullyEmphasised(b) && blockWords(b) <= 20) {
      if (!categories.includes(b.text)) categories.push(b.text);
    } else continue;
    taken.add(i);
  }
  return { start: first, end: again, categories, items, taken, dropped: new Set() };
}
