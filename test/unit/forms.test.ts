import { describe, expect, it } from 'vitest';
import { KNOWN_FORMS, normalizeForm } from '../../src/forms.js';

describe('forms', () => {
  it('knows the forms regwatch watches', () => {
    for (const f of [
      'S-1',
      'S-1/A',
      'S-1MEF',
      'F-1',
      'F-1/A',
      'F-1MEF',
      'S-3',
      'S-3/A',
      'F-3',
      'S-4',
      'S-11',
      '424B1',
      '424B2',
      '424B3',
      '424B4',
      '424B5',
      '424B7',
      '424B8',
      '10-K',
      '10-K/A',
      '10-K405',
      '10-KSB',
      '10-Q',
      '20-F',
      '20-F/A',
      'SB-2',
      'SB-2/A',
      'DRS',
      'DRS/A',
      'RW',
      'EFFECT',
      'POS AM',
      '8-K',
    ]) {
      expect(KNOWN_FORMS).toContain(f);
      expect(normalizeForm(f)).toBe(f);
    }
  });

  it.each([
    ['10-k', '10-K'],
    [' s-1/a ', 'S-1/A'],
    ['S-1 / A', 'S-1/A'],
    ['S1', 'S-1'],
    ['10K', '10-K'],
    ['20f/a', '20-F/A'],
    ['424b4', '424B4'],
    ['pos am', 'POS AM'],
    ['POSAM', 'POS AM'],
    ['drs/a', 'DRS/A'],
  ])('normalises %j to %s', (input, want) => expect(normalizeForm(input)).toBe(want));

  it.each(['S-99', '', '  ', '10-X', '424B6', 'S-1/B', 'form S-1'])('refuses %j', (input) =>
    expect(normalizeForm(input)).toBeNull(),
  );
});
