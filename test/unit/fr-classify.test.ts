import { describe, expect, it } from 'vitest';
import {
  buildFrAlert,
  frDedupeKey,
  FR_WATCH,
  type FrAlertDocument,
} from '../../src/pipeline/federal-register/alerts.js';
import {
  classifyDocument,
  companyCore,
  sentenceAround,
  type ClassifyInput,
} from '../../src/pipeline/federal-register/classify.js';
import { decidePendingInspection } from '../../src/pipeline/federal-register/inspection.js';
import { Config } from '../../src/config/schema.js';

const BIS = ['commerce-department', 'industry-and-security-bureau'];

function input(over: Partial<ClassifyInput>): ClassifyInput {
  return {
    title: 'A notice',
    abstract: null,
    text: null,
    cells: [],
    agencies: BIS,
    cfrReferences: [],
    ...over,
  };
}

describe('classifyDocument: Entity List and export controls', () => {
  it.each([
    [
      'BIS rule amending 15 CFR 744',
      input({
        title: 'Revisions to license requirements',
        cfrReferences: [{ title: 15, part: '744' }],
      }),
      ['entity-list', 'export-control'],
    ],
    [
      'BIS title naming the Entity List',
      input({ title: 'Removal of Entities From the Entity List' }),
      ['entity-list'],
    ],
    [
      'BIS rule amending 15 CFR 740 only',
      input({ title: 'License Exception updates', cfrReferences: [{ title: 15, part: '740' }] }),
      ['export-control'],
    ],
    [
      '15 CFR 902 is not export control (NOAA)',
      input({
        agencies: ['commerce-department', 'national-oceanic-and-atmospheric-administration'],
        cfrReferences: [
          { title: 15, part: '902' },
          { title: 50, part: '679' },
        ],
      }),
      [],
    ],
    [
      'not BIS: "entity list" in an ITA title is not an Entity List rule',
      input({
        agencies: ['international-trade-administration'],
        title: 'Entity list of exporters',
      }),
      [],
    ],
    [
      'legacy BIS slug',
      input({ agencies: ['export-administration-bureau'], title: 'Additions to the Entity List' }),
      ['entity-list'],
    ],
    ['title 40 part 744 is not 15 CFR', input({ cfrReferences: [{ title: 40, part: '744' }] }), []],
  ])('%s', (_name, doc, tags) => {
    expect(classifyDocument(doc, [], []).tags).toEqual(tags);
  });

  it('quotes the sentence that shows an export-control rule', () => {
    const c = classifyDocument(
      input({
        title: 'Revisions to license requirements',
        cfrReferences: [{ title: 15, part: '744' }],
        text: 'SUMMARY: In this rule, BIS amends the Export Administration Regulations (EAR). It adds entities to the Entity List. Other text.',
      }),
      [],
      [],
    );
    expect(c.reasons).toEqual([
      { tag: 'entity-list', sentence: 'It adds entities to the Entity List.' },
      {
        tag: 'export-control',
        sentence: 'SUMMARY: In this rule, BIS amends the Export Administration Regulations (EAR).',
      },
    ]);
  });
});

describe('classifyDocument: keywords', () => {
  const doc = input({
    title: 'Foreign-Trade Zone 7; Notification of Proposed Production Activity',
    abstract: 'Production of lithium-ion batteries.',
    text: 'The facility is used for the production of semiconductor wafers. Export controls apply.\nNo other activity.',
  });
  it.each([
    [
      ['semiconductor'],
      ['keyword:semiconductor'],
      'The facility is used for the production of semiconductor wafers.',
    ],
    [
      ['Lithium Ion Battery'],
      ['keyword:Lithium Ion Battery'],
      'Production of lithium-ion batteries.',
    ],
    [['export control'], ['keyword:export control'], 'Export controls apply.'],
    [['conductor'], [], null], // word-bounded: not inside "semiconductor"
  ])('%j', (keywords, tags, sentence) => {
    const c = classifyDocument(doc, keywords, []);
    expect(c.tags).toEqual(tags);
    expect(c.matchesFilter).toBe(tags.length > 0);
    if (sentence) expect(c.reasons[0]).toEqual({ tag: tags[0], sentence });
  });
  it('matches every document of the configured agencies when no keywords are set, saying so', () => {
    const c = classifyDocument(doc, [], []);
    expect(c.matchesFilter).toBe(true);
    expect(c.reasons).toEqual([
      { tag: 'agency', sentence: 'Published by commerce-department, industry-and-security-bureau' },
    ]);
  });
  it('always matches an Entity List rule, keywords or not', () => {
    expect(
      classifyDocument(input({ title: 'Additions to the Entity List' }), ['semiconductor'], [])
        .matchesFilter,
    ).toBe(true);
  });
});

