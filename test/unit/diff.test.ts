import { describe, expect, it } from 'vitest';
import { diffSections, type DiffInput } from '../../src/diff/diff-sections.js';
import { redline } from '../../src/diff/redline.js';
import { tokenize } from '../../src/diff/tokens.js';

const f = (heading: string, text: string, category = 'Risks Related to Our Business') => ({
  heading,
  text,
  category,
});

const base: DiffInput = {
  riskFactors: [
    f(
      'We have a limited operating history.',
      'We began operations in 2021 and have a short record on which investors can judge our business.',
    ),
    f(
      'We depend on one foundry.',
      'All of our chips are made by one foundry in Taiwan; an interruption would stop shipments.',
    ),
    f(
      'Our customers are concentrated.',
      'Three customers provided 70% of revenue, and losing one would harm our results.',
    ),
    f(
      'Our stock price may be volatile.',
      'The price of our stock may fluctuate widely for reasons outside our control and yours.',
    ),
  ],
};
const edit = (fn: (list: DiffInput['riskFactors']) => void): DiffInput => {
  const list = base.riskFactors.map((x) => ({ ...x }));
  fn(list);
  return { riskFactors: list };
};

describe('diffSections', () => {
  it('reports nothing for a section diffed against itself', () => {
    const d = diffSections(base, base);
    expect(d.changes).toEqual([]);
    expect(d.summary).toEqual({
      added: 0,
      removed: 0,
      modified: 0,
      moved: 0,
      unchanged: 4,
      preamble: 0,
      categoryIntros: 0,
    });
    expect(d.similarity).toBe(1);
  });

  it('treats whitespace, line breaks, non-breaking spaces, curly quotes and dash variants as noise', () => {
    const plain: DiffInput = {
      riskFactors: [
        f(
          'We\'re exposed to "export controls" - and more.',
          'Our suppliers\' plants - in Taiwan - could close; we\'d lose "months" of output.',
        ),
      ],
    };
    const noisy: DiffInput = {
      riskFactors: [
        f(
          'We\u2019re exposed to \u201cexport\u00a0controls\u201d \u2014 and more.',
          'Our  suppliers\u2019\n plants \u2013 in\u00a0Taiwan \u2013 could close;\n\nwe\u2019d lose \u201cmonths\u201d of output.',
        ),
      ],
    };
    expect(diffSections(plain, noisy).changes).toEqual([]);
  });

  it('an added factor is one "added" change with its category and position', () => {
    const d = diffSections(
      base,
      edit((l) =>
        l.splice(
          2,
          0,
          f(
            'Export controls could restrict our sales.',
            'The Department of Commerce may require licenses for our chips.',
          ),
        ),
      ),
    );
    expect(d.changes).toEqual([
      {
        kind: 'added',
        new: {
          index: 2,
          heading: 'Export controls could restrict our sales.',
          category: 'Risks Related to Our Business',
        },
        text: 'The Department of Commerce may require licenses for our chips.',
        materiality: { class: 'substantive', reason: 'a new risk factor', figures: [] },
        topics: ['export-controls-sanctions'],
      },
    ]);
    expect(d.summary).toMatchObject({ added: 1, unchanged: 4 });
  });

  it('a removed factor is one "removed" change', () => {
    const d = diffSections(
      base,
      edit((l) => l.splice(1, 1)),
    );
    expect(d.changes.map((c) => c.kind)).toEqual(['removed']);
    expect(d.changes[0]).toMatchObject({ old: { index: 1, heading: 'We depend on one foundry.' } });
  });

  it('a reworded body is "modified" with a word-level redline and counts', () => {
    const d = diffSections(
      base,
      edit(
        (l) =>
          (l[1]!.text =
            'All of our chips are made by one foundry in Taiwan; an earthquake or other interruption would stop shipments.'),
      ),
    );
    expect(d.changes).toHaveLength(1);
    const c = d.changes[0]!;
    expect(c).toMatchObject({
      kind: 'modified',
      headingChanged: false,
      moved: false,
      wordsAdded: 3,
      wordsRemoved: 0,
    });
    if (c.kind !== 'modified') throw new Error('expected modified');
    expect(c.redline).toEqual([
      { op: 'equal', text: 'All of our chips are made by one foundry in Taiwan; an' },
      { op: 'insert', text: 'earthquake or other' },
      { op: 'equal', text: 'interruption would stop shipments.' },
    ]);
  });

  it('a reworded heading over the same body is one "modified" with headingChanged, not added + removed', () => {
    const d = diffSections(
      base,
      edit((l) => (l[2]!.heading = 'A few customers provide most of our revenue.')),
    );
    expect(d.changes).toHaveLength(1);
    expect(d.changes[0]).toMatchObject({
      kind: 'modified',
      headingChanged: true,
      old: { heading: 'Our customers are concentrated.' },
      new: { heading: 'A few customers provide most of our revenue.' },
    });
  });

  it('a moved factor is one "moved" change; the others keep their order', () => {
    const d = diffSections(
      base,
      edit((l) => l.unshift(l.splice(3, 1)[0]!)),
    );
    expect(d.changes).toEqual([
      {
        kind: 'moved',
        old: {
          index: 3,
          heading: 'Our stock price may be volatile.',
          category: 'Risks Related to Our Business',
        },
        new: {
          index: 0,
          heading: 'Our stock price may be volatile.',
          category: 'Risks Related to Our Business',
        },
        materiality: { class: 'editorial', reason: 'moved without rewording', figures: [] },
        topics: [],
      },
    ]);
    expect(d.summary).toMatchObject({ moved: 1, unchanged: 3 });
  });

  it('a factor both moved and reworded is "modified" with moved: true', () => {
    const d = diffSections(
      base,
      edit((l) => {
        const [x] = l.splice(0, 1);
        x!.text += ' We may never be profitable.';
        l.push(x!);
      }),
    );
    expect(d.changes).toEqual([
      expect.objectContaining({
        kind: 'modified',
        moved: true,
        headingChanged: false,
        wordsAdded: 5,
      }),
    ]);
  });

  it('pairs duplicated headings in order instead of reporting them as changes', () => {
    const dup = edit((l) =>
      l.push(
        f(
          'We depend on one foundry.',
          'A second factor with the same heading, about packaging partners.',
        ),
      ),
    );
    expect(diffSections(dup, dup).changes).toEqual([]);
  });

  it('calls out watched phrases in added factors and added text only', () => {
    const next = edit((l) => {
      l.push(
        f(
          'Export controls could restrict our sales.',
          'The Department of Commerce may require licenses.',
        ),
      );
      l[1]!.text += ' National security reviews could delay it.';
    });
    const d = diffSections(base, next, {
      keywords: ['export control', 'national security', 'Taiwan'],
    });
    expect(d.keywordHits).toEqual([
      {
        keyword: 'export control',
        kind: 'added',
        heading: 'Export controls could restrict our sales.',
      },
      { keyword: 'national security', kind: 'modified', heading: 'We depend on one foundry.' },
    ]);
  });

  it('section similarity falls as text changes (cosine over words)', () => {
    const a = diffSections(
      base,
      edit((l) => (l[0]!.text = 'Completely different words about weather.')),
    ).similarity;
    const b = diffSections(
      base,
      edit((l) => l.splice(0, 3)),
    ).similarity;
    expect(a).toBeLessThan(1);
    expect(b).toBeLessThan(a);
  });
});

