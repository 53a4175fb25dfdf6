import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffSections, type DiffInput } from '../../src/diff/diff-sections.js';
import { renderHtml } from '../../src/diff/render-html.js';
import { renderText } from '../../src/diff/render-text.js';
import { diffJson } from '../../src/cli/diff-json.js';
import { extractRiskFactors } from '../../src/extract/extract-risk-factors.js';

const factors: DiffInput['riskFactors'] = [
  {
    heading: 'We have a limited operating history.',
    text: 'We began operations in 2021 and have a short record.',
    category: 'Risks Related to Our Business',
  },
  {
    heading: 'Our debt could limit our flexibility.',
    text: 'Covenants restrict our ability to incur more debt.',
    category: 'Risks Related to Our Indebtedness',
  },
];
const base: DiffInput = {
  riskFactors: factors,
  preamble:
    'Investing in our common stock involves a high degree of risk. You should consider the risks below.',
  categoryIntros: [
    {
      category: 'Risks Related to Our Indebtedness',
      text: 'We had $400 million of debt outstanding as of December 31, 2024.',
    },
  ],
};
const withText = (
  preamble: string | undefined,
  categoryIntros: DiffInput['categoryIntros'],
): DiffInput => ({ riskFactors: factors, preamble, categoryIntros });

describe('diff of the section text outside the risk factors', () => {
  it('reports nothing for a section diffed against itself', () => {
    const d = diffSections(base, base);
    expect(d.changes).toEqual([]);
    expect(d.summary).toMatchObject({ preamble: 0, categoryIntros: 0, unchanged: 2 });
  });

  it('whitespace, curly quotes and dashes in the preamble and intros never count', () => {
    const noisy = withText(
      'Investing  in our common\u00a0stock involves a high degree of risk.\n\nYou should consider the risks below.',
      [
        {
          category: 'Risks Related to Our Indebtedness',
          text: 'We had $400\u00a0million of debt outstanding as of December\n31, 2024.',
        },
      ],
    );
    expect(diffSections(base, noisy).changes).toEqual([]);
    const dashes = withText('It\u2019s \u201crisky\u201d \u2014 really.', []);
    expect(diffSections(withText('It\'s "risky" - really.', []), dashes).changes).toEqual([]);
  });

  it('a changed preamble is one "preamble" change with a redline, not a risk factor', () => {
    const d = diffSections(
      base,
      withText(
        'Investing in our common stock involves a very high degree of risk. You should consider the risks below.',
        base.categoryIntros,
      ),
    );
    expect(d.changes).toEqual([
      {
        kind: 'preamble',
        wordsAdded: 1,
        wordsRemoved: 0,
        redline: [
          { op: 'equal', text: 'Investing in our common stock involves a' },
          { op: 'insert', text: 'very' },
          { op: 'equal', text: 'high degree of risk. You should consider the risks below.' },
        ],
        materiality: {
          class: 'editorial',
          reason: 'a word added that says nothing new ("very")',
          figures: [],
        },
        topics: [],
      },
    ]);
    expect(d.summary).toMatchObject({
      preamble: 1,
      categoryIntros: 0,
      added: 0,
      removed: 0,
      modified: 0,
      unchanged: 2,
    });
  });

  it('a reworded category intro is one "category-intro" change naming its category', () => {
    const d = diffSections(
      base,
      withText(base.preamble, [
        {
          category: 'Risks Related to Our Indebtedness',
          text: 'We had $450 million of debt outstanding as of December 31, 2024.',
        },
      ]),
    );
    expect(d.changes).toEqual([
      {
        kind: 'category-intro',
        category: 'Risks Related to Our Indebtedness',
        wordsAdded: 1,
        wordsRemoved: 1,
        redline: [
          { op: 'equal', text: 'We had' },
          { op: 'delete', text: '$400' },
          { op: 'insert', text: '$450' },
          { op: 'equal', text: 'million of debt outstanding as of December 31, 2024.' },
        ],
        materiality: {
          class: 'figures',
          reason: 'a figure updated',
          figures: [
            {
              old: '$400',
              new: '$450',
              sentence: 'We had $450 million of debt outstanding as of December 31, 2024.',
            },
          ],
        },
        topics: [],
      },
    ]);
    expect(d.summary.categoryIntros).toBe(1);
  });

  it('an intro on one side only is one change with all-insert or all-delete ops', () => {
    const added = diffSections(withText(base.preamble, []), base);
    expect(added.changes).toEqual([
      {
        kind: 'category-intro',
        category: 'Risks Related to Our Indebtedness',
        wordsAdded: 12,
        wordsRemoved: 0,
        redline: [
          {
            op: 'insert',
            text: 'We had $400 million of debt outstanding as of December 31, 2024.',
          },
        ],
        materiality: {
          class: 'substantive',
          reason:
            'adds a statement: "We had $400 million of debt outstanding as of December 31, 2024."',
          figures: [],
        },
        topics: [],
      },
    ]);
    const removed = diffSections(base, withText(base.preamble, undefined));
    expect(removed.changes).toEqual([
      {
        kind: 'category-intro',
        category: 'Risks Related to Our Indebtedness',
        wordsAdded: 0,
        wordsRemoved: 12,
        redline: [
          {
            op: 'delete',
            text: 'We had $400 million of debt outstanding as of December 31, 2024.',
          },
        ],
        materiality: {
          class: 'substantive',
          reason:
            'removes a statement: "We had $400 million of debt outstanding as of December 31, 2024."',
          figures: [],
        },
        topics: [],
      },
    ]);
  });

  it('an input without the new fields (an older caller) diffs as before', () => {
    expect(diffSections({ riskFactors: factors }, { riskFactors: factors }).changes).toEqual([]);
  });

  it('renderers and the JSON contract show both kinds', () => {
    const d = diffSections(
      base,
      withText('A new preamble.', [
        { category: 'Risks Related to Our Indebtedness', text: 'We had $450 million of debt.' },
      ]),
    );
    const text = renderText(d);
    expect(text).toMatch(/;\n? +preamble changed, 1 category introduction changed\n/); // wrapped at 100 columns
    for (const l of text.split('\n')) expect(l.length).toBeLessThanOrEqual(100);
    expect(text).toMatch(
      /~ PREAMBLE {2}section text before the first risk factor\n {4}\+3\/-17 words: /,
    );
    expect(text).toMatch(
      /~ CATEGORY INTRO {2}Risks Related to Our Indebtedness\n {4}\+2\/-8 words: We had \[-\$400-\] \{\+\$450\+\} million of/,
    );
    const html = renderHtml(d, { title: 't', oldLabel: 'a', newLabel: 'b' });
    expect(html).toContain('>Preamble</span>');
    expect(html).toContain('>Category introduction</span>');
    expect(html).toContain('Risks Related to Our Indebtedness</p>');
    const json = diffJson(d) as { changes: Record<string, unknown>[]; summary: object };
    expect(
      json.changes.map(({ kind, category, wordsAdded, wordsRemoved }) => ({
        kind,
        ...(category ? { category } : {}),
        wordsAdded,
        wordsRemoved,
      })),
    ).toEqual([
      { kind: 'preamble', wordsAdded: 3, wordsRemoved: 17 },
      {
        kind: 'category-intro',
        category: 'Risks Related to Our Indebtedness',
        wordsAdded: 2,
        wordsRemoved: 8,
      },
    ]);
    // Each change also carries its materiality, topics, old and new text and the redline as word operations.
    const intro = json.changes[1]!;
    expect(intro.oldText).toBe('We had $400 million of debt outstanding as of December 31, 2024.');
    expect(intro.newText).toBe('We had $450 million of debt.');
    expect(intro.redline).toEqual(
      d.changes[1]!.kind === 'category-intro' ? d.changes[1]!.redline : null,
    );
    expect(intro.materiality).toEqual(d.changes[1]!.materiality);
    expect(intro.topics).toEqual([]);
    expect(json.summary).toMatchObject({ preamble: 1, categoryIntros: 1 });
  });

  it('end to end: an edit in a category intro of a filing is seen, and only that', () => {
    const html = readFileSync(
      new URL('../fixtures/extract/category-intro.htm', import.meta.url),
      'utf8',
    );
    const edited = html.replace(
      'We had $400 million of debt outstanding',
      'We had $650 million of debt outstanding',
    );
    const a = extractRiskFactors(html);
    const b = extractRiskFactors(edited);
    expect(diffSections(a, a).changes).toEqual([]);
    const d = diffSections(a, b);
    expect(d.changes.map((c) => c.kind)).toEqual(['category-intro']);
    expect(d.summary).toMatchObject({
      added: 0,
      removed: 0,
      modified: 0,
      categoryIntros: 1,
      preamble: 0,
    });
  });
});

