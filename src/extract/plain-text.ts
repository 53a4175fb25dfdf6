import { wordCount } from '../text/normalize.js';

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

/**
 * A line indented this far is centred (a typewritten page is 60-80 columns and paragraphs indent
 * by five): section titles are centred, the headings inside a section usually are not.
 */
const CENTRED_INDENT = 10;

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

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function isCapsLine(line: string): boolean {
  const t = line.trim();
  return t.length > 0 && t.length <= 100 && /[A-Z].*[A-Z]/.test(t) && !/[a-z]/.test(t);
}

/** One sentence: ends with terminal punctuation and has no full stop followed by a capital inside. */
function isOneSentence(text: string): boolean {
  if (!/[.!?:]["”’)]?$/.test(text)) return false;
  const words = text.split(/\s+/).length;
  if (words < 3 || words > MAX_SENTENCE_HEADING_WORDS) return false;
  // A sentence ends at a full stop after a lower-case word, a number, or a word in capitals ("SUPPLIER. Our..."), not after an initial ("U.S. Government").
  return !/([a-z0-9)]|[A-Z]{2})["”’)]?[.!?]\s+["“(]?[A-Z]/.test(text.slice(0, -1));
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

/** A paragraph read from the layout: what it is decides how it is marked up. */
type Paragraph =
  | { kind: 'caps'; text: string; center: boolean }
  | { kind: 'page'; text: string }
  /** A sentence on a line of its own: a heading or a one-line body, decided by its neighbours. */
  | { kind: 'sentence-line'; text: string }
  /**
   * A Title-Case phrase on a line of its own: a heading when a body paragraph follows it; one in
   * sentence case (`sentenceCase`) only when that body is a full paragraph.
   */
  | { kind: 'title-line'; text: string; indent: number; sentenceCase: boolean }
  /** One sentence wrapped over two or three lines: a heading when the body after it is indented further. */
  | { kind: 'wrapped-sentence'; text: string; indent: number }
  /** `plain`: a body paragraph (no heading in it); `indent`: its first line's. */
  | { kind: 'other'; html: string; plain: boolean; indent: number };

/** Words a Title-Case heading leaves in lower case. */
const MINOR_WORDS = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'by',
  'for',
  'from',
  'in',
  'into',
  'of',
  'on',
  'or',
  'the',
  'to',
  'upon',
  'with',
  'vs',
  'our',
  'its',
  'not',
  'no',
]);
/** A phrase ending in one of these is a name ("Northwind Instruments, Inc. (the Company)"), not a title. */
const NAME_END = /\b(Inc|Corp|Co|Ltd|LLC|L\.P|N\.V|S\.A|plc|U\.S|Mr|Mrs|Ms|Dr|No|St)$/;
/** "Dependence on Key Customers. The Company's three largest..." (the title, the body). */
const TITLE_RUN_IN = /^([A-Z][^.!?]{2,120}?)\.\s+(?=["“(]?[A-Z])(.+)$/s;

/**
 * A run-in title set in Title Case with no number and no emphasis, as typewritten annual
 * reports of the 1990s print their risks ("Year 2000 Compliance. The Company is..."): every
 * word capitalised but the small ones, at most twelve words.
 */
function titleRunIn(text: string): { title: string; body: string } | null {
  const m = TITLE_RUN_IN.exec(text);
  if (!m || !isTitleCase(m[1]!)) return null;
  return { title: `${m[1]!}.`, body: m[2]! };
}

/** At most twelve words, every one capitalised but the small ones, and not a name. */
function isTitleCase(phrase: string): boolean {
  if (NAME_END.test(phrase)) return false;
  const ws = phrase.split(/\s+/);
  if (ws.length > 12) return false;
  for (const w of ws) {
    const word = w.replace(/^[("“'-]+|[)"”',;:-]+$/g, '');
    if (word === '' || /^[A-Z0-9$&]/.test(word) || MINOR_WORDS.has(word)) continue;
    return false;
  }
  return true;
}

/** "Dependence on Automotive Industry" on a line of its own: a Title-Case phrase without a full stop. */
function isTitleLine(text: string): boolean {
  return (
    /^[A-Z]/.test(text) && /[a-z]/.test(text) && !/[.!?:;,]["”’)]?$/.test(text) && isTitleCase(text)
  );
}

/** Most words of a heading set in sentence case without a full stop ("Dependence on a small number of customers"). */
const MAX_PHRASE_WORDS = 10;
/** Fewest words of the body under such a heading: a heading introduces a paragraph, not a line. */
const MIN_PHRASE_BODY_WORDS = 15;

/**
 * "Currency fluctuations" on a line of its own: a phrase in sentence case without a full stop, as
 * foreign issuers' typewritten annual reports set their risk factors. Read as a heading only
 * over a full body paragraph (see resolveTitleLines): alone it is as likely a line of a table.
 */
function isPhraseLine(text: string): boolean {
  const n = wordCount(text);
  return (
    /^[A-Z][a-z]/.test(text) &&
    !/[.!?:;,]["”’)]?$/.test(text) &&
    !NAME_END.test(text) &&
    n >= 2 &&
    n <= MAX_PHRASE_WORDS
  );
}

/** Most lines a wrapped sentence heading takes. */
const MAX_HEADING_LINES = 3;

function paragraphOf(text: string, lines: number, indent: number): Paragraph {
  const heading = (html: string): Paragraph => ({ kind: 'other', html, plain: false, indent });
  const numbered = NUMBERED.exec(text);
  if (numbered && numbered[3] && numbered[2]!.split(/\s+/).length <= MAX_TITLE_WORDS) {
    return heading(`<p><b>${escapeHtml(numbered[2]!)}</b> ${escapeHtml(numbered[3])}</p>`);
  }
  const title = lines === 1 ? NUMBERED_TITLE.exec(text) : null;
  if (title && title[2]!.split(/\s+/).length <= MAX_TITLE_WORDS)
    return heading(`<p><b>${escapeHtml(title[2]!)}</b></p>`);
  if (lines <= MAX_HEADING_LINES && isOneSentence(text))
    return lines === 1
      ? { kind: 'sentence-line', text }
      : { kind: 'wrapped-sentence', text, indent };
  if (lines === 1 && isTitleLine(text))
    return { kind: 'title-line', text, indent, sentenceCase: false };
  if (lines === 1 && isPhraseLine(text))
    return { kind: 'title-line', text, indent, sentenceCase: true };
  const runIn = titleRunIn(text);
  if (runIn) return heading(`<p><b>${escapeHtml(runIn.title)}</b> ${escapeHtml(runIn.body)}</p>`);
  return { kind: 'other', html: `<p>${escapeHtml(text)}</p>`, plain: true, indent };
}

/**
 * Which one-line sentences are headings. A heading introduces a body, so in a run of one-line
 * sentences headings and bodies alternate, and the run's last sentence is a heading only when
 * a body paragraph follows the run (page numbers between them aside). "We have never made a
 * profit." / "We have lost money in every quarter." / "We need more money." / <paragraph> reads
 * heading, body, heading.
 */
function sentenceHeadings(paras: Paragraph[]): Set<number> {
  const headings = new Set<number>();
  let i = 0;
  while (i < paras.length) {
    if (paras[i]!.kind !== 'sentence-line') {
      i++;
      continue;
    }
    const run: number[] = [];
    let j = i;
    for (; j < paras.length; j++) {
      const k = paras[j]!.kind;
      if (k === 'sentence-line') run.push(j);
      else if (k !== 'page') break;
    }
    const next = paras[j];
    let heading = next !== undefined && next.kind === 'other' && next.plain;
    for (let r = run.length - 1; r >= 0; r--) {
      if (heading) headings.add(run[r]!);
      heading = !heading;
    }
    i = j;
  }
  return headings;
}

/**
 * A sentence wrapped over a few lines is a heading when set flush against a body indented
 * further ("We have a history of losses and may not\nbecome profitable." then an indented
 * paragraph); otherwise it is a short body paragraph. Headings are then decided with the
 * one-line sentences.
 */
function resolveWrappedSentences(paras: Paragraph[]): void {
  // From the end, so that the paragraph after each one is already decided (bodies can be wrapped sentences too).
  for (let i = paras.length - 1; i >= 0; i--) {
    const p = paras[i]!;
    if (p.kind !== 'wrapped-sentence') continue;
    let j = i + 1;
    while (j < paras.length && paras[j]!.kind === 'page') j++;
    const next = paras[j];
    paras[i] =
      next !== undefined && next.kind === 'other' && next.plain && next.indent > p.indent
        ? { kind: 'sentence-line', text: p.text }
        : { kind: 'other', html: `<p>${escapeHtml(p.text)}</p>`, plain: true, indent: p.indent };
  }
}

/**
 * A Title-Case line is a heading when a body paragraph follows it ("Raw Material Costs" over
 * the paragraph on them), centred when indented far (a section title); otherwise it is text.
 */
function resolveTitleLines(paras: Paragraph[]): void {
  for (let i = 0; i < paras.length; i++) {
    const p = paras[i]!;
    if (p.kind !== 'title-line') continue;
    let j = i + 1;
    while (j < paras.length && paras[j]!.kind === 'page') j++;
    const next = paras[j];
    const fullBody = (html: string) =>
      wordCount(html.replace(/<[^>]*>/g, ' ')) >= MIN_PHRASE_BODY_WORDS;
    const heading =
      next !== undefined &&
      next.kind === 'other' &&
      next.plain &&
      (!p.sentenceCase || fullBody(next.html));
    const center = p.indent >= CENTRED_INDENT ? ' align="center"' : '';
    paras[i] = {
      kind: 'other',
      html: heading
        ? `<p${center}><b>${escapeHtml(p.text)}</b></p>`
        : `<p>${escapeHtml(p.text)}</p>`,
      plain: !heading,
      indent: p.indent,
    };
  }
}

/** Converts a plain-text document to paragraphs whose emphasis carries its layout headings. */
export function plainTextToHtml(text: string): string {
  const paras: Paragraph[] = [];
  const counter = { last: 0 };
  let para: string[] = [];
  /** `rule`: the length of a rule drawn under the paragraph (0 for none). */
  const flush = (rule = 0) => {
    // A short line (or two) underlined (a rule no wider than the text, not a separator across the
    // page) is a heading, whatever its case: "Dependence on Key Personnel" over dashes.
    const underlined =
      rule > 0 &&
      para.length > 0 &&
      para.length <= 2 &&
      rule <= Math.max(...para.map((l) => l.trim().length)) + 4;
    if (underlined && !isCapsLine(para[0]!)) {
      const title = para
        .map((l) => l.trim())
        .join(' ')
        .replace(LEADING_NUMBER, '');
      if (wordCount(title) <= MAX_TITLE_WORDS) {
        paras.push({
          kind: 'other',
          html: `<p><b>${escapeHtml(title)}</b></p>`,
          plain: false,
          indent: indentOf(para[0]!),
        });
        para = [];
        return;
      }
    }
    let i = 0;
    const caps: string[] = [];
    while (i < para.length && isCapsLine(para[i]!)) caps.push(para[i++]!.trim());
    // The number of a numbered heading is dropped, as in run-in headings (an insertion renumbers the rest).
    if (caps.length > 0)
      paras.push({
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
        paras.push(
          paragraphOf(
            piece,
            pieces.length === 1 ? lines.length : MAX_HEADING_LINES + 1,
            indentOf(lines[0]!),
          ),
        );
    }
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
  resolveWrappedSentences(paras);
  resolveTitleLines(paras);
  const headings = sentenceHeadings(paras);
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
