import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collapseSpace, wordCount, words } from '../../src/text/normalize.js';

/** Characters that stress the separators: every kind of space, zero-width ones, bullets, dashes, astral. */
const tricky = fc.constantFrom(
  ' ',
  '  ',
  '\n',
  '\t',
  '\r\n',
  '\u00a0',
  '\u2003',
  '\u200b',
  '\u2060',
  '\u3000',
  '\ufeff',
  '\u0085',
  '•',
  '-',
  '—',
  'o',
  '*',
  'a',
  'Risk',
  '𝐁',
  '\u000b',
);
const text = fc.array(tricky, { maxLength: 40 }).map((a) => a.join(''));

describe('shared text helpers', () => {
  it('wordCount counts exactly the words `words` returns', () => {
    fc.assert(fc.property(fc.oneof(text, fc.string()), (s) => wordCount(s) === words(s).length));
    expect(wordCount('• Risk  - factors\u00a0o here\u200bnow')).toBe(4);
  });

  it('collapseSpace gives what replacing every whitespace run by one space gives', () => {
    fc.assert(
      fc.property(
        fc.oneof(text, fc.string()),
        (s) => collapseSpace(s, false) === s.replace(/\s+/g, ' ').trim(),
      ),
    );
    expect(collapseSpace(' a \n\t b\u00a0c  ')).toBe('a b c');
  });
});

describe('bullets', () => {
  it('the Symbol and Wingdings private-use bullets of Word-made filings are bullets, not words', () => {
    expect(wordCount('\uf0b7 Our revenue may fall.')).toBe(4);
    expect(wordCount('\uf0a7 \u2023 \u2219 risk')).toBe(1);
  });
});
