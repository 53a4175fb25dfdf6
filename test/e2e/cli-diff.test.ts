import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { useTmpDir } from '../helpers/tmp.js';

const tmp = useTmpDir();
const v1 = fileURLToPath(new URL('../fixtures/diff/s1-original.htm', import.meta.url));
const v2 = fileURLToPath(new URL('../fixtures/diff/s1-amendment.htm', import.meta.url));

describe('regwatch diff', () => {
  it('prints the JSON contract: one change per real edit, noise ignored', () => {
    const r = runCli(['diff', v1, v2, '--json', '--keywords', 'export control,national security']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual([
      'old',
      'new',
      'similarity',
      'summary',
      'materiality',
      'changes',
      'keywordHits',
      'warnings',
    ]);
    // Issue 21: how much each change matters, counted, and on each change with its reason.
    expect(out.materiality).toEqual({ substantive: 3, figures: 0, editorial: 1 });
    // Each side names the document compared (issue 13: the JSON said nothing of them).
    expect(out.old).toEqual({
      source: expect.stringMatching(/s1-original\.htm$/),
      form: 'S-1',
      heading: 'RISK FACTORS',
      wordCount: 142,
      riskFactors: 4,
    });
    // The amendment's form is read from its cover page.
    expect(out.new).toEqual({
      source: expect.stringMatching(/s1-amendment\.htm$/),
      form: 'S-1/A',
      heading: 'RISK FACTORS',
      wordCount: 191,
      riskFactors: 5,
    });
    expect(out.warnings).toEqual([]);
    expect(out.summary).toEqual({
      added: 1,
      removed: 0,
      modified: 2,
      moved: 1,
      unchanged: 1,
      preamble: 0,
      categoryIntros: 0,
    });
    // The share of words unchanged (issue 13: the old cosine said ~1 for everything): one of five
    // factors is new and two are reworded, so about four fifths of the words stand.
    expect(out.similarity).toBeGreaterThan(0.7);
    expect(out.similarity).toBeLessThan(0.9);
    // The facts of each change as before; materiality, topics, texts and redlines checked below.
    const FACTS = [
      'kind',
      'old',
      'new',
      'headingChanged',
      'moved',
      'similarity',
      'wordsAdded',
      'wordsRemoved',
    ];
    const facts = (c: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(c).filter(([k]) => FACTS.includes(k)));
    const byKind = (k: string) => out.changes.filter((c: { kind: string }) => c.kind === k);
    expect(byKind('added').map(facts)).toEqual([
      {
        kind: 'added',
        new: {
          index: 3,
          heading:
            'Export controls imposed by the U.S. Department of Commerce could restrict sales of our products.',
          category: 'Risks Related to Our Business',
        },
      },
    ]);
    expect(byKind('moved').map(facts)).toEqual([
      {
        kind: 'moved',
        old: {
          index: 3,
          heading: 'Our stock price may be volatile.',
          category: 'Risks Related to This Offering',
        },
        new: {
          index: 0,
          heading: 'Our stock price may be volatile.',
          category: 'Risks Related to Our Business',
        },
      },
    ]);
    expect(byKind('modified').map(facts)).toEqual([
      {
        kind: 'modified',
        old: expect.objectContaining({ index: 1, heading: 'We depend on a single foundry.' }),
        new: expect.objectContaining({ index: 2 }),
        headingChanged: false,
        moved: false,
        similarity: 0.92, // 4 words added to 25: 1 - 4 / (2 x 25)
        wordsAdded: 4,
        wordsRemoved: 0,
      },
      {
        kind: 'modified',
        old: expect.objectContaining({ heading: 'Our customers are concentrated.' }),
        new: expect.objectContaining({
          heading: 'Our customers are concentrated, and losing one would hurt us.',
        }),
        headingChanged: true,
        moved: false,
        similarity: 1,
        wordsAdded: 0,
        wordsRemoved: 0,
      },
    ]);
    const [added] = byKind('added');
    expect(added.materiality).toEqual({
      class: 'substantive',
      reason: 'a new risk factor',
      figures: [],
    });
    expect(added.topics).toContain('export-controls-sanctions');
    expect(added.oldText).toBeNull();
    expect(added.redline).toEqual([{ op: 'insert', text: added.newText }]);
    expect(byKind('moved')[0].materiality.class).toBe('editorial');
    const [foundry, customers] = byKind('modified');
    // "an earthquake or": a new event, not an editorial touch.
    expect(foundry.materiality).toMatchObject({
      class: 'substantive',
      reason: expect.stringContaining('earthquake'),
    });
    expect(foundry.newText).toContain('an earthquake or any other interruption');
    expect(foundry.oldText).not.toContain('earthquake');
    expect(foundry.redline).toContainEqual({ op: 'insert', text: 'an earthquake or' });
    expect(customers.materiality.class).toBe('substantive');
    expect(customers.headingRedline).toContainEqual({
      op: 'insert',
      text: 'concentrated, and losing one would hurt us.',
    });
    expect(out.keywordHits).toEqual([
      {
        keyword: 'export control',
        kind: 'added',
        heading:
          'Export controls imposed by the U.S. Department of Commerce could restrict sales of our products.',
      },
      {
        keyword: 'national security',
        kind: 'added',
        heading:
          'Export controls imposed by the U.S. Department of Commerce could restrict sales of our products.',
      },
    ]);
  });

  it('reports no change for a filing against itself', () => {
    const out = JSON.parse(runCli(['diff', v2, v2, '--json']).stdout);
    expect(out.changes).toEqual([]);
    expect(out.summary.unchanged).toBe(5);
  });

  it('prints a redline by default and writes the HTML redline with --html', () => {
    const dir = tmp();
    const html = join(dir, 'redline.html');
    const r = runCli(['diff', v1, v2, '--html', html]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 added, 0 removed, 2 reworded, 1 moved, 1 unchanged');
    expect(r.stdout).toContain('{+an earthquake or+}');
    expect(existsSync(html)).toBe(true);
    expect(readFileSync(html, 'utf8')).toContain(
      'Export controls imposed by the U.S. Department of Commerce',
    );
  });

  it('takes the watched phrases from the config file when --keywords is absent', () => {
    const dir = tmp();
    const cfg = join(dir, 'regwatch.yml');
    writeFileSync(cfg, 'watches:\n  - name: chips\n    cik: "1"\n    keywords: ["Entity List"]\n');
    const out = JSON.parse(
      runCli(['--config', cfg, 'diff', v1, v2, '--json'], { cwd: dir }).stdout,
    );
    expect(out.keywordHits.map((h: { keyword: string }) => h.keyword)).toEqual(['Entity List']);
  });

  it('says which filing has no section to compare, exit 1', () => {
    const notApplicable = fileURLToPath(
      new URL('../fixtures/extract/not-applicable.htm', import.meta.url),
    );
    const r = runCli(['diff', v1, notApplicable]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('not-applicable.htm: no Risk Factors section to compare');
  });
});
