import { describe, expect, it } from 'vitest';
import { summarizeConfidence, type ConfidenceCase } from '../../src/eval/extraction-confidence.js';
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

  it('confidence: both rates, and the counts behind them per damage', () => {
    const c = (damage: ConfidenceCase['damage'], right: boolean, flagged: boolean) =>
      ({
        document: 'd',
        damage,
        right,
        wrongBecause: right ? '' : 'end wrong',
        flagged,
        reasons: [],
      }) satisfies ConfidenceCase;
    const s = summarizeConfidence([
      c('none', true, false),
      c('none', true, true),
      c('none', false, true),
      c('cut-in-section', false, true),
      c('cut-in-section', false, false),
    ]);
    expect(s).toMatchObject({ confidenceCases: 5, wrongExtractions: 3, rightUnflaggedRate: 0.5 });
    expect(s.wrongFlaggedRate).toBeCloseTo(2 / 3);
    const row = (damage: string) => s.byDamage.find((d) => d.damage === damage);
    expect(row('none')).toEqual({
      damage: 'none',
      wrong: 1,
      wrongFlagged: 1,
      right: 2,
      rightFlagged: 1,
    });
    expect(row('cut-in-section')).toEqual({
      damage: 'cut-in-section',
      wrong: 2,
      wrongFlagged: 1,
      right: 0,
      rightFlagged: 0,
    });
    expect(row('bold-removed')).toMatchObject({ wrong: 0, right: 0 });
  });
});
