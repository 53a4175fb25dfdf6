import { collapseSpace, isSeparator } from '../text/normalize.js';
import type { Block } from './block.js';
import type { Frame } from './style-cascade.js';

/** A table row holding this many paragraphs, or this much text, is page layout, not a table line. */
const LAYOUT_ROW_PARAGRAPHS = 6;
const LAYOUT_ROW_CHARS = 3000;

/**
 * Text that renders something: anything but whitespace and zero-width characters. A loop, not
 * a regex: nearly every text node is decided by its first character.
 */
function isVisible(data: string): boolean {
  for (let i = 0; i < data.length; i++) if (!isSeparator(data.charCodeAt(i))) return true;
  return false;
}

/**
 * Accumulates the text of the block being read, with its emphasis counts, and emits plain-data
 * blocks: a paragraph at each boundary, a table row as one block (or one block per paragraph
 * when the row is page layout).
 */
export class BlockBuilder {
  readonly blocks: Block[] = [];
  /** The block's raw text so far (appended: V8 keeps it as a rope until it is read once). */
  private raw = '';
  private leadParts: string[] = [];
  private leadOpen = true;
  private leadBold = false;
  private leadItalic = false;
  private leadUnderline = false;
  private chars = 0;
  private bold = 0;
  private italic = 0;
  private underline = 0;
  private linkChars = 0;
  private fontSize = 0;
  private color = '';
  private colorSet = false;
  private center = false;
  private listItem = false;
  /**
   * The last thing appended was a space (or nothing visible has been appended yet). A second
   * space is then skipped: `collapseSpace` would fold it into the first, or trim it.
   */
  private spaced = true;
  private cells = 0;
  private cellOpen = false;
  private row: Block[] | null = null;
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
    if (this.spaced) return;
    this.spaced = true;
    this.raw += ' ';
    if (this.leadOpen) this.leadParts.push(' ');
  }

  /** Text styled by `f`; `inList` when it sits inside a list item (`<li>`). */
  text(data: string, f: Frame, inList: boolean): void {
    // Emphasis is measured in characters of text; a node's length is close enough and costs nothing.
    if (!isVisible(data)) return this.space();
    const n = data.length;
    const text =
      f.transform === 'none'
        ? data
        : f.transform === 'upper'
          ? data.toUpperCase()
          : data.toLowerCase();
    this.raw += text;
    this.spaced = false;
    if (this.cellOpen) {
      this.cells++;
      this.cellOpen = false;
    }
    if (this.chars === 0) {
      this.center = f.center;
      this.listItem = inList;
    }
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
      if (f.bold || f.italic || f.underline) {
        if (this.chars === n) {
          this.leadBold = f.bold;
          this.leadItalic = f.italic;
          this.leadUnderline = f.underline;
        }
        if (
          f.bold === this.leadBold &&
          f.italic === this.leadItalic &&
          f.underline === this.leadUnderline
        )
          this.leadParts.push(text);
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
      {
        ...first,
        text: parts.map((b) => b.text).join(' '),
        chars,
        bold: parts.reduce((n, b) => n + b.bold, 0),
        italic: parts.reduce((n, b) => n + b.italic, 0),
        underline: parts.reduce((n, b) => n + b.underline, 0),
        lead: first.lead || (emphasisedFirst ? first.text : ''),
        fontSize: Math.max(...parts.map((b) => b.fontSize)),
        cells: parts.reduce((n, b) => n + b.cells, 0),
        allLink: parts.every((b) => b.allLink),
      },
      true,
    );
  }

  /** Ends the document: rows left open are closed. */
  finish(): void {
    while (this.rowDepth > 0) this.endRow();
    this.boundary();
  }

  /** Numbers a block built here (not yet seen by anyone else) and adds it to the document. */
  private emit(b: Block, inTable: boolean): void {
    b.index = this.blocks.length;
    b.inTable = inTable;
    this.blocks.push(b);
  }

  /** The text read since the last boundary, as a block (or null when there was none). */
  private take(): Block | null {
    let b: Block | null = null;
    if (this.chars > 0) {
      b = {
        index: -1,
        // Zero-width characters are looked for once per block, by collapseSpace, not per text node.
        text: collapseSpace(this.raw),
        chars: this.chars,
        bold: this.bold,
        italic: this.italic,
        underline: this.underline,
        lead: this.leadOpen ? '' : collapseSpace(this.leadParts.join('')),
        leadBold: this.leadBold,
        leadItalic: this.leadItalic,
        leadUnderline: this.leadUnderline,
        fontSize: this.fontSize,
        color: this.color,
        center: this.center,
        listItem: this.listItem,
        inTable: false,
        cells: this.cells,
        allLink: this.linkChars === this.chars,
      };
      this.chars = this.bold = this.italic = this.underline = this.linkChars = this.fontSize = 0;
      this.leadBold =
        this.leadItalic =
        this.leadUnderline =
        this.colorSet =
        this.center =
        this.listItem =
          false;
      this.color = '';
      this.raw = '';
    }
    this.raw = '';
    this.spaced = true;
    if (this.leadParts.length) this.leadParts = [];
    this.leadOpen = true;
    this.cells = 0;
    this.cellOpen = false;
    return b;
  }
}
