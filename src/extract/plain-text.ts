/**
 * Plain-text filings (EDGAR `.txt` submissions before HTML, still filed by small companies)
 * carry no markup: their headings are made by layout. This turns the layout into the markup the
 * rest of the extractor reads, so one set of rules finds sections and splits factors in both:
 *
 * - lines in capitals (a heading wrapped over several lines is one heading) become bold;
 * - a single sentence on a line of its own between blank lines becomes italic (the
 *   factor-heading style of most typewritten risk-factor sections);
 * - numbered run-in headings ("7. Limited operating history. Text...") become a bold lead with
 *   the body after it, without the number (an inserted factor renumbers the ones after it, and
 *   a renumbering is not a change); a numbered heading that starts mid-line, right after the
 *   previous factor's last sentence, starts its own paragraph when it continues the numbering.
 *
 * A numbered title on a line of its own is a heading too. `<PAGE>` marks and rules drawn with
 * dashes are dropped; page numbers stand as their own paragraphs (page furniture).
 */

const PAGE_MARK = /^\s*<PAGE>\s*\d*\s*$/i;
/** A rule drawn with dashes, equals signs or underscores (often under a heading). */
const RULE_LINE = /^\s*[-=_*~]{3,}\s*$/;
/** "7. Limited operating history" on a line of its own, no full stop: a numbered title. */
const NUMBERED_TITLE = /^\(?(\d{1,2})[.)]\s+([A-Z][^.!?]*[A-Za-z)])$/;
const PAGE_NUMBER_LINE = /^\s*[-–—(]?\s*([a-z]{1,2}-)?(\d{1,3}|[ivxlc]{1,6})\s*[-–—)]?\s*$/i;
/** "7. Limited operating history. We were..." (the number, the title up to its full stop, the body). */
const NUMBERED = /^\(?(\d{1,2})[.)]\s+([A-Z][^.!?]{2,150}?[.!?:])(?:\s+(.*))?$/s;
/** A numbered heading inside a paragraph, right after a sentence ends. */
const NUMBERED_INSIDE = /([.!?]["”’)]?)\s+\(?(\d{1,2})[.)]\s+(?=[A-Z])/g;
/** A run-in title is a short phrase. */
const MAX_TITLE_WORDS = 20;
/** A sentence standing alone reads as a heading up to this length. */
const MAX_SENTENCE_HEADING_WORDS = 50;

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function isCapsLine(line: string): boolean {
  const t = line.trim();
  return t.length > 0 && t.length <= 100 && /[A-Z].*[A-Z]/.test(t) && !/[a-z]/.test(t);
}

/** One sentence: ends with terminal punctuation and has no full stop followed by a capital inside. */
function isOneSentence(text: string): boolean {
  if (!/[.!?:]["”’)]?$/.test(text)) return false;
  const words = text.split(/\s+/).length;
  if (words < 3 || words > MAX_SENTENCE_HEADING_WORDS) return false;
  return !/[a-z0-9)]["”’)]?[.!?]\s+["“(]?[A-Z]/.test(text.slice(0, -1));
}

/** Splits a paragraph before each numbered heading that continues the numbering. */
function splitNumbered(text: string, counter: { last: number }): string[] {
  const out: string[] = [];
  const first = NUMBERED.exec(text);
  if (first) counter.last = Number(first[1]);
  let from = 0;
  for (const m of text.matchAll(NUMBERED_INSIDE)) {
    const n = Number(m[2]);
    if (counter.last === 0 || n !== counter.last + 1) continue;
    const cut = m.index + m[1]!.length;
    out.push(text.slice(from, cut).trim());
    from = cut;
    counter.last = n;
  }
  out.push(text.slice(from).trim());
  return out.filter(Boolean);
}

function paragraphHtml(text: string, oneLine: boolean): string {
  const numbered = NUMBERED.exec(text);
  if (numbered && numbered[3] && numbered[2]!.split(/\s+/).length <= MAX_TITLE_WORDS) {
    return `<p><b>${escapeHtml(numbered[2]!)}</b> ${escapeHtml(numbered[3])}</p>`;
  }
  const title = oneLine ? NUMBERED_TITLE.exec(text) : null;
  if (title && title[2]!.split(/\s+/).length <= MAX_TITLE_WORDS) return `<p><b>${escapeHtml(title[2]!)}</b></p>`;
  if (oneLine && isOneSentence(text)) return `<p><i>${escapeHtml(text)}</i></p>`;
  return `<p>${escapeHtml(text)}</p>`;
}

/** Converts a plain-text document to paragraphs whose emphasis carries its layout headings. */
export function plainTextToHtml(text: string): string {
  const out: string[] = [];
  const counter = { last: 0 };
  let para: string[] = [];
  const flush = () => {
    let i = 0;
    const caps: string[] = [];
    while (i < para.length && isCapsLine(para[i]!)) caps.push(para[i++]!.trim());
    if (caps.length > 0) out.push(`<p><b>${escapeHtml(caps.join(' '))}</b></p>`);
    const lines = para.slice(i);
    const body = lines
      .map((l) => l.trim())
      .join(' ')
      .trim();
    // Only a sentence on a line of its own is a heading: a one-sentence paragraph wrapped over lines is body text.
    if (body) for (const piece of splitNumbered(body, counter)) out.push(paragraphHtml(piece, lines.length === 1));
    para = [];
  };
  for (const line of text.split(/\r?\n/)) {
    if (PAGE_MARK.test(line) || RULE_LINE.test(line)) {
      flush();
      continue;
    }
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (PAGE_NUMBER_LINE.test(line)) {
      flush();
      out.push(`<p>${escapeHtml(line.trim())}</p>`);
      continue;
    }
    para.push(line);
  }
  flush();
  return out.join('\n');
}
