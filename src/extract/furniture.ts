import type { Block } from './blocks.js';

/**
 * Page furniture: page numbers, "Table of Contents" jump links, and running headers or
 * footers ("Alphabet Inc.", "2024 Annual Report", "Fiscal 2024 Form 10-K") repeated at every
 * page break. None of it is ever part of a heading or a risk factor's text.
 */
const PAGE_NUMBER = /^(page\s+)?[-–—(\[]?\s*([a-z]{1,2}-)?(\d{1,3}|[ivxlc]{1,6})\s*[-–—)\].]?$/i;
const TOC_LINK = /^(back\s+to\s+)?(table\s+of\s+contents|index|toc)\.?$/i;

export function isPageNumber(text: string): boolean {
  return text.length <= 12 && PAGE_NUMBER.test(text);
}

/**
 * Marks each block that is furniture. A short text that recurs many times through the
 * document (a running header) counts, as does anything shaped like a page number or a TOC link.
 */
export function findFurniture(blocks: Block[]): Uint8Array {
  const marks = new Uint8Array(blocks.length);
  const counts = new Map<string, number>();
  for (const b of blocks) {
    if (b.text.length <= 80) counts.set(b.text.toLowerCase(), (counts.get(b.text.toLowerCase()) ?? 0) + 1);
  }
  for (const b of blocks) {
    const t = b.text;
    if (isPageNumber(t) || TOC_LINK.test(t)) marks[b.index] = 1;
    else if (t.length <= 80 && (counts.get(t.toLowerCase()) ?? 0) >= 5 && !/^(risks?\b|item\s)/i.test(t)) marks[b.index] = 1;
    else if (t.length <= 80 && /^\d{1,3}\s*(\||·)?\s*(table of contents)$/i.test(t)) marks[b.index] = 1;
  }
  return marks;
}
