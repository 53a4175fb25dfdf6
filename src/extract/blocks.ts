import { Tokenizer } from 'htmlparser2';
import { parseClassRules, parseStyle, type StyleFacts } from './css.js';
import { collapseSpace, wordCount } from '../text/normalize.js';

/**
 * One visual paragraph of a filing: a `<p>`, `<div>`, list item, heading, or a whole table
 * row (cells joined), with how much of its text is emphasised. Extraction reasons over
 * these, never over a DOM: building a tree for a 5 MB filing costs more than the whole job.
 */
export interface Block {
  index: number;
  text: string;
  /** Characters of visible text, and how many of them are bold / italic / underlined. */
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
  /** Table cells of the row that hold text (0 outside tables): a one-cell row is a disguised paragraph. */
  cells: number;
  /** Text of a link (`<a href>`) makes up the whole block: "Table of Contents" jumps, TOC rows. */
  allLink: boolean;
  /** Word count, computed on first use by `blockWords` (-1 until then). */
  wordCount: number;
}

/**
 * A block whose text is joined and whitespace-collapsed only when read: most of a filing lies
 * outside its Risk Factors section, and long paragraphs there are never looked at.
 */
class LazyTextBlock implements Block {
  index!: number;
  chars!: number;
  bold!: number;
  italic!: number;
  underline!: number;
  lead!: string;
  leadBold!: boolean;
  leadItalic!: boolean;
  fontSize!: number;
  color!: string;
  center!: boolean;
  inTable!: boolean;
  cells!: number;
  allLink!: boolean;
  wordCount!: number;
  private raw: string[];
  private zeroWidth: boolean;
  private collapsed: string | undefined;

  constructor(raw: string[], zeroWidth: boolean, fields: Omit<Block, 'text'>) {
    Object.assign(this, fields);
    // Assigned after the fields, which may be another block spread (with its own raw text).
    this.raw = raw;
    this.zeroWidth = zeroWidth;
    this.collapsed = undefined;
  }

  get text(): string {
    return (this.collapsed ??= collapseSpace(this.raw.join(''), this.zeroWidth));
  }

  /** The pieces of one table row as one block, still unread. */
  static concat(parts: LazyTextBlock[], fields: Omit<Block, 'text'>): LazyTextBlock {
    const raw: string[] = [];
    for (const p of parts) raw.push(...(p.collapsed !== undefined ? [p.collapsed] : p.raw), ' ');
    return new LazyTextBlock(raw, parts.some((p) => p.zeroWidth), fields);
  }
}

/** Which emphases cover at least `share` of a block's text. */
export function emphasisOf(b: Block, share: number): { bold: boolean; italic: boolean; underline: boolean } {
  return { bold: b.bold >= b.chars * share, italic: b.italic >= b.chars * share, underline: b.underline >= b.chars * share };
}

/** A block's word count, computed once. */
export function blockWords(b: Block): number {
  if (b.wordCount < 0) b.wordCount = wordCount(b.text);
  return b.wordCount;
}

