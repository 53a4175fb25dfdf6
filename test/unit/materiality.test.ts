import { describe, expect, it } from 'vitest';
import { diffSections } from '../../src/diff/diff-sections.js';
import { countByMateriality, rankChanges } from '../../src/diff/materiality.js';
import { topicsIn } from '../../src/diff/topics.js';
import type { Change, DiffInput, MaterialityClass } from '../../src/diff/types.js';

// Sentences modelled on real S-1 -> S-1/A amendments (a draft's figures rolled forward, a defined
// term abbreviated, new paragraphs on a tax law and an executive order).
const BODY =
  'We derived over 90% of our revenue from customers in the United States for the year ended December 31, 2023. ' +
  'Our products are subject to the export control laws of the United States. ' +
  'We rely on a small number of suppliers in Taiwan for our chips. ' +
  'Any interruption could harm our business.';

const section = (
  text: string,
  heading = 'We depend on a few customers, and losing one would harm us.',
): DiffInput => ({
  riskFactors: [
    { heading, text, category: null },
    {
      heading: 'Our stock price may be volatile.',
      text: 'The market price of our common stock may fluctuate significantly.',
      category: null,
    },
  ],
});

const CASES: {
  name: string;
  old?: string;
  text?: string;
  heading?: string;
  expected: MaterialityClass;
  reason: RegExp;
}[] = [
  {
    name: 'a date and a percentage rolled forward with their qualifiers',
    text: BODY.replace('over 90%', 'approximately 77%').replace(
      'for the year ended December 31, 2023',
      'as of June 30, 2024',
    ),
    expected: 'figures',
    reason: /figures? updated/,
  },
  {
    name: 'a year rolled forward',
    text: BODY.replace('2023', '2024'),
    expected: 'figures',
    reason: /a figure updated/,
  },
  {
    name: 'a new statement about a law',
    text: BODY.replace(
      'Any interruption',
      'The Tax Cuts and Jobs Act limits the deduction of our research expenses. Any interruption',
    ),
    expected: 'substantive',
    reason: /adds a statement: "The Tax Cuts and Jobs Act/,
  },
  {
    name: 'a statement removed',
    text: BODY.replace(
      'Our products are subject to the export control laws of the United States. ',
      '',
    ),
    expected: 'substantive',
    reason: /removes a statement/,
  },
  {
    name: 'a statement replaced by a cross-reference',
    text: BODY.replace(
      'Our products are subject to the export control laws of the United States.',
      'See "Business—Regulation."',
    ),
    expected: 'substantive',
    reason: /cross-reference/,
  },
  {
    name: 'a new country',
    text: BODY.replace('in Taiwan', 'in Taiwan and Malaysia'),
    expected: 'substantive',
    reason: /Malaysia/,
  },
  {
    name: '"could" becomes "will"',
    text: BODY.replace('could harm', 'will harm'),
    expected: 'substantive',
    reason: /may or will happen/,
  },
  {
    name: 'an event put in without a replacement',
    text: BODY.replace('Any interruption', 'Any earthquake or interruption'),
    expected: 'substantive',
    reason: /earthquake/,
  },
  {
    name: 'an intensifier put in',
    text: BODY.replace('could harm', 'could significantly harm'),
    expected: 'editorial',
    reason: /nothing new/,
  },
  {
    name: 'a synonym',
    text: BODY.replace('harm our business', 'hurt our business'),
    expected: 'editorial',
    reason: /synonym/,
  },
  {
    name: 'two sentences swapped',
    text: BODY.replace(
      'Our products are subject to the export control laws of the United States. We rely on a small number of suppliers in Taiwan for our chips.',
      'We rely on a small number of suppliers in Taiwan for our chips. Our products are subject to the export control laws of the United States.',
    ),
    expected: 'editorial',
    reason: /moved|reordered/,
  },
  {
    name: 'a sentence said twice, dropped',
    old: BODY.replace(
      'Any interruption',
      'We rely on a small number of suppliers in Taiwan for our chips. Any interruption',
    ),
    text: BODY,
    expected: 'editorial',
    reason: /repeated/,
  },
  {
    name: 'a blank placeholder filled in',
    old: `${BODY} Our shares will be listed on [●].`,
    text: `${BODY} Our shares will be listed on The Nasdaq Global Select Market.`,
    expected: 'editorial',
    reason: /placeholder/,
  },
  {
    name: 'a heading that only lost a comma',
    heading: 'We depend on a few customers and losing one would harm us.',
    text: BODY,
    expected: 'editorial',
    reason: /^heading: punctuation or capitalisation only$/,
  },
  {
    name: 'a defined term abbreviated',
    old: `${BODY} We file reports with the Securities and Exchange Commission (the "SEC").`,
    text: `${BODY} We file reports with the SEC.`,
    expected: 'editorial',
    reason: /reworded|nothing new|dropped/,
  },
];

