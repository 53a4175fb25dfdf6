import { wordCount } from '../text/normalize.js';

// What one paragraph of a plain-text filing is, read from its own text and lines: a numbered or
// run-in heading (marked up at once), or a shape whose reading its neighbours decide
// (plain-text-headings.ts).

/** "7. Limited operating history" on a line of its own, no full stop: a numbered title. */
const NUMBERED_TITLE = /^\(?(\d{1,2})[.)]\s+([A-Z][^.!?]*[A-Za-z)])$/;
/** "7. Limited operating history. We were..." (the number, the title up to its full stop, the body). */
export const NUMBERED = /^\(?(\d{1,2})[.)]\s+([A-Z][^.!?]{2,150}?[.!?:])(?:\s+(.*))?$/s;
/** A run-in title is a short phrase. */
export const MAX_TITLE_WORDS = 20;
/** A sentence standing alone reads as a heading up to this length. */
const MAX_SENTENCE_HEADING_WORDS = 50;

/**
 * A line indented this far is centred (a typewritten page is 60-80 columns and paragraphs indent
 * by five): section titles are centred, the headings inside a section usually are not.
 */
export const CENTRED_INDENT = 10;

/** The filing's own `&`, `<` and `>` as text, not markup, in the HTML the extractor reads. */
export const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** One sentence: ends with terminal punctuation and has no full stop followed by a capital inside. */
function isOneSentence(text: string): boolean {
  if (!/[.!?:]["”’)]?$/.test(text)) return false;
  const words = text.split(/\s+/).length;
  if (words < 3 || words > MAX_SENTENCE_HEADING_WORDS) return false;
  // A sentence ends at a full stop after a lower-case word, a number, or a word in capitals ("SUPPLIER. Our..."), not after an initial ("U.S. Government").
  return !/([a-z0-9)]|[A-Z]{2})["”’)]?[.!?]\s+["“(]?[A-Z]/.test(text.slice(0, -1));
}

/** A paragraph read from the layout: what it is decides how it is marked up. */
export type Paragraph =
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
export const MIN_PHRASE_BODY_WORDS = 15;

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
export const MAX_HEADING_LINES = 3;

/**
 * Classifies one paragraph by its text and the lines it took: a numbered run-in heading, a
 * numbered title on a line of its own, a sentence (on one line or wrapped), a Title-Case or
 * sentence-case phrase on a line of its own, a Title-Case run-in title, or a body paragraph.
 */
export function classifyParagraph(text: string, lines: number, indent: number): Paragraph {
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
