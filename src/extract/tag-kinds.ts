// What the element stack needs to know of a tag: whether it makes a block boundary, has no
// content, closes an open <p>, or is a table cell. Asked for every tag of every filing, so
// answered by one Map lookup.

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
export const BLOCK = 1;
export const VOID = 2;
export const CLOSES_P = 4;
export const CELL = 8;
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

/** A tag's kind bits (see above), looked up once per tag. */
export function kindOf(name: string): number {
  return TAG_KINDS.get(name) ?? 0;
}