describe('classifyDocument: watched companies', () => {
  const entityRule = input({
    title: 'Additions to the Entity List',
    cfrReferences: [{ title: 15, part: '744' }],
    text: 'This rule adds three entities.\nCHINA Acme Robotics Co., Ltd., Building 5, Shenzhen. For all items subject to the EAR.',
    cells: [
      'CHINA',
      'Acme Robotics Co., Ltd., Building 5, Shenzhen.',
      'For all items subject to the EAR.',
    ],
  });
  it('marks a company listed in an Entity List table as listed, with its entry', () => {
    const c = classifyDocument(
      entityRule,
      [],
      [{ name: 'acme', names: ['acme', 'ACME ROBOTICS CO LTD'] }],
    );
    expect(c.watches).toEqual([
      {
        watch: 'acme',
        name: 'ACME ROBOTICS CO LTD',
        listed: true,
        sentence: 'Acme Robotics Co., Ltd., Building 5, Shenzhen.',
      },
    ]);
    expect(c.tags).toEqual(['entity-list', 'export-control', 'watch:acme']);
  });
  it('marks a company named in the text as named', () => {
    const c = classifyDocument(
      input({ text: 'Comments were received from Globex Corporation and others.' }),
      [],
      [{ name: 'globex-watch', names: ['globex-watch', 'Globex Corp /DE/'] }],
    );
    expect(c.watches).toEqual([
      {
        watch: 'globex-watch',
        name: 'Globex Corp /DE/',
        listed: false,
        sentence: 'Comments were received from Globex Corporation and others.',
      },
    ]);
  });
  it.each([
    ['a one-word name only where capitalised', 'Imports of fresh apple juice.', ['Apple Inc.'], []],
    ['a one-word name, capitalised', 'Apple filed comments.', ['Apple Inc.'], ['w']],
    ['not inside another word', 'Pineapples are not affected.', ['Apple Inc.'], []],
    ['names too short to mean anything are ignored', 'IT systems', ['IT'], []],
    [
      'EDGAR upper-case filer name against mixed case text',
      'Nvidia Corporation submitted a request.',
      ['NVIDIA CORP'],
      ['w'],
    ],
  ])('%s', (_name, text, names, expected) => {
    expect(
      classifyDocument(input({ text }), ['zzz'], [{ name: 'w', names }]).watches.map(
        (m) => m.watch,
      ),
    ).toEqual(expected);
  });
  it('a document naming a watched company is not a Federal Register match by itself', () => {
    const c = classifyDocument(
      input({ text: 'Apple filed comments.' }),
      ['semiconductor'],
      [{ name: 'w', names: ['Apple'] }],
    );
    expect(c.matchesFilter).toBe(false);
    expect(c.watches).toHaveLength(1);
  });
});

describe('companyCore', () => {
  it.each([
    ['Acme Robotics Co., Ltd.', 'Acme Robotics'],
    ['NVIDIA CORP', 'NVIDIA'],
    ['Globex Corp /DE/', 'Globex'],
    ['example-ipo', 'example ipo'],
    ['Huawei Technologies Co., Ltd.', 'Huawei Technologies'],
  ])('%s -> %s', (name, core) => {
    expect(companyCore(name)).toBe(core);
  });
});

describe('sentenceAround', () => {
  it('stays within the line and the sentence', () => {
    const text = 'Heading\nFirst sentence here. The Entity List grows. Last one.\nNext block';
    const i = text.indexOf('Entity');
    expect(sentenceAround(text, i, i + 6)).toBe('The Entity List grows.');
  });
  it('does not split at "Co., Ltd." when the text goes on in lower case', () => {
    const text = 'Acme Robotics Co., Ltd. is added to the list. Next.';
    expect(sentenceAround(text, 0, 5)).toBe('Acme Robotics Co., Ltd. is added to the list.');
  });
  it('shortens a very long sentence around the match', () => {
    const text = `${'word '.repeat(200)}Entity ${'word '.repeat(200)}`;
    const i = text.indexOf('Entity');
    const s = sentenceAround(text, i, i + 6);
    expect(s.length).toBeLessThanOrEqual(402);
    expect(s).toContain('Entity');
  });
});

