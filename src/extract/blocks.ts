import { wordCount } from '../text/normalize.js';
import type { Block } from './block.js';
import { BlockBuilder } from './block-builder.js';
import { ElementStack } from './element-stack.js';
import { streamHtml, type TagAttributes } from './html-tokens.js';
import { StyleCascade } from './style-cascade.js';
import { kindOf, VOID } from './tag-kinds.js';

// The type lives below both this file and the builder that makes blocks; its importers keep reading it here.
export type { Block } from './block.js';
export { MAX_DEPTH } from './element-stack.js';

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

/** A `</br>` (which browsers read as `<br>`) opens a line break with no attributes. */
const NO_ATTRS: TagAttributes = {
  style: undefined,
  cls: undefined,
  align: undefined,
  size: undefined,
  href: false,
};
const BR_KIND = kindOf('br');

/**
 * Streams HTML into blocks in one pass, keeping only the element stack that styles need (no
 * DOM). Hidden elements (`display:none`), the inline-XBRL header, scripts and styles never
 * produce text; `text-transform` is applied as a browser would (a filing may store "RISK
 * FACTORS" and render "Risk factors"). Four parts: the token stream (html-tokens.ts), the
 * element stack that closes elements the way browsers do (element-stack.ts), the style cascade
 * (style-cascade.ts) and the block builder (block-builder.ts); this function wires them.
 */
export function htmlToBlocks(html: string): Block[] {
  const out = new BlockBuilder();
  const stack = new ElementStack(out, new StyleCascade());
  streamHtml(html, {
    open(name, attrs) {
      stack.open(name, kindOf(name), attrs);
    },
    selfClose(name, attrs) {
      const kind = kindOf(name);
      stack.open(name, kind, attrs);
      if (!(kind & VOID)) stack.close(name, kind);
    },
    close(name) {
      if (name === 'br') stack.open('br', BR_KIND, NO_ATTRS);
      else {
        const kind = kindOf(name);
        if (!(kind & VOID)) stack.close(name, kind);
      }
    },
    text(data) {
      stack.text(data);
    },
  });
  stack.closeAll();
  out.finish();
  return out.blocks;
}
