import { escapeHtml, type Paragraph } from './plain-text-paragraph.js';
import {
  findSentenceHeadings,
  resolveTitleLines,
  resolveWrappedSentences,
} from './plain-text-headings.js';
import { readParagraphs } from './plain-text-lines.js';

/**
 * Plain-text filings (EDGAR `.txt` submissions before HTML, still filed by small companies)
 * carry no markup: their headings are made by layout. This turns the layout into the markup the
 * rest of the extractor reads, so one set of rules finds sections and splits factors in both:
 *
 * - lines in capitals (a heading wrapped over several lines is one heading) become bold, and
 *   centred when indented far (a section title), so a section's own capital headings do not
 *   read as the next section;
 * - a single sentence on a line of its own between blank lines becomes italic (the
 *   factor-heading style of most typewritten risk-factor sections) where it introduces a body:
 *   a short body can be one sentence on one line too, and headings and bodies alternate; a
 *   sentence wrapped over two or three lines is a heading when set flush against an indented body;
 * - an unnumbered run-in title in Title Case ("Dependence on Key Customers. The Company...")
 *   becomes a bold lead, as a numbered one does;
 * - numbered run-in headings ("7. Limited operating history. Text...") become a bold lead with
 *   the body after it, without the number (an inserted factor renumbers the ones after it, and
 *   a renumbering is not a change); a numbered heading that starts mid-line, right after the
 *   previous factor's last sentence, starts its own paragraph when it continues the numbering.
 *
 * A numbered title on a line of its own is a heading too, and so is a short line ruled
 * underneath with dashes or underscores, and a Title-Case phrase on a line of its own over a
 * body paragraph ("Raw Material Costs"). Paragraphs are separated by blank lines, or by a first
 * line indented further after a sentence ends. `<PAGE>` marks, EDGAR's table tags and rules
 * drawn with dashes are dropped; page numbers stand as their own paragraphs (page furniture).
 */

/** Marks up each paragraph: capitals bold (centred when indented far), sentence headings italic. */
function renderParagraphs(paras: Paragraph[], headings: Set<number>): string {
  return paras
    .map((p, i) => {
      if (p.kind === 'other') return p.html;
      if (p.kind === 'caps')
        return `<p${p.center ? ' align="center"' : ''}><b>${escapeHtml(p.text)}</b></p>`;
      if (p.kind === 'sentence-line' && headings.has(i))
        return `<p><i>${escapeHtml(p.text)}</i></p>`;
      return `<p>${escapeHtml(p.text)}</p>`;
    })
    .join('\n');
}

/**
 * Converts a plain-text document to paragraphs whose emphasis carries its layout headings. The
 * steps: read the lines into paragraphs (plain-text-lines.ts), each classified by its own text
 * (plain-text-paragraph.ts); decide the wrapped sentences and Title-Case lines, then which
 * one-line sentences are headings, by their neighbours (plain-text-headings.ts); mark up.
 */
export function plainTextToHtml(text: string): string {
  const paras = readParagraphs(text);
  resolveWrappedSentences(paras);
  resolveTitleLines(paras);
  const headings = findSentenceHeadings(paras);
  return renderParagraphs(paras, headings);
}
