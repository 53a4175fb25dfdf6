import { Parser } from 'htmlparser2';
import { parseClassRules, parseStyle, type StyleFacts } from './css.js';
import { collapseSpace, wordCount } from './text.js';

/**
 * One visual paragraph of a filing: a `<p>`, `<div>`, list item, heading, or a whole table
 * row (cells joined), with how much of its text is emphasised. Extraction reasons over
 * these, never over a DOM: building a tree for a 5 MB filing costs more than the whole job.
 */
export interface Block {
  index: number;
  text: string;
  /** Non-space characters, and how many of them are bold / italic / underlined. */
  chars: number;
  bold: number;
  italic: number;
  underline: number;
  /** The leading emphasised run (a run-in heading such as "<i>Title:</i> body..."), or "". */
  lead: string;
  leadBold: boolean;
  leadItalic: boolean;
  /** Largest font size seen in the block, in points (0 when unknown). */
  fontSize: number;
  /** Colour of the first text run ("" when unset). */
  color: string;
  center: boolean;
  inTable: boolean;
  /** Text of a link (`<a href>`) makes up the whole block: "Table of Contents" jumps, TOC rows. */
  allLink: boolean;
  /** Word count, computed on first use by `blockWords` (-1 until then). */
  wordCount: number;
}

/** A block's word count, computed once. */
export function blockWords(b: Block): number {
  if (b.wordCount < 0) b.wordCount = wordCount(b.text);
  return b.wordCount;
}

interface Frame {
  bold: boolean;
  italic: boolean;
  underline: boolean;
  hidden: boolean;
  transform: 'upper' | 'lower' | 'none';
  fontSize: number;
  color: string;
  center: boolean;
  link: boolean;
}

const BLOCK_TAGS = new Set([
  'p', 'div', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'tr', 'br', 'hr', 'center',
  'blockquote', 'section', 'article', 'header', 'footer', 'dl', 'dt', 'dd', 'pre', 'body', 'html', 'page', 'form',
]);
const SKIP_TAGS = new Set(['head', 'script', 'style', 'title', 'ix:header', 'noscript', 'template', 'xml']);
const CELL_TAGS = new Set(['td', 'th']);
/** Past this depth frames are shared, so deep nesting stays small in memory. */
const MAX_STYLED_DEPTH = 512;
/**
 * Real filings nest a few dozen elements deep. htmlparser2 keeps its open-element stack with
 * Array.unshift, so each tag costs time proportional to the depth: a file of millions of
 * unclosed tags would take hours. Past this depth the document is refused, with the place.
 */
export const MAX_DEPTH = 4096;

/** The document nests elements deeper than any filing does. */
export class NestingTooDeepError extends Error {
  constructor(readonly offset: number) {
    super(`elements nested more than ${MAX_DEPTH} deep (at byte ${offset}); this is not a filing's markup`);
  }
}

const ROOT: Frame = { bold: false, italic: false, underline: false, hidden: false, transform: 'none', fontSize: 0, color: '', center: false, link: false };

const NO_FACTS: StyleFacts = Object.freeze({});

function sameFrame(a: Frame, b: Frame): boolean {
  return a.bold === b.bold && a.italic === b.italic && a.underline === b.underline && a.hidden === b.hidden && a.transform === b.transform && a.fontSize === b.fontSize && a.color === b.color && a.center === b.center && a.link === b.link;
}

/** Text that renders something: anything but whitespace and zero-width characters. */
const VISIBLE = /[^\s\u200b\u200c\u200d\u2060]/;
const ZERO_WIDTH = /[\u200b\u200c\u200d\u2060]/;

/**
 * Streams HTML into blocks in one pass. Hidden elements (`display:none`), the inline-XBRL
 * header, scripts and styles never produce text; `text-transform` is applied as a browser
 * would (a filing may store "RISK FACTORS" and render "Risk factors").
 */
