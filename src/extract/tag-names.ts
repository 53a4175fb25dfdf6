/**
 * Tag and attribute names read in place, in the HTML text, without slicing or lower-casing
 * them first: a filing has hundreds of thousands of tags and attributes, and building a string
 * for each name only to compare it with a handful of known names costs more than the compare.
 */

/**
 * Whether `html[at, at + name.length)` spells `name` (lower case), ignoring ASCII case as
 * `toLowerCase` does. Only letters are folded; any other character must match exactly.
 */
export function spells(html: string, at: number, name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = html.charCodeAt(at + i);
    const n = name.charCodeAt(i);
    if (c !== n && !(n >= 97 && n <= 122 && c === n - 32)) return false;
  }
  return true;
}

/**
 * The tags filings are made of (about 99% of the tags in the corpus), and every tag the
 * extractor treats specially. Their names come back as these very strings (literals, so
 * interned by V8): the Set lookups and comparisons made on every element then find the hash
 * already computed and compare pointers, where a freshly sliced name is hashed each time.
 */
const KNOWN_TAGS = [
  'a',
  'b',
  'i',
  'u',
  's',
  'p',
  'em',
  'br',
  'hr',
  'td',
  'th',
  'tr',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'div',
  'img',
  'sup',
  'sub',
  'pre',
  'col',
  'big',
  'xml',
  'span',
  'font',
  'body',
  'html',
  'head',
  'meta',
  'link',
  'page',
  'form',
  'area',
  'base',
  'wbr',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'title',
  'style',
  'small',
  'input',
  'embed',
  'frame',
  'param',
  'track',
  'center',
  'strong',
  'strike',
  'script',
  'header',
  'footer',
  'source',
  'keygen',
  'section',
  'article',
  'caption',
  'command',
  'isindex',
  'basefont',
  'colgroup',
  'noscript',
  'template',
  'blockquote',
  'ix:header',
  'ix:hidden',
  'ix:exclude',
  'ix:references',
  'ix:resources',
  'ix:nonnumeric',
  'ix:nonfraction',
  'ix:continuation',
  'ix:footnote',
  'xbrli:context',
  'xbrli:entity',
  'xbrli:identifier',
  'xbrli:segment',
  'xbrli:period',
  'xbrli:instant',
  'xbrli:startdate',
  'xbrli:enddate',
  'xbrli:unit',
  'xbrli:measure',
  'xbrldi:explicitmember',
  'link:schemaref',
];

const BUCKETS = 256;

/** A bucket from a name's length and its first and last characters (ASCII case folded). */
function bucketOf(length: number, first: number, last: number): number {
  return (length * 37 + (first | 0x20) * 7 + (last | 0x20)) & (BUCKETS - 1);
}

const buckets: string[][] = Array.from({ length: BUCKETS }, () => []);
for (const name of KNOWN_TAGS)
  buckets[bucketOf(name.length, name.charCodeAt(0), name.charCodeAt(name.length - 1))]!.push(name);

/** The lower-case tag name at `html[start, end)`: one of `KNOWN_TAGS` when it is one. */
export function tagName(html: string, start: number, end: number): string {
  const length = end - start;
  if (length > 0) {
    for (const name of buckets[
      bucketOf(length, html.charCodeAt(start), html.charCodeAt(end - 1))
    ]!) {
      if (name.length === length && spells(html, start, name)) return name;
    }
  }
  return html.slice(start, end).toLowerCase();
}