describe('buildFrAlert', () => {
  const config = Config.parse({
    federalRegister: { notify: ['compliance'] },
    watches: [{ name: 'acme', cik: '1234567', notify: ['investors'] }],
    recipients: {
      compliance: { emails: ['legal@example.com'] },
      investors: { emails: ['pm@example.com'] },
    },
  });
  const doc: FrAlertDocument = {
    storedNumber: '2024-30512',
    normalizedNumber: '2024-30512',
    documentNumber: '2024-30512',
    title: 'Additions to the Entity List',
    type: 'Rule',
    agencies: ['Commerce Department', 'Industry and Security Bureau'],
    abstract: null,
    publicationDate: '2024-12-05',
    effectiveOn: '2024-12-05',
    htmlUrl: 'https://www.federalregister.gov/d/2024-30512',
    pdfUrl: null,
  };
  const entity = { tag: 'entity-list', sentence: 'Additions to the Entity List' };
  const watchReason = { tag: 'watch:acme', sentence: 'Acme Robotics Co., Ltd., Shenzhen.' };

  it('goes to the Federal Register groups and to the watch whose company it lists, each with its reason', () => {
    const a = buildFrAlert({
      kind: 'fr-document',
      doc,
      classification: {
        tags: ['entity-list', 'watch:acme'],
        reasons: [entity, watchReason],
        matchesFilter: true,
        watches: [
          { watch: 'acme', name: 'Acme Robotics', listed: true, sentence: watchReason.sentence },
        ],
      },
      frNotify: config.federalRegister.notify,
      watches: config.watches,
    })!;
    expect(a).toMatchObject({
      dedupeKey: 'fr:new:2024-30512',
      kind: 'fr-document',
      source: 'federal-register',
      title: '[Entity List] Rule: Additions to the Entity List',
      threadKey: 'fr:2024-30512',
      frDocument: '2024-30512',
      recipientGroups: ['compliance', 'investors'],
      watches: [
        { name: FR_WATCH, reason: 'entity-list: Additions to the Entity List' },
        {
          name: 'acme',
          reason: 'lists "Acme Robotics" (watched company): Acme Robotics Co., Ltd., Shenzhen.',
        },
      ],
    });
    expect(a.payload).toMatchObject({
      documentNumber: '2024-30512',
      reasons: [entity, watchReason],
      watches: ['acme'],
    });
  });
  it('goes only to the watch when the filter does not match', () => {
    const a = buildFrAlert({
      kind: 'fr-document',
      doc,
      classification: {
        tags: ['watch:acme'],
        reasons: [watchReason],
        matchesFilter: false,
        watches: [{ watch: 'acme', name: 'Acme', listed: false, sentence: 's' }],
      },
      frNotify: ['compliance'],
      watches: config.watches,
    })!;
    expect(a.recipientGroups).toEqual(['investors']);
    expect(a.watches.map((w) => w.name)).toEqual(['acme']);
  });
  it('is null when nobody asked', () => {
    expect(
      buildFrAlert({
        kind: 'fr-document',
        doc,
        classification: { tags: [], reasons: [], matchesFilter: false, watches: [] },
        frNotify: ['compliance'],
        watches: config.watches,
      }),
    ).toBeNull();
  });
  it('keys an update by the hash of what changed, and titles it with the fields', () => {
    const changes = [{ field: 'effective_on', old: '2024-12-05', new: '2024-12-03' }];
    const a = buildFrAlert({
      kind: 'fr-updated',
      doc,
      classification: {
        tags: ['entity-list'],
        reasons: [entity],
        matchesFilter: true,
        watches: [],
      },
      changes,
      changeHash: 'abc123',
      frNotify: ['compliance'],
      watches: [],
    })!;
    expect(a.dedupeKey).toBe('fr:updated:2024-30512:abc123');
    expect(a.title).toBe('[Entity List] Updated (effective_on): Additions to the Entity List');
    expect(a.payload).toMatchObject({ changedFields: changes });
  });
  it.each([
    ['fr-document', 'fr:new:2012-7333'],
    ['fr-public-inspection', 'fr:pi:2012-7333'],
    ['fr-withdrawn', 'fr:withdrawn:2012-7333'],
  ] as const)('dedupe key of %s', (kind, key) => {
    expect(frDedupeKey(kind, '2012-7333')).toBe(key);
  });
});

describe('decidePendingInspection', () => {
  const today = '2024-12-05';
  const row = (publicationDate: string | null) => ({
    normalizedNumber: '2024-30512',
    publicationDate,
  });
  const other = (publicationDate: string) => ({ normalizedNumber: '2024-30600', publicationDate });
  it.each([
    [
      'still listed',
      row('2024-12-06'),
      [{ normalizedNumber: '2024-30512', publicationDate: '2024-12-06' }],
      null,
      'keep',
    ],
    [
      'gone while its day is still listed: withdrawn',
      row('2024-12-06'),
      [other('2024-12-06')],
      null,
      'withdrawn',
    ],
    [
      'gone from a list without its day: cannot tell',
      row('2024-12-06'),
      [other('2024-12-09')],
      null,
      'keep',
    ],
    ['gone from an empty list: cannot tell', row('2024-12-06'), [], null, 'keep'],
    ['its day came: ask whether published', row('2024-12-05'), [], null, 'check-published'],
    ['published', row('2024-12-04'), [], true, 'keep'],
    ['not published on its day yet: wait', row('2024-12-05'), [], false, 'keep'],
    ['not published after its day: withdrawn', row('2024-12-04'), [], false, 'withdrawn'],
  ] as const)('%s', (_name, r, listed, published, expected) => {
    expect(decidePendingInspection(r, listed, today, published)).toBe(expected);
  });
});
