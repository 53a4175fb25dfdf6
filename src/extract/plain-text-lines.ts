import { wordCount } from '../text/normalize.js';
import {
  CENTRED_INDENT,
  classifyParagraph,
  escapeHtml,
  MAX_HEADING_LINES,
  MAX_TITLE_WORDS,
  NUMBERED,
  type Paragraph,
} from './plain-text-paragraph.js';

// From lines to paragraphs: where a paragraph ends (a blank line, a rule, a page mark, an
// indented first line after a sentence ends), and what its lines say before its text is read.

const PAGE_MARK = /^\s*<PAGE>\s*\d*\s*$/i;
/** EDGAR's tags around a table in a text filing, on lines of their own; `<S>` and `<C>` mark its columns. */
const TABLE_MARK = /^\s*<\/?(TABLE|CAPTION|FN)>\s*$/i;
const COLUMN_MARK = /<[SC]>/g;
/**
 * A rule drawn with dashes, equals signs or underscores (often under a heading). EDGAR's
 * conversion of typewritten filings set a line's leading dash apart ("- ------------"), so a
 * rule may open with a lone dash and a space.
 */
const RULE_LINE = /^\s*(-\s)?[-=_*~]{3,}\s*$/;
const PAGE_NUMBER_LINE = /^\s*[-–—(]?\s*([a-z]{1,2}-)?(\d{1,3}|[ivxlc]{1,6})\s*[-–—)]?\s*$/i;
/** A numbered heading inside a paragraph, right after a sentence ends. */
const NUMBERED_INSIDE = /([.!?]["”’)]?)\s+\(?(\d{1,2})[.)]\s+(?=[A-Z])/g;
/** A first line indented this much further than the line before starts a paragraph. */
const PARAGRAPH_INDENT = 3;
const SENTENCE_END = /[.!?:]["”’)]?$/;
/** "1.", "(2)" before a heading. */
const LEADING_NUMBER = /^\(?\d{1,2}[.)]\s+/;

/** Leading blank columns of a line, a tab counting as the next multiple of eight. */
function indentOf(line: string): number {
  let col = 0;
  for (const c of line) {
    if (c === ' ') col++;
    else if (c === '\t') col = (Math.floor(col / 8) + 1) * 8;
    else break;
  }
  return col;
}

function isCapsLine(line: string): boolean {
  const t = line.trim();
  return t.length > 0 && t.length <= 100 && /[A-Z].*[A-Z]/.test(t) && !/[a-z]/.test(t);
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

/**
 * A short line (or two) underlined (a rule no wider than the text, not a separator across the
 * page) is a heading, whatever its case: "Dependence on Key Personnel" over dashes. Lines in
 * capitals are read as capitals instead, and a long underlined passage as text.
 *
 * @param rule the length of the rule drawn under the lines (0 for none).
 */
function readUnderlinedTitle(para: string[], rule: number): Paragraph | null {
  const underlined =
    rule > 0 &&
    para.length > 0 &&
    para.length <= 2 &&
    rule <= Math.max(...para.map((l) => l.trim().length)) + 4;
  if (!underlined || isCapsLine(para[0]!)) return null;
  const title = para
    .map((l) => l.trim())
    .join(' ')
    .replace(LEADING_NUMBER, '');
  if (wordCount(title) > MAX_TITLE_WORDS) return null;
  return {
    kind: 'other',
    html: `<p><b>${escapeHtml(title)}</b></p>`,
    plain: false,
    indent: indentOf(para[0]!),
  };
}

/**
 * Reads the lines of one paragraph: an underlined title; else its leading lines in capitals (a
 * heading wrapped over several lines is one heading), then the rest of its text, split before
 * each numbered heading that continues the numbering (`counter`) and classified piece by piece.
 */
function readParagraph(para: string[], rule: number, counter: { last: number }): Paragraph[] {
  const title = readUnderlinedTitle(para, rule);
  if (title) return [title];
  const out: Paragraph[] = [];
  let i = 0;
  const caps: string[] = [];
  while (i < para.length && isCapsLine(para[i]!)) caps.push(para[i++]!.trim());
  // The number of a numbered heading is dropped, as in run-in headings (an insertion renumbers the rest).
  if (caps.length > 0)
    out.push({
      kind: 'caps',
      text: caps.join(' ').replace(LEADING_NUMBER, ''),
      center: indentOf(para[0]!) >= CENTRED_INDENT,
    });
  const lines = para.slice(i);
  const body = lines
    .map((l) => l.trim())
    .join(' ')
    .trim();
  if (body) {
    const pieces = splitNumbered(body, counter);
    // A paragraph split at numbered headings is read piece by piece, each as if on lines of its own.
    for (const piece of pieces)
      out.push(
        classifyParagraph(
          piece,
          pieces.length === 1 ? lines.length : MAX_HEADING_LINES + 1,
          indentOf(lines[0]!),
        ),
      );
  }
  return out;
}

/**
 * Splits a plain-text document into paragraphs and reads each. Paragraphs are separated by
 * blank lines, or by a first line indented further after a sentence ends. `<PAGE>` marks,
 * EDGAR's table tags and rules drawn with dashes end a paragraph and are dropped (a rule right
 * under a short paragraph underlines a title); page numbers stand as their own paragraphs.
 */
export function readParagraphs(text: string): Paragraph[] {
  const paras: Paragraph[] = [];
  const counter = { last: 0 };
  let para: string[] = [];
  /** `rule`: the length of a rule drawn under the paragraph (0 for none). */
  const flush = (rule = 0) => {
    for (const p of readParagraph(para, rule, counter)) paras.push(p);
    para = [];
  };
  for (const line of text.split(/\r?\n/)) {
    if (PAGE_MARK.test(line) || RULE_LINE.test(line) || TABLE_MARK.test(line)) {
      flush(RULE_LINE.test(line) ? line.trim().length : 0);
      continue;
    }
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (PAGE_NUMBER_LINE.test(line)) {
      flush();
      paras.push({ kind: 'page', text: line.trim() });
      continue;
    }
    // Paragraphs set without blank lines between them start with an indented first line.
    const prev = para[para.length - 1];
    if (
      prev !== undefined &&
      indentOf(line) >= indentOf(prev) + PARAGRAPH_INDENT &&
      SENTENCE_END.test(prev.trimEnd())
    )
      flush();
    para.push(line.includes('<') ? line.replace(COLUMN_MARK, '   ') : line);
  }
  flush();
  return paras;
}
