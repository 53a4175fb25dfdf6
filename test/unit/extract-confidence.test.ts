import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  extractFromBlocks,
  extractRiskFactors,
  readBlocks,
} from '../../src/extract/extract-risk-factors.js';
import { damageBlocks } from '../../src/eval/extraction-damage.js';
import { headingInBody } from '../../src/extract/heading-in-body.js';
import type { SplitFactor } from '../../src/extract/split-risk-factors.js';
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
    reasons: ['not-next-in-contents', 'skipped-item', 'other-item-inside', 'item-answer-inside'],
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

  it('a document cut off half-way through the section is a prefix of it, and its extraction is low', () => {
    const read = readBlocks(tenK(FACTORS), { form: '10-K' });
    if (!('blocks' in read)) throw new Error('no blocks');
    const cut = damageBlocks(read.blocks, read.form, 'cut-in-section');
    expect(cut).not.toBeNull();
    expect(cut!.length).toBeLessThan(read.blocks.length);
    expect(cut!.map((b) => b.text)).toEqual(read.blocks.slice(0, cut!.length).map((b) => b.text));
    expect(cut!.some((b) => /^Item 1B/.test(b.text))).toBe(false);
    expect(extractFromBlocks(cut!, read.form).confidence.level).toBe('low');
  });

  it('a section whose second half and closing heading are cut runs on into the next item: item-answer-inside, low', () => {
    const read = readBlocks(
      tenK([...FACTORS, ...FACTORS.map(([h, ...p]): FactorSpec => [`${h} Again.`, ...p])]),
      {
        form: '10-K',
      },
    );
    if (!('blocks' in read)) throw new Error('no blocks');
    expect(extractFromBlocks(read.blocks, read.form).riskFactors).toHaveLength(12);
    const cut = damageBlocks(read.blocks, read.form, 'section-tail-cut');
    expect(cut).not.toBeNull();
    expect(cut!.map((b) => b.text)).not.toContain('Item 1B. Unresolved Staff Comments');
    expect(cut![cut!.length - 1]!.text).toBe('We lease our offices.'); // the rest of the filing stays
    const r = extractFromBlocks(cut!, read.form);
    console.log(
      JSON.stringify({
        found: r.found,
        reason: r.reason,
        n: r.riskFactors.length,
        c: r.confidence,
      }),
    );
    expect(r.riskFactors.length).toBeLessThan(12);
    // Nothing in this filing lists Item 1B, so only its answer, now inside the last factor, tells.
    expect(r.riskFactors[r.riskFactors.length - 1]!.text).toMatch(/None\.$/);
    expect(r.confidence.level).toBe('low');
    expect(r.confidence.reasons.map((x) => x.code)).toEqual(['item-answer-inside']);
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

/** A factor of a hand-written 10-K: a bold heading, then its paragraphs in body type. */
type FactorSpec = [heading: string, ...paragraphs: string[]];

/** Six risks, each on a subject of its own (so the words of one do not recur in the others). */
const FACTORS: FactorSpec[] = [
  [
    'Competition from larger rivals could reduce our market share.',
    'Our rivals have larger budgets for marketing and research than we do.',
    'If rivals cut prices to win customers, our market share and revenue would fall.',
  ],
  [
    'Our suppliers may fail to deliver components on time, which would delay our shipments.',
    'We buy components from a small number of suppliers in Asia, and their delays have held up shipments before.',
    'A long delay at one supplier would leave orders unshipped for weeks.',
  ],
  [
    'Changes in tax law could raise our effective tax rate.',
    'Tax authorities may change tax rules in ways that raise the tax rate we pay on our profits.',
    'A higher effective tax rate on our profits would lower our earnings per share.',
  ],
  [
    'A breach of our computer systems could expose customer data.',
    'Hackers attack our computer systems and networks every day, and some attacks may succeed.',
    'A breach could expose customer data and lead to fines and lawsuits.',
  ],
  [
    'The loss of key executives could disrupt our management.',
    'We depend on a few executives who hold no long-term employment contracts.',
    'Finding and training successors to key executives would take months.',
  ],
  [
    'Currency swings could lower our reported results.',
    'Most of our sales are made in euros and yen while we report in dollars.',
    'A stronger dollar lowers the dollar value of euro and yen sales.',
  ],
];

/** A 10-K with Items 1A, 1B and 2; `plain` headings are printed in body type. */
function tenK(factors: FactorSpec[], plain: ReadonlySet<string> = new Set()): string {
  const p = (text: string, bold: boolean) =>
    bold ? `<p style="font-weight:bold">${text}</p>` : `<p>${text}</p>`;
  const body = factors
    .map(([heading, ...paragraphs]) =>
      [p(heading, !plain.has(heading)), ...paragraphs.map((x) => p(x, false))].join('\n'),
    )
    .join('\n');
  return `<html><body>${p('Item 1A. Risk Factors', true)}${body}${p('Item 1B. Unresolved Staff Comments', true)}<p>None.</p>${p('Item 2. Properties', true)}<p>We lease our offices.</p></body></html>`;
}

/** A seventh risk, whose heading is printed in body type inside the suppliers' factor. */
const UNMARKED: [heading: string, text: string] = [
  'We may buy a private company about which little public information is available.',
  'A private company need not publish audited information, so little public information about a private target may be available, and we could buy a weaker business.',
];

describe('doubt: a risk-factor heading printed in body type (heading-in-body)', () => {
  const suppliersThenUnmarked = [...FACTORS.slice(0, 2), UNMARKED, ...FACTORS.slice(2)];
  const plain = new Set([UNMARKED[0]]);

  it('is low when a paragraph shaped like the headings starts a subject of its own', () => {
    const r = extractRiskFactors(tenK(suppliersThenUnmarked, plain), { form: '10-K' });
    expect(r.riskFactors).toHaveLength(6); // the seventh heading is missed, as in a real filing
    expect(r.confidence.level).toBe('low');
    expect(r.confidence.reasons.map((x) => x.code)).toEqual(['heading-in-body']);
  });

  it('says nothing when the same heading is set like the others (and is read)', () => {
    const r = extractRiskFactors(tenK(suppliersThenUnmarked), { form: '10-K' });
    expect(r.riskFactors).toHaveLength(7);
    expect(r.confidence).toEqual({ level: 'high', reasons: [] });
  });

  /** The fixture's factors as the split gives them, with the suppliers' factor holding `inside`. */
  const split = (inside: string[]): SplitFactor[] =>
    FACTORS.map(([heading, ...paragraphs], i) => {
      const all = i === 1 ? [...paragraphs.slice(0, 1), ...inside] : paragraphs;
      return { category: null, heading, paragraphs: all, wordCount: 0 };
    });

  const cases: { why: string; inside: string[]; found: string | null }[] = [
    { why: 'a heading and its text inside a factor', inside: UNMARKED, found: UNMARKED[0] },
    {
      why: 'one sentence that carries on the heading’s subject',
      inside: [
        'Our suppliers in Asia may deliver components late again, which would delay shipments.',
        'Late components from suppliers delay shipments to our customers.',
      ],
      found: null,
    },
    {
      why: 'an aside after which the text returns to what came before it',
      inside: [
        'Storms close ports in Asia for days each summer.',
        'Storms at ports in Asia have held up a small number of orders before, for days each summer.',
      ],
      found: null,
    },
    {
      why: 'two sentences: a heading states its risk in one',
      inside: [
        'We may buy a private company. Little public information is available.',
        UNMARKED[1],
      ],
      found: null,
    },
    {
      why: 'a sentence far longer than any heading',
      inside: [`${UNMARKED[0].slice(0, -1)}${', and more'.repeat(12)}.`, UNMARKED[1]],
      found: null,
    },
  ];
  for (const c of cases)
    it(`headingInBody: ${c.why}`, () => {
      expect(headingInBody(split(c.inside))).toBe(c.found);
    });

  it('headingInBody needs five factors to know what a heading looks like', () => {
    expect(headingInBody(split(UNMARKED).slice(0, 4))).toBeNull();
  });
});
