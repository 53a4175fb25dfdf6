import { describe, expect, it } from 'vitest';
import { checkRatchet } from '../../src/eval/ratchet.js';
import { diceSimilarity, headingsMatch, matchHeadings, prf } from '../../src/eval/score.js';

describe('evaluation scoring (corpus/README.md rules)', () => {
  it('matches headings after normalisation: case, curly quotes, dashes, trailing punctuation', () => {
    expect(
      headingsMatch(
        'We’re exposed to “export controls” — and more.',
        'we\'re exposed to "export controls" - and more',
      ),
    ).toBe(true);
    expect(headingsMatch('Competition could harm us.', 'Regulation could harm us.')).toBe(false);
  });

  it('token-set Dice similarity', () => {
    expect(diceSimilarity('a b c d', 'a b c d')).toBe(1);
    expect(diceSimilarity('a b c d', 'a b c e')).toBe(0.75);
  });

  it('matches one to one: a duplicate prediction is an extra, not a second match', () => {
    const m = matchHeadings(['Risk A.', 'Risk A.', 'Risk B.'], ['Risk A.', 'Risk C.']);
    expect(m).toEqual({ matched: 1, missed: ['Risk C.'], extra: ['Risk A.', 'Risk B.'] });
  });

  it('scores an empty prediction on an empty label as perfect, and either side empty as zero', () => {
    expect(prf(0, 0, 0).f1).toBe(1);
    expect(prf(0, 3, 0).f1).toBe(0);
    expect(prf(0, 0, 3).f1).toBe(0);
    expect(prf(2, 4, 2)).toMatchObject({ precision: 0.5, recall: 1 });
  });

  it('the ratchet fails on any drop and only ever raises the bar', () => {
    expect(checkRatchet({ f1: 0.9 }, { f1: 0.89 }).drops).toEqual([
      'f1 fell from 0.9000 to 0.8900',
    ]);
    const up = checkRatchet({ f1: 0.9, r: 0.8 }, { f1: 0.95, r: 0.8 });
    expect(up.drops).toEqual([]);
    expect(up.next).toEqual({ f1: 0.95, r: 0.8 });
    expect(checkRatchet({ gone: 1 }, {}).drops[0]).toMatch(/no longer measured/);
  });
});
