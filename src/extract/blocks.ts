import { wordCount } from '../text/normalize.js';
import type { Block } from './block.js';
import { BlockBuilder } from './block-builder.js';
import { streamHtml, type TagAttributes } from './html-tokens.js';
import { ROOT_FRAME, StyleCascade, type Frame } from './style-cascade.js';

// The type lives below both this file and the builder that makes blocks; its importers keep reading it here.
export type { Block } from './block.js';

/** Which emphases cover at least `share` of a block's text. */
export function emphasisOf(
  b: Block,
  share: number,
): { bold: boolean; italic: boolean; underline: boolean } {
  return {
    bold: b.bold >= b.chars * share,
    italic: b.italic >= b.chars * share,
    underline: b.underline >= b.chars * share,
  };
}

/** A block's word count, as a person counts words. */
export function blockWords(b: Block): number {
  return wordCount(b.text);
}

const BLOCK_TAGS = [
  'p',
  'div',
  'li',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'tr',
  'br',
  'hr',
  'center',
  'blockquote',
  'section',
  'article',
  'header',
  'footer',
  'dl',
  'dt',
  'dd',
  'pre',
  'body',
  'html',
  'page',
  'form',
];
const VOID_TAGS = [
  'area',
  'base',
  'basefont',
  'br',
  'col',
  'command',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'isindex',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
];
/** Opening one of these closes an open `<p>` on top of the stack, as browsers (and htmlparser2) do. */
const CLOSES_P_TAGS = [
  'p',
  'div',
  'table',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'center',
  'pre',
  'dl',
  'section',
  'header',
  'footer',
  'form',
  'hr',
];
const CELL_TAGS = ['td', 'th'];

/** A tag's kind: which of the lists above it is on, as bits (0 for any other tag). */
const BLOCK = 1;
const VOID = 2;
const CLOSES_P = 4;
const CELL = 8;
/** One lookup per tag answers every question the element stack asks of it. */
const TAG_KINDS = new Map<string, number>();
for (const [tags, bit] of [
  [BLOCK_TAGS, BLOCK],
  [VOID_TAGS, VOID],
  [CLOSES_P_TAGS, CLOSES_P],
  [CELL_TAGS, CELL],
] as const) {
  for (const tag of tags) TAG_KINDS.set(tag, (TAG_KINDS.get(tag) ?? 0) | bit);
}

function kindOf(name: string): number {
  return TAG_KINDS.get(name) ?? 0;
}

/**
 * Real filings nest a few dozen elements deep. Past this depth elements are counted, not
 * stacked, so a file of millions of unclosed tags stays linear in time and small in memory.
 */
export const MAX_DEPTH = 4096;

/**
 * Streams HTML into blocks in one pass, keeping only the element stack that styles need (no
 * DOM). Hidden elements (`display:none`), the inline-XBRL header, scripts and styles never
 * produce text; `text-transform` is applied as a browser would (a filing may store "RISK
 * FACTORS" and render "Risk factors"). Three parts: the token stream (html-tokens.ts), the
 * style cascade (style-cascade.ts) and the block builder (block-builder.ts); this function
 * keeps the element stack between them, closing elements the way browsers do.
 */
export function htmlToBlocks(html: string): Block[] {
  const out = new BlockBuilder();
  const cascade = new StyleCascade();
  const names: string[] = [];
  /** The kind of each element on `names` (see `kindOf`), kept alongside so a close looks nothing up. */
  const kinds: number[] = [];
  const frames: Frame[] = [ROOT_FRAME];
  let overflow = 0;
  let listDepth = 0;
  let cssText = '';

  const afterClose = (name: string, kind: number) => {
    if (name === 'tr') out.endRow();
    else if (kind & BLOCK) out.boundary();
    else if (name === 'style') {
      cascade.addStyleSheet(cssText);
      cssText = '';
    }
  };
  const popTo = (depth: number) => {
    while (names.length > depth) {
      frames.pop();
      const name = names.pop()!;
      const kind = kinds.pop()!;
      if (name === 'li') listDepth--;
      afterClose(name, kind);
    }
  };
  const close = (name: string, kind: number) => {
    if (overflow > 0) {
      overflow--;
      afterClose(name, kind);
      return;
    }
    const at = names.lastIndexOf(name);
    if (at >= 0) popTo(at);
    else if (name === 'p' || name === 'br') afterClose(name, kind); // a stray </p> or </br> still breaks the line
  };
  const open = (name: string, kind: number, attrs: TagAttributes) => {
    const top = names[names.length - 1];
    if (top === 'p' && kind & CLOSES_P) popTo(names.length - 1);
    else if (name === 'li' && top === 'li') popTo(names.length - 1);
    else if (kind & CELL && (top === 'td' || top === 'th')) popTo(names.length - 1);
    else if (name === 'tr') {
      // An unclosed cell and row end where the next row starts.
      if (top === 'td' || top === 'th') popTo(names.length - 1);
      if (names[names.length - 1] === 'tr') popTo(names.length - 1);
    }

    if (name === 'tr') out.beginRow();
    else if (kind & BLOCK) out.boundary();
    else if (kind & CELL) out.cell();
    if (kind & VOID) {
      afterClose(name, kind);
      return;
    }
    if (names.length >= MAX_DEPTH) {
      overflow++;
      return;
    }
    const frame = cascade.frameFor(name, attrs, frames[frames.length - 1]!);
    if (cascade.lastGapBefore && !out.empty) out.space();
    if (name === 'li') listDepth++;
    names.push(name);
    kinds.push(kind);
    frames.push(frame);
  };
  const NO_ATTRS: TagAttributes = {
    style: undefined,
    cls: undefined,
    align: undefined,
    size: undefined,
    href: false,
  };
  const BR_KIND = kindOf('br');

  streamHtml(html, {
    open(name, attrs) {
      open(name, kindOf(name), attrs);
    },
    selfClose(name, attrs) {
      const kind = kindOf(name);
      open(name, kind, attrs);
      if (!(kind & VOID)) close(name, kind);
    },
    close(name) {
      if (name === 'br') open('br', BR_KIND, NO_ATTRS);
      else {
        const kind = kindOf(name);
        if (!(kind & VOID)) close(name, kind);
      }
    },
    text(data) {
      const f = frames[frames.length - 1]!;
      if (f.hidden) {
        if (names[names.length - 1] === 'style') cssText += data;
        return;
      }
      out.text(data, f, listDepth > 0);
    },
  });
  popTo(0);
  out.finish();
  return out.blocks;
}
