import { blockWords, type Block } from './blocks.js';
import type { SectionBounds } from './locate-section.js';
import { normalizeForMatch } from '../text/normalize.js';

// What the rest of the filing says about where the section should end: the title that its
// table of contents lists next, the items the form numbers after 1A, and the titles a 10-K's
// other items carry. Read only to doubt an extraction, never to change it.

/** A page number at the end of a contents row ("Risk Factors 16", "Risk Factors ii"). */
const TRAILING_PAGE = /\s+([a-z]{1,2}-)?(\d{1,3}|[ivxlc]{1,6})$/i;
/** Contents rows are short. */
const MAX_ROW_WORDS = 16;

/** "Item 1A.", "ITEM 2 -", and in some contents a bare "1B." */
const ITEM_PREFIX =
  /^(item\s*\d{1,2}\s*[.(]?\s*[a-d]?\s*\)?\s*[.:\-–—]?|\d{1,2}[a-d]?\s*[.:\-–—])\s*/i;

/** A title as the contents and the body both print it: normalised, page number and item number dropped. */
function titleKey(text: string): string {
  return normalizeForMatch(text.replace(TRAILING_PAGE, '').replace(ITEM_PREFIX, ''));
}

/**
 * The title the table of contents lists right after the section's own, or null when the
 * filing has no contents row for the section (a short supplement, a typewritten filing).
 */
export function nextInContents(
  blocks: Block[],
  furniture: Uint8Array,
  bounds: SectionBounds,
): string | null {
  const own = titleKey(bounds.heading);
  if (own === '') return null;
  for (let i = 0; i < bounds.start; i++) {
    const b = blocks[i]!;
    if (blockWords(b) > MAX_ROW_WORDS || titleKey(b.text) !== own) continue;
    for (let j = i + 1; j < bounds.start; j++) {
      if (furniture[j] || titleKey(blocks[j]!.text) === '') continue;
      return blockWords(blocks[j]!) <= MAX_ROW_WORDS
        ? blocks[j]!.text.replace(TRAILING_PAGE, '')
        : null;
    }
  }
  return null;
}

/** The section ended at the title the contents list next (compared without page and item numbers). */
export function endsAtContentsEntry(
  blocks: Block[],
  bounds: SectionBounds,
  entry: string,
): boolean {
  const end = blocks[bounds.end];
  if (!end) return false;
  const want = titleKey(entry);
  const got = titleKey(end.text);
  // The body's title may be split from its item number ("Item 1B." then "Unresolved Staff Comments").
  const after = blocks[bounds.end + 1];
  return got === want || (got === '' && after !== undefined && titleKey(after.text) === want);
}

/** "Item 1B", "ITEM 2.": an item's number and letter as one sortable value (1B is 1.2), or null. */
function itemOrder(text: string): number | null {
  // Some contents drop the word ("1B. Unresolved staff comments"): then the letter must be there.
  const m =
    /^item\s*(\d{1,2})\s*[.(]?\s*([a-d])?\b/i.exec(text) ?? /^(\d{1,2})([a-d])\.\s/i.exec(text);
  if (!m) return null;
  return Number(m[1]) + (m[2] ? (m[2].toLowerCase().charCodeAt(0) - 96) / 10 : 0);
}

/**
 * An item that comes after the section's own and before the one that ended it, printed
 * elsewhere in the filing (its contents): the item that should have ended the section was
 * missed, and the section holds that item's text. Returns its text, or null.
 */
export function skippedItem(
  blocks: Block[],
  furniture: Uint8Array,
  bounds: SectionBounds,
): string | null {
  const own = itemOrder(bounds.heading);
  const end = blocks[bounds.end] ? itemOrder(blocks[bounds.end]!.text) : null;
  if (own === null || end === null) return null;
  for (let i = 0; i < blocks.length; i++) {
    if (furniture[i] || blockWords(blocks[i]!) > MAX_ROW_WORDS) continue;
    const n = itemOrder(blocks[i]!.text);
    if (n !== null && n > own && n < end) return blocks[i]!.text.replace(TRAILING_PAGE, '');
  }
  return null;
}

/** Titles of a 10-K's other items, which never head a risk factor. */
const OTHER_ITEM_TITLE = new RegExp(
  '^(' +
    [
      'unresolved staff comments',
      'cybersecurity',
      'properties',
      'legal proceedings',
      'mine safety disclosures?',
      "market for (the )?registrant[’']?s common equity.*",
      'selected (consolidated )?financial data',
      "management[’']?s discussion and analysis of financial condition and results of operations",
      'quantitative and qualitative disclosures? about market risk',
      'financial statements and supplementary data',
      'changes in and disagreements with accountants.*',
      'controls and procedures',
      'executive compensation',
      'exhibits(,)? (and )?financial statement schedules',
    ].join('|') +
    ')$',
  'i',
);

/** A title of another item of an annual report standing as a block inside the section, or null. */
export function otherItemInside(
  blocks: Block[],
  furniture: Uint8Array,
  bounds: SectionBounds,
): string | null {
  for (let i = bounds.start + 1; i < bounds.end; i++) {
    if (furniture[i] || blockWords(blocks[i]!) > MAX_ROW_WORDS) continue;
    if (OTHER_ITEM_TITLE.test(titleKey(blocks[i]!.text))) return blocks[i]!.text;
  }
  return null;
}