/** What an element passes to the text inside it. */
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
/** Elements whose text is never rendered (the inline-XBRL header among them). */
const HIDDEN_TAGS = new Set(['head', 'script', 'style', 'title', 'ix:header', 'noscript', 'template', 'xml']);
const VOID_TAGS = new Set(['area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input', 'isindex', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Opening one of these closes an open `<p>` on top of the stack, as browsers (and htmlparser2) do. */
const CLOSES_P = new Set(['p', 'div', 'table', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'center', 'pre', 'dl', 'section', 'header', 'footer', 'form', 'hr']);
const CELL_TAGS = new Set(['td', 'th']);
/** Attributes read; all others are skipped without building strings. */
const WANTED_ATTRS = new Set(['style', 'class', 'align', 'href', 'size']);
/** `<font size=N>` in points, as browsers render sizes 1-7 (older filings size text this way). */
const FONT_SIZE_PT = [0, 7.5, 10, 12, 13.5, 18, 24, 36];
/** A table row holding this many paragraphs, or this much text, is page layout, not a table line. */
const LAYOUT_ROW_PARAGRAPHS = 6;
const LAYOUT_ROW_CHARS = 3000;
/**
 * Real filings nest a few dozen elements deep. Past this depth elements are counted, not
 * stacked, so a file of millions of unclosed tags stays linear in time and small in memory.
 */
export const MAX_DEPTH = 4096;

const ROOT: Frame = { bold: false, italic: false, underline: false, hidden: false, transform: 'none', fontSize: 0, color: '', center: false, link: false };
const NO_FACTS: StyleFacts = Object.freeze({});

/** `size="4"`, or relative to the default 3 (`size="+1"`), in points. */
function fontSizeAttribute(value: string): number | undefined {
  const n = Number.parseInt(value, 10);
  if (!Number.isFinite(n)) return undefined;
  const size = /^\s*[+-]/.test(value) ? 3 + n : n;
  return FONT_SIZE_PT[Math.min(7, Math.max(1, size))];
}

function sameFrame(a: Frame, b: Frame): boolean {
  return a.bold === b.bold && a.italic === b.italic && a.underline === b.underline && a.hidden === b.hidden && a.transform === b.transform && a.fontSize === b.fontSize && a.color === b.color && a.center === b.center && a.link === b.link;
}

/** Text that renders something: anything but whitespace and zero-width characters. */
const VISIBLE = /[^\s\u200b\u200c\u200d\u2060]/;
const ZERO_WIDTH = /[\u200b\u200c\u200d\u2060]/;

/** Accumulates the text of the block being read, with its emphasis counts. */
class BlockBuilder {
  readonly blocks: Block[] = [];
  private parts: string[] = [];
  private leadParts: string[] = [];
  private leadOpen = true;
  private leadBold = false;
  private leadItalic = false;
  private chars = 0;
  private bold = 0;
  private italic = 0;
  private underline = 0;
  private linkChars = 0;
  private fontSize = 0;
  private color = '';
  private colorSet = false;
  private center = false;
  private zeroWidth = false;
  private cells = 0;
  private cellOpen = false;
  private row: LazyTextBlock[] | null = null;
  private rowDepth = 0;

  get empty(): boolean {
    return this.chars === 0;
  }

  /** A table cell starts: cells are separated by a space and counted when they hold text. */
  cell(): void {
    if (this.chars > 0) this.space();
    this.cellOpen = true;
  }

  space(): void {
    this.parts.push(' ');
    if (this.leadOpen) this.leadParts.push(' ');
  }

  text(data: string, f: Frame): void {
    // Emphasis is measured in characters of text; a node's length is close enough and costs nothing.
    if (!VISIBLE.test(data)) return this.space();
    const n = data.length;
    if (ZERO_WIDTH.test(data)) this.zeroWidth = true;
    const text = f.transform === 'none' ? data : f.transform === 'upper' ? data.toUpperCase() : data.toLowerCase();
    this.parts.push(text);
    if (this.cellOpen) {
      this.cells++;
      this.cellOpen = false;
    }
    if (this.chars === 0) this.center = f.center;
    this.chars += n;
    if (f.bold) this.bold += n;
    if (f.italic) this.italic += n;
    if (f.underline) this.underline += n;
    if (f.link) this.linkChars += n;
    if (f.fontSize > this.fontSize) this.fontSize = f.fontSize;
    if (!this.colorSet) {
      this.color = f.color;
      this.colorSet = true;
    }
    if (this.leadOpen) {
      if (f.bold || f.italic) {
        if (this.chars === n) {
          this.leadBold = f.bold;
          this.leadItalic = f.italic;
        }
        if (f.bold === this.leadBold && f.italic === this.leadItalic) this.leadParts.push(text);
        else this.leadOpen = false;
      } else this.leadOpen = false;
    }
  }

  /** A paragraph boundary: inside a table row it splits the row's text, elsewhere it ends a block. */
  boundary(): void {
    const b = this.take();
    if (!b) return;
    if (this.row) this.row.push(b);
    else this.emit(b, false);
  }

  /** A table row starts; a row inside a row (nested table) only splits the outer one. */
  beginRow(): void {
    this.boundary();
    if (this.rowDepth++ === 0) this.row = [];
  }

  /**
   * A table row ends. A row is usually one visual line (a heading in two cells, a bullet and its
   * text, a TOC entry with its page number): its pieces become one block. A row that holds whole
   * paragraphs (a page laid out in a one-cell table) gives each paragraph its own block.
   */
  endRow(): void {
    this.boundary();
    if (this.rowDepth === 0) return;
    if (--this.rowDepth > 0) return;
    const parts = this.row!;
    this.row = null;
    if (parts.length === 0) return;
    if (parts.length === 1) return this.emit(parts[0]!, true);
    const chars = parts.reduce((n, b) => n + b.chars, 0);
    if (parts.length >= LAYOUT_ROW_PARAGRAPHS || chars >= LAYOUT_ROW_CHARS) {
      for (const b of parts) this.emit(b, false);
      return;
    }
    const first = parts[0]!;
    const emphasisedFirst = first.bold >= first.chars || first.italic >= first.chars;
    this.emit(
      LazyTextBlock.concat(parts, {
        ...first,
        chars,
        bold: parts.reduce((n, b) => n + b.bold, 0),
        italic: parts.reduce((n, b) => n + b.italic, 0),
        underline: parts.reduce((n, b) => n + b.underline, 0),
        lead: first.lead || (emphasisedFirst ? first.text : ''),
        fontSize: Math.max(...parts.map((b) => b.fontSize)),
        cells: parts.reduce((n, b) => n + b.cells, 0),
        allLink: parts.every((b) => b.allLink),
      }),
      true,
    );
  }

  /** Ends the document: rows left open are closed. */
  finish(): void {
    while (this.rowDepth > 0) this.endRow();
    this.boundary();
  }

  private emit(b: Block, inTable: boolean): void {
    b.index = this.blocks.length;
    b.inTable = inTable;
    this.blocks.push(b);
  }

  /** The text read since the last boundary, as a block (or null when there was none). */
  private take(): LazyTextBlock | null {
    let b: LazyTextBlock | null = null;
    if (this.chars > 0) {
      b = new LazyTextBlock(this.parts, this.zeroWidth, {
        index: -1,
        chars: this.chars,
        bold: this.bold,
        italic: this.italic,
        underline: this.underline,
        lead: this.leadOpen ? '' : collapseSpace(this.leadParts.join(''), this.zeroWidth),
        leadBold: this.leadBold,
        leadItalic: this.leadItalic,
        fontSize: this.fontSize,
        color: this.color,
        center: this.center,
        inTable: false,
        cells: this.cells,
        allLink: this.linkChars === this.chars,
        wordCount: -1,
      });
      this.chars = this.bold = this.italic = this.underline = this.linkChars = this.fontSize = 0;
      this.leadBold = this.leadItalic = this.colorSet = this.center = this.zeroWidth = false;
      this.color = '';
      this.parts = [];
    }
    if (this.parts.length) this.parts = [];
    if (this.leadParts.length) this.leadParts = [];
    this.leadOpen = true;
    this.cells = 0;
    this.cellOpen = false;
    return b;
  }
}

/**
 * Streams HTML into blocks in one pass over htmlparser2's tokenizer, keeping only the element
 * stack that styles need (no DOM, no attribute objects). Hidden elements (`display:none`), the
 * inline-XBRL header, scripts and styles never produce text; `text-transform` is applied as a
 * browser would (a filing may store "RISK FACTORS" and render "Risk factors").
 */
export function htmlToBlocks(html: string): Block[] {
  const out = new BlockBuilder();
  const names: string[] = [];
  const frames: Frame[] = [ROOT];
  let overflow = 0;
  const classRules = new Map<string, StyleFacts>();
  let cssText = '';
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

  // The open tag being read.
  let tag = '';
  let attr = '';
  let value = '';
  let style: string | undefined;
  let cls: string | undefined;
  let align: string | undefined;
  let size: string | undefined;
  let href = false;

  const afterClose = (name: string) => {
    if (name === 'tr') out.endRow();
    else if (BLOCK_TAGS.has(name)) out.boundary();
    else if (name === 'style') {
      parseClassRules(cssText, classRules);
      cssText = '';
      factsCache.clear();
    }
  };
  const popTo = (depth: number) => {
    while (names.length > depth) {
      frames.pop();
      afterClose(names.pop()!);
    }
  };
  const close = (name: string) => {
    if (overflow > 0) {
      overflow--;
      afterClose(name);
      return;
    }
    const at = names.lastIndexOf(name);
    if (at >= 0) popTo(at);
    else if (name === 'p' || name === 'br') afterClose(name); // a stray </p> or </br> still breaks the line
  };
  const open = (name: string) => {
    const top = names[names.length - 1];
    if (top === 'p' && CLOSES_P.has(name)) popTo(names.length - 1);
    else if (name === 'li' && top === 'li') popTo(names.length - 1);
    else if (CELL_TAGS.has(name) && (top === 'td' || top === 'th')) popTo(names.length - 1);
    else if (name === 'tr') {
      // An unclosed cell and row end where the next row starts.
      if (top === 'td' || top === 'th') popTo(names.length - 1);
      if (names[names.length - 1] === 'tr') popTo(names.length - 1);
    }

    if (name === 'tr') out.beginRow();
    else if (BLOCK_TAGS.has(name)) out.boundary();
    else if (CELL_TAGS.has(name)) out.cell();
    if (VOID_TAGS.has(name)) {
      afterClose(name);
      return;
    }
    if (names.length >= MAX_DEPTH) {
      overflow++;
      return;
    }
    const parent = frames[frames.length - 1]!;
    const found = style || (cls && classRules.size > 0) ? styleFacts(style, cls) : NO_FACTS;
    const facts = found === NO_FACTS ? undefined : found;
    const tagBold = name === 'b' || name === 'strong' || (name.length === 2 && name.charCodeAt(0) === 104 && name.charCodeAt(1) >= 49 && name.charCodeAt(1) <= 54);
    const tagItalic = name === 'i' || name === 'em';
    const tagUnderline = name === 'u';
    if (facts?.gapBefore && !out.empty) out.space();
    const tagCenter = name === 'center' || (align !== undefined && align.toLowerCase() === 'center');
    const link = name === 'a' && href;
    const fontSize = name === 'font' && size !== undefined ? fontSizeAttribute(size) : undefined;
    const hidden = HIDDEN_TAGS.has(name);
    // Most elements change nothing that matters: they share their parent's frame.
    let frame = parent;
    if (facts !== undefined || tagBold || tagItalic || tagUnderline || tagCenter || link || hidden || fontSize !== undefined) {
      const next: Frame = {
        bold: facts?.bold ?? (tagBold || parent.bold),
        italic: facts?.italic ?? (tagItalic || parent.italic),
        underline: facts?.underline ?? (tagUnderline || parent.underline),
        hidden: parent.hidden || hidden || facts?.hidden === true,
        transform: facts?.transform ?? parent.transform,
        fontSize: facts?.fontSize ?? fontSize ?? parent.fontSize,
        color: facts?.color ?? parent.color,
        center: facts?.center ?? (tagCenter || parent.center),
        link: link || parent.link,
      };
      if (!sameFrame(next, parent)) frame = next;
    }
    names.push(name);
    frames.push(frame);
  };
  const text = (data: string) => {
    const f = frames[frames.length - 1]!;
    if (f.hidden) {
      if (names[names.length - 1] === 'style') cssText += data;
      return;
    }
    out.text(data, f);
  };

  const tokenizer = new Tokenizer(
    { decodeEntities: true },
    {
      onopentagname(start, end) {
        tag = html.slice(start, end).toLowerCase();
        style = cls = align = size = undefined;
        href = false;
      },
      onattribname(start, end) {
        attr = html.slice(start, end).toLowerCase();
        value = '';
      },
      onattribdata(start, end) {
        if (WANTED_ATTRS.has(attr)) value += html.slice(start, end);
      },
      onattribentity(cp) {
        if (WANTED_ATTRS.has(attr)) value += String.fromCodePoint(cp);
      },
      onattribend() {
        if (attr === 'style') style = value;
        else if (attr === 'class') cls = value;
        else if (attr === 'align') align = value;
        else if (attr === 'href') href = true;
        else if (attr === 'size') size = value;
      },
      onopentagend() {
        open(tag);
      },
      onselfclosingtag() {
        open(tag);
        if (!VOID_TAGS.has(tag)) close(tag);
      },
      onclosetag(start, end) {
        const name = html.slice(start, end).toLowerCase();
        if (name === 'br') open('br');
        else if (!VOID_TAGS.has(name)) close(name);
      },
      ontext(start, end) {
        text(html.slice(start, end));
      },
      ontextentity(cp) {
        text(String.fromCodePoint(cp));
      },
      oncdata() {},
      oncomment() {},
      ondeclaration() {},
      onprocessinginstruction() {},
      onend() {},
    },
  );
  tokenizer.write(html);
  tokenizer.end();
  popTo(0);
  out.finish();
  return out.blocks;
}
