import { describe, expect, it } from 'vitest';
import { diffSections } from '../../src/diff/diff-sections.js';
import { commonWordCount, unchangedShare } from '../../src/diff/similarity.js';

const factor = (heading: string, text: string) => ({ heading, text, category: null });
const words = (n: number, seed: string) =>
  Array.from({ length: n }, (_, i) => `${seed}${i}`).join(' ');

describe('section similarity: the share of words left unchanged', () => {
  const base = [
    factor('We may lose money.', words(100, 'a')),
    factor('Our supplier may fail.', words(100, 'b')),
    factor('Rules may change.', words(100, 'c')),
  ];

  it('is 1 for identical sections and for noise-only changes', () => {
    expect(diffSections({ riskFactors: base }, { riskFactors: base }).similarity).toBe(1);
  });

  it('falls with reworded words, in proportion', () => {
    const reworded = base.map((f, i) =>
      i === 0 ? factor(f.heading, `${words(50, 'a')} ${words(50, 'z')}`) : f,
    );
    const s = diffSections({ riskFactors: base }, { riskFactors: reworded }).similarity;
    // 50 of ~310 words replaced on each side: about 84% unchanged.
    expect(s).toBeGreaterThan(0.8);
    expect(s).toBeLessThan(0.88);
  });

  it('counts an added factor as new words', () => {
    const more = [...base, factor('A new risk.', words(300, 'n'))];
    const s = diffSections({ riskFactors: base }, { riskFactors: more }).similarity;
    expect(s).toBeGreaterThan(0.6);
    expect(s).toBeLessThan(0.7);
  });

  it('is near 0 for two unrelated sections (the old cosine said 0.975)', () => {
    const other = [
      factor('Competition is intense.', words(150, 'x')),
      factor('We rely on key staff.', words(150, 'y')),
    ];
    expect(diffSections({ riskFactors: base }, { riskFactors: other }).similarity).toBe(0);
  });

  it('helpers: common words with multiplicity; the share is symmetric and bounded', () => {
    expect(commonWordCount(['a', 'a', 'b'], ['a', 'b', 'b', 'c'])).toBe(2);
    expect(unchangedShare(0, 0, 0)).toBe(1);
    expect(unchangedShare(50, 100, 100)).toBe(0.5);
    expect(unchangedShare(100, 100, 300)).toBe(0.5);
  });
});
