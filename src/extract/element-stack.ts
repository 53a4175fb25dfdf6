import type { BlockBuilder } from './block-builder.js';
import type { TagAttributes } from './html-tokens.js';
import { ROOT_FRAME, type StyleCascade, type Frame } from './style-cascade.js';
import { BLOCK, CELL, CLOSES_P, VOID } from './tag-kinds.js';

/**
 * Real filings nest a few dozen elements deep. Past this depth elements are counted, not
 * stacked, so a file of millions of unclosed tags stays linear in time and small in memory.
 */
export const MAX_DEPTH = 4096;

/**
 * The open elements, with the style frame each passes to its text: opens and closes elements
 * the way browsers do (an unclosed `<p>`, cell or row ends where the next begins; a stray `</p>`
 * still breaks the line), and tells the block builder where blocks, rows and cells begin and
 * end. The text of `<style>` elements is collected for the cascade.
 */
export class ElementStack {
  private readonly names: string[] = [];
  /** The kind of each element on `names` (see `kindOf`), kept alongside so a close looks nothing up. */
  private readonly kinds: number[] = [];
  private readonly frames: Frame[] = [ROOT_FRAME];
  /** Elements opened past MAX_DEPTH: counted, not stacked. */
  private overflow = 0;
  private listDepth = 0;
  private cssText = '';

  constructor(
    private readonly out: BlockBuilder,
    private readonly cascade: StyleCascade,
  ) {}

  /** Opens an element, first closing what its opening implies closed. */
  open(name: string, kind: number, attrs: TagAttributes): void {
    this.closeImplied(name, kind);
    if (name === 'tr') this.out.beginRow();
    else if (kind & BLOCK) this.out.boundary();
    else if (kind & CELL) this.out.cell();
    if (kind & VOID) {
      this.afterClose(name, kind);
      return;
    }
    if (this.names.length >= MAX_DEPTH) {
      this.overflow++;
      return;
    }
    const frame = this.cascade.frameFor(name, attrs, this.frames[this.frames.length - 1]!);
    if (this.cascade.lastGapBefore && !this.out.empty) this.out.space();
    if (name === 'li') this.listDepth++;
    this.names.push(name);
    this.kinds.push(kind);
    this.frames.push(frame);
  }

  /** Closes the innermost open element of that name, and every element opened inside it. */
  close(name: string, kind: number): void {
    if (this.overflow > 0) {
      this.overflow--;
      this.afterClose(name, kind);
      return;
    }
    const at = this.names.lastIndexOf(name);
    if (at >= 0) this.popTo(at);
    else if (name === 'p' || name === 'br') this.afterClose(name, kind); // a stray </p> or </br> still breaks the line
  }

  /** Text goes to the block builder in the style of the innermost element; hidden text does not. */
  text(data: string): void {
    const f = this.frames[this.frames.length - 1]!;
    if (f.hidden) {
      if (this.names[this.names.length - 1] === 'style') this.cssText += data;
      return;
    }
    this.out.text(data, f, this.listDepth > 0);
  }

  /** Closes every element still open at the end of the document. */
  closeAll(): void {
    this.popTo(0);
  }

  /**
   * Opening a block closes an open `<p>` on top of the stack, as browsers (and htmlparser2) do;
   * a list item closes the item before it, a cell the cell before it, and a row an unclosed cell
   * and row before it (they end where the next row starts).
   */
  private closeImplied(name: string, kind: number): void {
    const names = this.names;
    const top = names[names.length - 1];
    if (top === 'p' && kind & CLOSES_P) this.popTo(names.length - 1);
    else if (name === 'li' && top === 'li') this.popTo(names.length - 1);
    else if (kind & CELL && (top === 'td' || top === 'th')) this.popTo(names.length - 1);
    else if (name === 'tr') {
      if (top === 'td' || top === 'th') this.popTo(names.length - 1);
      if (names[names.length - 1] === 'tr') this.popTo(names.length - 1);
    }
  }

  /** Closes elements until `depth` remain open, each with what its end means. */
  private popTo(depth: number): void {
    while (this.names.length > depth) {
      this.frames.pop();
      const name = this.names.pop()!;
      const kind = this.kinds.pop()!;
      if (name === 'li') this.listDepth--;
      this.afterClose(name, kind);
    }
  }

  /** What an element's end means: a row ends, a block boundary, or a style sheet complete. */
  private afterClose(name: string, kind: number): void {
    if (name === 'tr') this.out.endRow();
    else if (kind & BLOCK) this.out.boundary();
    else if (name === 'style') {
      this.cascade.addStyleSheet(this.cssText);
      this.cssText = '';
    }
  }
}
