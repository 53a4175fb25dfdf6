import { emphasisOf, type Block } from './blocks.js';

/**
 * Page furniture: page numbers, "Table of Contents" jump links, and running headers or
 * footers ("Alphabet Inc.", "2024 Annual Report", "Fiscal 2024 Form 10-K") repeated at every
 * page break. None of it is ever part of a heading or a risk factor's text.
 */
const PAGE_NUMBER = /^(page\s+)?[-–—([]?\s*([a-z]{1,2}-)?(\d{1,3}|[ivxlc]{1,6})\s*[-–—)\].]?$/i;
const TOC_LINK = /^(back\s+to\s+)?(table\s+of\s+contents|index|toc)\.?$/i;

export function isPageNumber(text: string): boolean {
  return text.length <= 12 && PAGE_NUMBER.test(text);
}

/** Blocks with more text than this are never furniture. */
const MAX_FURNITURE_CHARS = 400;

/** Furniture by shape: a page number or a "Table of Contents" jump. */
export const FURNITURE_SHAPE = 1;
/** Furniture by repetition: a short text recurring through the document (a running header). */
export const FURNITURE_REPEATED = 2;

/**
 * A running header or footer often carries the page number ("Fiscal 2023 Form 10-K 21"), and
 * looks the same on every page; a real heading with the same words looks different from it.
 */
function repetitionKey(b: Block): string {
  const e = emphasisOf(b, 0.8);
  const emphasis = `${e.bold ? 'b' : ''}${e.italic ? 'i' : ''}${b.center ? 'c' : ''}${Math.round(b.fontSize)}`;
  return `${b.text.toLowerCase().replace(/^\d{1,3}\s+|\s+\d{1,3}$/g, '')}|${emphasis}`;
}

/**
 * Marks each block that is furniture, by shape (page number, TOC link) or by repetition (a
 * short text that recurs at least five times: "Alphabet Inc.", "2024 Annual Report").
 * Repetition alone is weaker evidence (a company name recurs too), so it gets its own mark.
 */
export function findFurniture(blocks: Block[]): Uint8Array {
  const marks = new Uint8Array(blocks.length);
  const counts = new Map<string, number>();
  // Each short block's key is built once, counted here and looked up below.
  const keys: (string | undefined)[] = new Array<string | undefined>(blocks.length);
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    // `chars` bounds the text's length from above (less collapsed space): long paragraphs are skipped unread.
    if (b.chars <= MAX_FURNITURE_CHARS && b.text.length <= 80) {
      const k = repetitionKey(b);
      keys[i] = k;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  }
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.chars > MAX_FURNITURE_CHARS) continue;
    const t = b.text;
    const k = keys[i];
    if (
      isPageNumber(t) ||
      TOC_LINK.test(t) ||
      (t.length <= 40 && /^\d{1,3}\s*(\||·)?\s*(table of contents)$/i.test(t))
    )
      marks[b.index] = FURNITURE_SHAPE;
    else if (k !== undefined && (counts.get(k) ?? 0) >= 5) marks[b.index] = FURNITURE_REPEATED;
  }
  return marks;
}