export function htmlToBlocks(html: string): Block[] {
  const blocks: Block[] = [];
  const stack: Frame[] = [ROOT];
  const classRules = new Map<string, StyleFacts>();
  // Filings repeat a handful of style strings thousands of times: parse each once.
  const factsCache = new Map<string, StyleFacts>();
  const styleFacts = (style: string | undefined, cls: string | undefined): StyleFacts => {
    const key = cls && classRules.size > 0 ? `${cls}\u0000${style ?? ''}` : (style ?? '');
    let facts = factsCache.get(key);
    if (facts === undefined) {
      facts = {};
      if (cls && classRules.size > 0) for (const c of cls.split(/\s+/)) Object.assign(facts, classRules.get(c));
      if (style) Object.assign(facts, parseStyle(style));
      if (Object.keys(facts).length === 0) facts = NO_FACTS;
      factsCache.set(key, facts);
    }
    return facts;
  };
  let skipDepth = 0;
  let inStyle = false;
  let cssText = '';
  let tableRowDepth = 0;

  let parts: string[] = [];
  let leadParts: string[] = [];
  let leadOpen = true;
  let leadBold = false;
  let leadItalic = false;
  let chars = 0, bold = 0, italic = 0, underline = 0, linkChars = 0;
  let fontSize = 0;
  let color = '';
  let colorSet = false;
  let center = false;
  let zeroWidth = false;

  const flush = (inTable: boolean) => {
    if (chars === 0) {
      parts = [];
      leadParts = [];
      leadOpen = true;
      return;
    }
    const text = collapseSpace(parts.join(''), zeroWidth);
    const lead = leadOpen ? '' : collapseSpace(leadParts.join(''), zeroWidth);
    blocks.push({
      index: blocks.length, text, chars, bold, italic, underline, lead, leadBold, leadItalic,
      fontSize, color, center, inTable, allLink: linkChars === chars, wordCount: -1,
    });
    parts = [];
    leadParts = [];
    leadOpen = true;
    leadBold = leadItalic = false;
    chars = bold = italic = underline = linkChars = 0;
    zeroWidth = false;
    fontSize = 0;
    color = '';
    colorSet = false;
    center = false;
  };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (skipDepth > 0 || SKIP_TAGS.has(name)) {
          skipDepth++;
          if (name === 'style') inStyle = true;
          return;
        }
        const parent = stack[stack.length - 1]!;
        if (stack.length > MAX_DEPTH) throw new NestingTooDeepError(parser.startIndex);
        if (BLOCK_TAGS.has(name)) {
          if (name === 'tr') {
            flush(tableRowDepth > 0);
            tableRowDepth++;
          } else if (tableRowDepth === 0 || name === 'table') flush(false);
        } else if (CELL_TAGS.has(name) && chars > 0) parts.push(' ');
        if (stack.length > MAX_STYLED_DEPTH) {
          stack.push(parent);
          return;
        }
        const style = attribs.style;
        const cls = attribs.class;
        const found = style || (cls && classRules.size > 0) ? styleFacts(style, cls) : NO_FACTS;
        const facts = found === NO_FACTS ? undefined : found;
        const tagBold = name === 'b' || name === 'strong' || (name.length === 2 && name.charCodeAt(0) === 104 && name.charCodeAt(1) >= 49 && name.charCodeAt(1) <= 54);
        const tagItalic = name === 'i' || name === 'em';
        const tagUnderline = name === 'u';
        const align = attribs.align;
        const tagCenter = name === 'center' || (align !== undefined && align.toLowerCase() === 'center');
        const link = name === 'a' && attribs.href !== undefined;
        // Most elements change nothing that matters: they share their parent's frame.
        let frame = parent;
        if (facts !== undefined || tagBold || tagItalic || tagUnderline || tagCenter || link) {
          const next: Frame = {
            bold: facts?.bold ?? (tagBold || parent.bold),
            italic: facts?.italic ?? (tagItalic || parent.italic),
            underline: facts?.underline ?? (tagUnderline || parent.underline),
            hidden: parent.hidden || facts?.hidden === true,
            transform: facts?.transform ?? parent.transform,
            fontSize: facts?.fontSize ?? parent.fontSize,
            color: facts?.color ?? parent.color,
            center: facts?.center ?? (tagCenter || parent.center),
            link: link || parent.link,
          };
          if (!sameFrame(next, parent)) frame = next;
        }
        stack.push(frame);
      },
      ontext(data) {
        if (skipDepth > 0) {
          if (inStyle) cssText += data;
          return;
        }
        const f = stack[stack.length - 1]!;
        if (f.hidden) return;
        // Emphasis is measured in characters of text; a node's length is close enough and costs nothing.
        const n = VISIBLE.test(data) ? data.length : 0;
        if (n > 0 && ZERO_WIDTH.test(data)) zeroWidth = true;
        if (n === 0) {
          // Whitespace between tags only separates words: one space does that.
          parts.push(' ');
          if (leadOpen) leadParts.push(' ');
          return;
        }
        const text = f.transform === 'none' ? data : f.transform === 'upper' ? data.toUpperCase() : data.toLowerCase();
        parts.push(text);
        if (chars === 0) center = f.center;
        chars += n;
        if (f.bold) bold += n;
        if (f.italic) italic += n;
        if (f.underline) underline += n;
        if (f.link) linkChars += n;
        if (f.fontSize > fontSize) fontSize = f.fontSize;
        if (!colorSet) {
          color = f.color;
          colorSet = true;
        }
        if (leadOpen) {
          if (f.bold || f.italic) {
            if (leadParts.length === 0 || chars === n) {
              leadBold = f.bold;
              leadItalic = f.italic;
            }
            if (f.bold === leadBold && f.italic === leadItalic) leadParts.push(text);
            else leadOpen = false;
          } else leadOpen = false;
        }
      },
      onclosetag(name) {
        if (skipDepth > 0) {
          skipDepth--;
          if (name === 'style') {
            inStyle = false;
            parseClassRules(cssText, classRules);
            cssText = '';
          }
          return;
        }
        if (stack.length > 1) stack.pop();
        if (name === 'tr') {
          if (tableRowDepth > 0) tableRowDepth--;
          flush(true);
        } else if (BLOCK_TAGS.has(name) && (tableRowDepth === 0 || name === 'table')) {
          if (name === 'table') tableRowDepth = 0;
          flush(false);
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  flush(false);
  return blocks;
}
