/** Text helpers shared by extraction, diff and evaluation (whitespace, words, bullets, punctuation folding). All pure. */

/**
 * `\s` covers ASCII, NBSP, the Unicode spaces and BOM; zero-width spaces and joiners need adding.
 * Only runs that are not already one plain space are rewritten (two or more spaces, or any other
 * space character): the same result as replacing every `\s+`, without touching each word gap.
 */
const SPACE_RUN = /\s{2,}|[^\S ]/g;
const ZERO_WIDTH = /[\u200b\u200c\u200d\u2060]/g;
const ZERO_WIDTH_TEST = /[\u200b\u200c\u200d\u2060]/;

/** Collapses every run of whitespace (including NBSP and zero-width spaces) to one space, trimmed. */
export function collapseSpace(s: string, mayHaveZeroWidth = true): string {
  if (mayHaveZeroWidth && ZERO_WIDTH_TEST.test(s)) s = s.replace(ZERO_WIDTH, ' ');
  return s.replace(SPACE_RUN, ' ').trim();
}

/**
 * Glyphs used as bullets (including Wingdings 'Ÿ' rendered as a bullet, the dingbats some
 * generators emit, and the private-use code points of the Symbol and Wingdings fonts that
 * Word-made filings carry: U+F0B7, U+F0A7, U+F0D8, U+F0FC, U+F076), for use inside a
 * regular-expression character class.
 */
export const BULLET_GLYPHS = '•●○◦▪▫■□◆◇►▶➢➤✓✔Ÿ·‣⁃∙\uf0b7\uf0a7\uf0d8\uf0fc\uf076';
/** Splits words: whitespace, zero-width spaces and joiners. */
export const WORD_SPLIT = /[\s\u200b\u200c\u200d\u2060]+/;
/** A lone glyph a person does not count as a word: bullets, and dashes or "o" used as bullets. */
const NOT_A_WORD = new RegExp(`^[${BULLET_GLYPHS}\\-–—*o]$`);
const LEADING_BULLET = new RegExp(`^[${BULLET_GLYPHS}]\\s*`);

/** Words of a text, as a person counts them: whitespace-separated, bullet glyphs dropped. */
export function words(s: string): string[] {
  const out: string[] = [];
  for (const w of s.split(WORD_SPLIT))
    if (w && !(w.length === 1 && NOT_A_WORD.test(w))) out.push(w);
  return out;
}

/** A character that separates words: what `WORD_SPLIT` matches (JavaScript's `\s` and the zero-width ones). */
export function isSeparator(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200d) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x2060 ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** How many `words` a text has, counted without building them (blocks are counted often). */
export function wordCount(s: string): number {
  let n = 0;
  let start = -1;
  for (let i = 0; i <= s.length; i++) {
    const sep = i === s.length || isSeparator(s.charCodeAt(i));
    if (!sep) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      if (i - start > 1 || !NOT_A_WORD.test(s[start]!)) n++;
      start = -1;
    }
  }
  return n;
}

/** Strips a leading bullet glyph (and the space after it) from a block's text. */
export function stripBullet(s: string): string {
  return s.replace(LEADING_BULLET, '');
}

/** NFKC, curly quotes and primes to ASCII quotes, every dash (and soft hyphen) to "-". */
export function foldPunctuation(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201a\u201b\u2032\u0060\u00b4]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212\u00ad]/g, '-');
}

/**
 * Normal form for comparing headings and words: NFKC, curly quotes and dashes to ASCII,
 * collapsed whitespace, no trailing punctuation, lower case (the corpus scoring rule).
 */
export function normalizeForMatch(s: string): string {
  return collapseSpace(foldPunctuation(s))
    .replace(/[\s.,;:!?]+$/, '')
    .toLowerCase();
}
