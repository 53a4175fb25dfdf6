import type { Block } from '../extract/blocks.js';
import { formFamily } from '../extract/detect-form.js';
import { findFurniture } from '../extract/furniture.js';
import { locateSection } from '../extract/locate-section.js';

// Copies of a filing damaged on purpose, in memory, to see whether extraction says when it is
// unsure: the ways real filings defeat the layout rules (emphasis lost in conversion, item
// numbers printed apart or not at all, the heading that ends the section set as body text) and
// a document cut off inside the section (a download cut short, an exhibit split mid-way).

/**
 * How a copy is damaged: `end-cut` removes the heading that closes the section (the section
 * runs on into the next item); `section-tail-cut` removes the second half of the section with
 * that heading (its last risk factors are lost, the rest of the filing stays);
 * `cut-in-section` ends the document half-way through the section (its last risk factors, the
 * next item and the rest of the filing are gone).
 */
export type Damage =
  'bold-removed' | 'item-numbers-removed' | 'end-cut' | 'section-tail-cut' | 'cut-in-section';

export const DAMAGES: readonly Damage[] = [
  'bold-removed',
  'item-numbers-removed',
  'end-cut',
  'section-tail-cut',
  'cut-in-section',
];

/** A section shorter than this (in blocks) has no middle worth cutting at. */
const MIN_CUT_BLOCKS = 6;

/** "Item 1A.", "ITEM 2 -", "Item 1(a)": the number of an item heading, with what follows it. */
const ITEM_NUMBER = /^item\s*\d{1,2}\s*[.(]?\s*[a-d]?\s*\)?\s*[.:\-–—]?\s*/i;

/**
 * The filing's blocks damaged one way, or null when the damage changes nothing (a prospectus
 * has no item numbers; a section that runs to the end of the document has no end to cut; a
 * section of a few blocks has no middle).
 * Block indexes stay positions in the list, as extraction expects.
 */
export function damageBlocks(blocks: Block[], form: string | null, damage: Damage): Block[] | null {
  if (damage === 'bold-removed') {
    if (!blocks.some((b) => b.bold > 0 || b.leadBold)) return null;
    // A lead that was bold only is no lead at all once the bold is gone.
    return blocks.map((b) => ({
      ...b,
      bold: 0,
      leadBold: false,
      lead: b.leadItalic || b.leadUnderline ? b.lead : '',
    }));
  }
  if (damage === 'item-numbers-removed') {
    let changed = false;
    const out: Block[] = [];
    for (const b of blocks) {
      const m = ITEM_NUMBER.exec(b.text);
      if (!m) {
        out.push({ ...b, index: out.length });
        continue;
      }
      changed = true;
      const text = b.text.slice(m[0].length);
      if (text === '') continue; // "Item 1A." in a block of its own: the block goes
      const chars = Math.max(1, b.chars - m[0].length);
      const clamp = (n: number) => Math.min(n, chars);
      const emphasis = {
        bold: clamp(b.bold),
        italic: clamp(b.italic),
        underline: clamp(b.underline),
      };
      out.push({ ...b, ...emphasis, index: out.length, text, chars });
    }
    return changed ? out : null;
  }
  const located = locateSection(blocks, findFurniture(blocks), formFamily(form));
  if (!located.ok) return null;
  const { start, end } = located.bounds;
  if (damage === 'cut-in-section') {
    if (end - start < MIN_CUT_BLOCKS) return null;
    // Blocks keep their indexes: the copy is a prefix of the filing.
    return blocks.slice(0, start + Math.ceil((end - start) / 2));
  }
  if (end >= blocks.length) return null;
  if (damage === 'section-tail-cut') {
    if (end - start < MIN_CUT_BLOCKS) return null;
    const from = start + Math.ceil((end - start) / 2);
    return [...blocks.slice(0, from), ...blocks.slice(end + 1)].map((b, i) => ({ ...b, index: i }));
  }
  return blocks.filter((_, i) => i !== end).map((b, i) => ({ ...b, index: i }));
}
