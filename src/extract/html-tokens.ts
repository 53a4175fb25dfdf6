import { Tokenizer } from 'htmlparser2';
import { spells, tagName } from './tag-names.js';

/** The attributes extraction reads; all others are skipped without building strings. */
export interface TagAttributes {
  style: string | undefined;
  cls: string | undefined;
  align: string | undefined;
  size: string | undefined;
  /** The element has an `href` (a link). */
  href: boolean;
}

/**
 * What the token stream reports, in document order. Tag names are lower case (the common ones
 * always the same string: see tag-names.ts). The attributes object is reused from tag to tag
 * (no allocation per element): read it during the call only.
 */
export interface TokenHandlers {
  open(name: string, attrs: TagAttributes): void;
  /** `<x/>`: an open immediately followed by its close (void elements excepted). */
  selfClose(name: string, attrs: TagAttributes): void;
  close(name: string): void;
  text(data: string): void;
}

/** The attributes kept, by kind; every other attribute is OTHER and its value is never built. */
const OTHER = 0;
const STYLE = 1;
const CLASS = 2;
const ALIGN = 3;
const HREF = 4;
const SIZE = 5;

/**
 * Which kept attribute `html[start, end)` names, read in place: a filing has tens of thousands
 * of attributes, and slicing and lower-casing each name only to compare it cost more than this.
 */
function attributeKind(html: string, start: number, end: number): number {
  switch (end - start) {
    case 4:
      return spells(html, start, 'href') ? HREF : spells(html, start, 'size') ? SIZE : OTHER;
    case 5:
      return spells(html, start, 'style')
        ? STYLE
        : spells(html, start, 'class')
          ? CLASS
          : spells(html, start, 'align')
            ? ALIGN
            : OTHER;
    default:
      return OTHER;
  }
}

/**
 * Streams HTML through htmlparser2's tokenizer, with no DOM and no attribute objects: only the
 * five attributes extraction reads are kept, entities decoded. One pass, linear in the input.
 */
export function streamHtml(html: string, on: TokenHandlers): void {
  let tag = '';
  let attr = OTHER;
  let value = '';
  const attrs: TagAttributes = {
    style: undefined,
    cls: undefined,
    align: undefined,
    size: undefined,
    href: false,
  };
  const tokenizer = new Tokenizer(
    { decodeEntities: true },
    {
      onopentagname(start, end) {
        tag = tagName(html, start, end);
        attrs.style = attrs.cls = attrs.align = attrs.size = undefined;
        attrs.href = false;
      },
      onattribname(start, end) {
        attr = attributeKind(html, start, end);
        value = '';
      },
      onattribdata(start, end) {
        if (attr !== OTHER) value += html.slice(start, end);
      },
      onattribentity(cp) {
        if (attr !== OTHER) value += String.fromCodePoint(cp);
      },
      onattribend() {
        if (attr === STYLE) attrs.style = value;
        else if (attr === CLASS) attrs.cls = value;
        else if (attr === ALIGN) attrs.align = value;
        else if (attr === HREF) attrs.href = true;
        else if (attr === SIZE) attrs.size = value;
      },
      onopentagend() {
        on.open(tag, attrs);
      },
      onselfclosingtag() {
        on.selfClose(tag, attrs);
      },
      onclosetag(start, end) {
        on.close(tagName(html, start, end));
      },
      ontext(start, end) {
        on.text(html.slice(start, end));
      },
      ontextentity(cp) {
        on.text(String.fromCodePoint(cp));
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
}
