import type { Block } from '../extract/blocks.js';
import { formFamily } from '../extract/detect-form.js';
import { findFurniture } from '../extract/furniture.js';
import { locateSection } from '../extract/locate-section.js';

// Copies of a filing damaged on purpose, in memory, to see whether extraction says when it is
// unsure: the three ways real filings defeat the layout rules.

/** How a copy is damaged. */
export type Damage = 'bold-removed' | 'item-numbers-removed' | 'end-cut';

export const DAMAGES: readonly Damage[] = ['bold-removed', 'item-numbers-removed', 'end-cut'];

/** "Item 1A.", "ITEM 2 -", "Item 1(a)": the number of an item heading, with what follows it. */
const ITEM_NUMBER = /^item\s*\d{1,2}\s*[.(]?\s*[a-d]?\s*\)?\s*[.:\-–—]?\s*/i;

/**
 * The filing's blocks damaged one way, or null when the damage changes nothing (a prospectus
 * has no item numbers; a section that runs to the end of the document has no end to cut).
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
  if (!located.ok || located.bounds.end >= blocks.length) return null;
  const cut = located.bounds.end;
  return blocks.filter((_, i) => i !== cut).map((b, i) => ({ ...b, index: i }));
}