describe('diff --html says how much each change matters', () => {
  it('a new factor is substantive and a rolled-forward figure is figures only, each with its reason, and the summary counts both', () => {
    const b: DiffInput = {
      ...base,
      riskFactors: [
        factors[0]!,
        { ...factors[1]!, text: 'Covenants restrict our ability to incur more debt.' },
        {
          heading: 'Export controls could stop our sales to China.',
          text: 'The U.S. Department of Commerce may add our customers to the Entity List.',
          category: 'Risks Related to Our Business',
        },
      ],
      categoryIntros: [
        {
          category: 'Risks Related to Our Indebtedness',
          text: 'We had $450 million of debt outstanding as of December 31, 2025.',
        },
      ],
    };
    const d = diffSections(base, b);
    const html = renderHtml(d, { title: 't', oldLabel: 'a', newLabel: 'b' });
    const added = d.changes.find((c) => c.kind === 'added')!;
    const intro = d.changes.find((c) => c.kind === 'category-intro')!;
    expect(added.materiality?.class).toBe('substantive');
    expect(intro.materiality?.class).toBe('figures');
    expect(html).toContain(`<strong>Substantive</strong>: ${added.materiality!.reason}`);
    expect(html).toContain(`<strong>Figures only</strong>: ${intro.materiality!.reason}`);
    expect(html).toMatch(
      /How much it matters<\/td><td[^>]*>1 substantive, 1 figures only, 0 editorial</,
    );
  });
});