describe('materiality of a change', () => {
  it.each(CASES)('$name is $expected', ({ old, text, heading, expected, reason }) => {
    const d = diffSections(section(old ?? BODY), section(text ?? BODY, heading));
    expect(d.changes).toHaveLength(1);
    const m = d.changes[0]!.materiality!;
    expect(m.class).toBe(expected);
    expect(m.reason).toMatch(reason);
  });

  it('a figures change lists each figure old -> new with its sentence', () => {
    const d = diffSections(section(BODY), section(BODY.replace('over 90%', 'approximately 77%')));
    expect(d.changes[0]!.materiality!.figures).toEqual([
      {
        old: 'over 90%',
        new: 'approximately 77%',
        sentence:
          'We derived approximately 77% of our revenue from customers in the United States for the year ended December 31, 2023.',
      },
    ]);
  });

  it('a change mixing figures and a new statement is substantive', () => {
    const d = diffSections(
      section(BODY),
      section(
        BODY.replace('2023', '2024').replace(
          'Any interruption',
          'New tariffs on imports from Taiwan raise our costs. Any interruption',
        ),
      ),
    );
    expect(d.changes[0]!.materiality!.class).toBe('substantive');
    expect(d.changes[0]!.topics).toContain('international-market-access');
  });

  it('added and removed factors are substantive, a move without rewording editorial', () => {
    const old = section(BODY);
    const added = diffSections(old, {
      riskFactors: [
        ...old.riskFactors,
        {
          heading: 'New export controls restrict our sales.',
          text: 'The Department of Commerce added our customer to the Entity List.',
          category: null,
        },
      ],
    });
    expect(added.changes[0]!.materiality).toEqual({
      class: 'substantive',
      reason: 'a new risk factor',
      figures: [],
    });
    expect(added.changes[0]!.topics).toEqual(['export-controls-sanctions']);
    const moved = diffSections(old, { riskFactors: [old.riskFactors[1]!, old.riskFactors[0]!] });
    expect(moved.changes[0]!.materiality!.class).toBe('editorial');
  });
});

describe('ranking changes for a reader', () => {
  const change = (
    heading: string,
    cls: MaterialityClass,
    size: number,
    topics: string[] = [],
  ): Change => ({
    kind: 'added',
    new: { index: 0, heading, category: null },
    text: Array.from({ length: size }, () => 'word').join(' '),
    materiality: { class: cls, reason: '', figures: [] },
    topics,
  });

  it('puts substantive first (asked-for, then larger), then figures, then editorial, in document order', () => {
    const list = [
      change('editorial', 'editorial', 50),
      change('figures', 'figures', 3),
      change('big', 'substantive', 40),
      change('watched', 'substantive', 5),
      change('topic', 'substantive', 2, ['taxation']),
    ];
    const ranked = rankChanges(list, {
      watchedHeadings: new Set(['watched']),
      topics: new Set(['taxation']),
    });
    expect(ranked.map((c) => ('new' in c ? c.new.heading : ''))).toEqual([
      'watched',
      'topic',
      'big',
      'figures',
      'editorial',
    ]);
    expect(countByMateriality(list)).toEqual({ substantive: 3, figures: 1, editorial: 1 });
  });
});

describe('topics', () => {
  it.each([
    [
      'The Bureau of Industry and Security added entities to the Entity List.',
      ['export-controls-sanctions'],
    ],
    ['Changes in tax law, including Pillar Two, could raise our effective tax rate.', ['taxation']],
    ['A class action lawsuit was filed against us.', ['litigation']],
    ['We process personal data subject to the GDPR.', ['data-privacy']],
    ['Our revenue grew.', []],
  ])('%s', (text, topics) => {
    expect(topicsIn(text)).toEqual(topics);
  });
});
