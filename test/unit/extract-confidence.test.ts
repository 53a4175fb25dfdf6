import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  extractFromBlocks,
  extractRiskFactors,
  readBlocks,
} from '../../src/extract/extract-risk-factors.js';
import { damageBlocks } from '../../src/eval/extraction-damage.js';
import type { DoubtCode } from '../../src/extract/types.js';
import { extractionDoubtNotes } from '../../src/notify/render/extraction-doubt.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/extract/${name}`, import.meta.url));

interface Case {
  file: string;
  form?: string;
  level: 'high' | 'medium' | 'low';
  reasons: DoubtCode[];
  why: string;
}

/** What each fixture's layout gives the reader reason to doubt (issue 23). */
const cases: Case[] = [
  {
    file: 'toc-links.htm',
    level: 'high',
    reasons: [],
    why: 'Item 1A ends at Item 1B, the next row of the contents',
  },
  {
    file: 'form-20f.htm',
    level: 'high',
    reasons: [],
    why: 'a 20-F section under its item letter, ended by Item 4',
  },
  {
    file: 'summary-list.htm',
    level: 'high',
    reasons: [],
    why: 'a prospectus section ended by a known title',
  },
  {
    file: 'not-applicable.htm',
    level: 'high',
    reasons: [],
    why: 'a stated "Not applicable" is a finding',
  },
  {
    file: 'plain-text-caps-introduction.txt',
    form: 'S-1',
    level: 'medium',
    reasons: ['preamble-like-factor'],
    why: 'an introduction set like the capital factor headings was read as preamble',
  },
  {
    file: 'plain-text-20f-underlined-sentence-case.txt',
    level: 'medium',
    reasons: ['no-item-number'],
    why: 'a 20-F "Risk factors" without its letter',
  },
  {
    file: 'plain-text-caps-noun-phrase-factor.txt',
    level: 'medium',
    reasons: ['no-item-number'],
    why: 'a 10-K from before Item 1A',
  },
  {
    file: 'pre-wrapped-10k405.htm',
    level: 'medium',
    reasons: ['older-title'],
    why: 'found by an older title',
  },
  {
    file: 'confidence-contents-next-missing.htm',
    level: 'low',
    reasons: ['not-next-in-contents'],
    why: 'the title the contents list next is printed as body text: the section runs on to the one after',
  },
  {
    file: 'confidence-unnumbered-next-item.htm',
    level: 'low',
    reasons: ['not-next-in-contents', 'skipped-item', 'other-item-inside'],
    why: 'Item 1B printed without its number: the section runs on to Item 2',
  },
];

describe('extraction says when it is unsure', () => {
  for (const c of cases) {
    it(`${c.file}: ${c.level} (${c.why})`, () => {
      const r = extractRiskFactors(fixture(c.file), c.form ? { form: c.form } : {});
      expect(r.confidence.level).toBe(c.level);
      expect(r.confidence.reasons.map((x) => x.code)).toEqual(c.reasons);
      for (const reason of r.confidence.reasons) expect(reason.message.length).toBeGreaterThan(20);
    });
  }

  it('a document without a section is low, with the reason it gives', () => {
    const r = extractRiskFactors(
      '<html><body><p>Item 1. Business</p><p>We make widgets.</p></body></html>',
    );
    expect(r.confidence).toEqual({
      level: 'low',
      reasons: [{ code: 'no-section', message: r.reason }],
    });
  });

  it('a long section whose headings are lost (bold removed) is low', () => {
    const long = Array.from(
      { length: 12 },
      (_, i) =>
        `<p style="font-weight:bold">Risk number ${i} could harm our business.</p><p>${'Our business could be harmed by this risk in many ways. '.repeat(6)}</p>`,
    ).join('\n');
    const html = `<html><body><p style="font-weight:bold">Item 1A. Risk Factors</p>${long}<p style="font-weight:bold">Item 1B. Unresolved Staff Comments</p><p>None.</p></body></html>`;
    const read = readBlocks(html, { form: '10-K' });
    if (!('blocks' in read)) throw new Error('no blocks');
    expect(extractFromBlocks(read.blocks, read.form).confidence.level).toBe('high');
    const damaged = extractFromBlocks(
      damageBlocks(read.blocks, read.form, 'bold-removed')!,
      read.form,
    );
    expect(damaged.riskFactors).toHaveLength(0);
    expect(damaged.confidence.level).toBe('low');
    expect(damaged.confidence.reasons.map((x) => x.code)).toEqual(['no-headings']);
  });

  it('a section whose closing heading is cut, with nothing after it, is not found, and that is low', () => {
    const read = readBlocks(fixture('toc-links.htm'));
    if (!('blocks' in read)) throw new Error('no blocks');
    const cut = damageBlocks(read.blocks, read.form, 'end-cut');
    expect(cut).not.toBeNull();
    // Nothing ends the section now: it is not found rather than guessed, and that is low too.
    const r = extractFromBlocks(cut!, read.form);
    expect(r.found).toBe(false);
    expect(r.confidence.level).toBe('low');
  });

  it('damage that changes nothing gives no copy (a prospectus has no item numbers)', () => {
    const read = readBlocks(fixture('plain-text-caps-introduction.txt'), { form: 'S-1' });
    if (!('blocks' in read)) throw new Error('no blocks');
    expect(damageBlocks(read.blocks, read.form, 'item-numbers-removed')).toBeNull();
  });

  it('an alert built from a doubted extraction says so in one sentence; one built from a sure one says nothing', () => {
    expect(extractionDoubtNotes({})).toEqual([]);
    expect(
      extractionDoubtNotes({
        extractionDoubts: ['the section holds the title of another item ("Properties")'],
      }),
    ).toEqual([
      'The risk factors of this filing may have been read wrongly: the section holds the title of another item ("Properties"). Check the filing itself.',
    ]);
    const [line] = extractionDoubtNotes({ extractionDoubts: ['a', 'b', 'c'] });
    expect(line).toBe(
      'The risk factors of this filing may have been read wrongly: a (and 2 more reasons). Check the filing itself.',
    );
  });
});
