import { Tokenizer } from 'htmlparser2';

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
 * What the token stream reports, in document order. Tag names are lower case. The attributes
 * object is reused from tag to tag (no allocation per element): read it during the call only.
 */
export interface TokenHandlers {
  open(name: string, attrs: TagAttributes): void;
  /** `<x/>`: an open immediately followed by its close (void elements excepted). */
  selfClose(name: string, attrs: TagAttributes): void;
  close(name: string): void;
  text(data: string): void;
}

const WANTED_ATTRS = new Set(['style', 'class', 'align', 'href', 'size']);

/**
 * Streams HTML through htmlparser2's tokenizer, with no DOM and no attribute objects: only the
 * five attributes extraction reads are kept, entities decoded. One pass, linear in the input.
 */
export function streamHtml(html: string, on: TokenHandlers): void {
  let tag = '';
  let attr = '';
  let value = '';
  const attrs: TagAttributes = { style: undefined, cls: undefined, align: undefined, size: undefined, href: false };
  const tokenizer = new Tokenizer(
    { decodeEntities: true },
    {
      onopentagname(start, end) {
        tag = html.slice(start, end).toLowerCase();
        attrs.style = attrs.cls = attrs.align = attrs.size = undefined;
        attrs.href = false;
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
        if (attr === 'style') attrs.style = value;
        else if (attr === 'class') attrs.cls = value;
        else if (attr === 'align') attrs.align = value;
        else if (attr === 'href') attrs.href = true;
        else if (attr === 'size') attrs.size = value;
      },
      onopentagend() {
        on.open(tag, attrs);
      },
      onselfclosingtag() {
        on.selfClose(tag, attrs);
      },
      onclosetag(start, end) {
        on.close(html.slice(start, end).toLowerCase());
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