describe('redline', () => {
  it('shows a rewritten sentence as one deletion and one insertion, not confetti', () => {
    const a = tokenize(
      'Our results depend on the demand for our products in the markets we serve and on pricing.',
    );
    const b = tokenize(
      'Our results depend on whether large cloud providers keep buying our systems at current prices.',
    );
    const ops = redline(a, b).ops;
    expect(ops[0]).toEqual({ op: 'equal', text: 'Our results depend on' });
    expect(ops.filter((o) => o.op !== 'equal').length).toBeLessThanOrEqual(4);
  });

  it('stays bounded on a factor rewritten from end to end', () => {
    const words = (seed: number, n: number) =>
      Array.from({ length: n }, (_, i) => `w${(i * seed) % 997}.`).join(' ');
    const a = words(7, 3000);
    const b = words(13, 3000);
    const r = redline(tokenize(a), tokenize(b));
    // 3000 one-word sentences, all but the first changed: past the sentence bound, the factor is
    // shown replaced whole (three runs, not thousands), and the words still add up.
    expect(r.ops.map((o) => o.op)).toEqual(['equal', 'delete', 'insert']);
    expect(r.ops[0]!.text).toBe('w0.');
    expect(r.ops[1]!.text).toBe(a.slice('w0. '.length));
    expect(r.ops[2]!.text).toBe(b.slice('w0. '.length));
    expect([r.wordsAdded, r.wordsRemoved]).toEqual([2999, 2999]);
  });
});
