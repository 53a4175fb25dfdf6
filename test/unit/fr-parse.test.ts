import { describe, expect, it } from 'vitest';
import { FrResponseError } from '../../src/sources/federal-register/errors.js';
import {
  buildSearchUrl,
  diffTrackedFields,
  extractFullText,
  normalizeDocumentNumber,
  parseJsonBody,
  parsePublicInspectionList,
  parseSearchPage,
  pollWindow,
  trackedFields,
  typeMatches,
} from '../../src/sources/federal-register/parse.js';

// A BIS Entity List rule as the search returns it with regwatch's fields[] (modelled on the
// real shapes in ../shared/corpus/federal-register; no BIS response exists in public test data).
const entityRule = {
  document_number: '2024-30512',
  title: 'Additions to the Entity List',
  type: 'Rule',
  abstract:
    'In this rule, the Bureau of Industry and Security (BIS) amends the Export Administration Regulations (EAR) by adding 3 entities to the Entity List.',
  action: 'Final rule.',
  dates: 'This rule is effective December 5, 2024.',
  effective_on: '2024-12-05',
  comments_close_on: null,
  publication_date: '2024-12-05',
  html_url:
    'https://www.federalregister.gov/documents/2024/12/05/2024-30512/additions-to-the-entity-list',
  pdf_url: 'https://www.govinfo.gov/content/pkg/FR-2024-12-05/pdf/2024-30512.pdf',
  public_inspection_pdf_url:
    'https://public-inspection.federalregister.gov/2024-30512.pdf?1733300000',
  body_html_url:
    'https://www.federalregister.gov/documents/full_text/html/2024/12/05/2024-30512.html',
  raw_text_url:
    'https://www.federalregister.gov/documents/full_text/text/2024/12/05/2024-30512.txt',
  citation: '89 FR 96790',
  agencies: [
    {
      raw_name: 'DEPARTMENT OF COMMERCE',
      name: 'Commerce Department',
      id: 54,
      url: 'https://www.federalregister.gov/agencies/commerce-department',
      json_url: 'https://www.federalregister.gov/api/v1/agencies/54',
      parent_id: null,
      slug: 'commerce-department',
    },
    {
      raw_name: 'Bureau of Industry and Security',
      name: 'Industry and Security Bureau',
      id: 241,
      url: 'https://www.federalregister.gov/agencies/industry-and-security-bureau',
      json_url: 'https://www.federalregister.gov/api/v1/agencies/241',
      parent_id: 54,
      slug: 'industry-and-security-bureau',
    },
  ],
  cfr_references: [{ title: 15, part: '744', chapter: 'VII', citation_url: null }],
  docket_ids: ['Docket No. 241203-0310'],
  regulation_id_numbers: ['0694-AJ99'],
  correction_of: null,
  corrections: [],
};

describe('normalizeDocumentNumber (public inspection and published numbers differ in padding)', () => {
  it.each([
    ['2012-07333', '2012-7333'],
    ['2012-7333', '2012-7333'],
    [' 2024-30512 ', '2024-30512'],
    ['c1-2012-07333', 'C1-2012-7333'],
    ['2024-00001', '2024-1'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeDocumentNumber(input)).toBe(expected);
  });
});

describe('typeMatches (the filter takes codes, results carry display names)', () => {
  it.each([
    ['Rule', ['RULE'], true],
    ['Proposed Rule', ['PRORULE'], true],
    ['Proposed Rule', ['RULE'], false],
    ['Notice', ['RULE', 'NOTICE'], true],
    ['Presidential Document', ['RULE', 'PRORULE', 'NOTICE'], false],
    ['Correction', ['RULE'], true],
    ['RULE', ['RULE'], true],
  ] as const)('%s with %j -> %s', (type, codes, expected) => {
    expect(typeMatches(type, codes)).toBe(expected);
  });
});

describe('parseJsonBody', () => {
  it('reads JSON', () => {
    expect(
      parseJsonBody(Buffer.from('{"count":0}'), 'http://x/documents.json', 'application/json'),
    ).toEqual({ count: 0 });
  });
  it('names the URL and shows the page when an HTML error page comes back with a 200', () => {
    const err = (() => {
      try {
        parseJsonBody(
          Buffer.from('<!DOCTYPE html><html><title>We are down for maintenance</title></html>'),
          'http://x/documents.json',
          'text/html; charset=utf-8',
        );
      } catch (e) {
        return e;
      }
    })() as FrResponseError;
    expect(err).toBeInstanceOf(FrResponseError);
    expect(err.code).toBe('FR_BAD_RESPONSE');
    expect(err.message).toMatch(
      /^federal-register: http:\/\/x\/documents\.json: expected JSON, got an HTML page \(text\/html; charset=utf-8\): "<!DOCTYPE html>/,
    );
  });
  it('reports truncated JSON as invalid', () => {
    expect(() =>
      parseJsonBody('{"count":3,"results":[{"document_', 'http://x/p', 'application/json'),
    ).toThrow(/http:\/\/x\/p: invalid JSON/);
  });
});

describe('parseSearchPage', () => {
  it('reads zero results when the body has no results key at all', () => {
    const page = parseSearchPage(
      { count: 0, description: 'Documents published on 12/07/2024' },
      'u',
    );
    expect(page).toEqual({ count: 0, nextPageUrl: null, documents: [], problems: [] });
  });
  it('keeps the next_page_url exactly as given (a search_after_cursor inside)', () => {
    const next =
      'https://www.federalregister.gov/api/v1/documents?conditions%5Bpublication_date%5D%5Bis%5D=2024-12-05&format=json&order=oldest&page=2&per_page=1&search_after_cursor=WzE3MzM0NzY0MDAwMDAsIjIwMjQtMzA1MTIiXQ';
    const page = parseSearchPage(
      { count: 2, total_pages: 2, next_page_url: next, results: [entityRule] },
      'u',
    );
    expect(page.nextPageUrl).toBe(next);
    expect(page.documents[0]).toMatchObject({
      document_number: '2024-30512',
      type: 'Rule',
      cfr_references: [{ title: 15, part: '744' }],
    });
  });
  it('reports a malformed result by index and number, keeping the others', () => {
    const page = parseSearchPage(
      { count: 2, results: [{ document_number: '2024-1', type: 'Rule' }, entityRule] },
      'http://x/p',
    );
    expect(page.documents.map((d) => d.document_number)).toEqual(['2024-30512']);
    expect(page.problems).toEqual([
      expect.stringMatching(/^http:\/\/x\/p: results\[0\] \(2024-1\): title: /),
    ]);
  });
  it('rejects a body of another shape, saying where', () => {
    expect(() => parseSearchPage({ count: 'many', results: 'none' }, 'http://x/p')).toThrow(
      /http:\/\/x\/p: not a Federal Register search page: count: .*results: /,
    );
  });
  it('reads corrections given as URLs or objects', () => {
    const page = parseSearchPage(
      {
        count: 1,
        results: [
          {
            ...entityRule,
            corrections: [
              'https://www.federalregister.gov/api/v1/documents/2024-31000',
              { document_number: 'C1-2024-30512' },
            ],
          },
        ],
      },
      'u',
    );
    expect(page.documents[0]!.corrections).toEqual([
      'https://www.federalregister.gov/api/v1/documents/2024-31000',
      'C1-2024-30512',
    ]);
  });
});

describe('parsePublicInspectionList', () => {
  it('reads the change tokens and the documents, special filings included', () => {
    const list = parsePublicInspectionList(
      {
        count: 1,
        regular_filings_updated_at: '2024-12-04T08:45:00.000-05:00',
        special_filings_updated_at: '2024-12-04T16:15:00.000-05:00',
        results: [
          {
            document_number: '2024-30512',
            filing_type: 'special',
            type: 'Rule',
            title: 'Additions to the Entity List',
            publication_date: '2024-12-05',
            filed_at: '2024-12-04T16:15:00.000-05:00',
            agencies: entityRule.agencies,
          },
        ],
      },
      'u',
    );
    expect(list.specialUpdatedAt).toBe('2024-12-04T16:15:00.000-05:00');
    expect(list.documents[0]).toMatchObject({
      filing_type: 'special',
      publication_date: '2024-12-05',
    });
  });
  it('reads an empty list without results', () => {
    expect(parsePublicInspectionList({ count: 0 }, 'u').documents).toEqual([]);
  });
});

describe('extractFullText', () => {
  it('turns a body_html page into clean lines and keeps table cells', () => {
    const html = `<div id="fulltext_content_area"><h1>Additions to the Entity List</h1><p>This rule adds <em>three</em>
      entities.</p><script>track()</script><table><tr><td>CHINA</td><td>Acme Robotics Co., Ltd., Building 5,\n Shenzhen.</td></tr></table></div>`;
    const ft = extractFullText(html, 'text/html; charset=utf-8');
    expect(ft.text.split('\n')).toEqual([
      'Additions to the Entity List',
      'This rule adds three entities.',
      'CHINA Acme Robotics Co., Ltd., Building 5, Shenzhen.',
    ]);
    expect(ft.cells).toEqual(['CHINA', 'Acme Robotics Co., Ltd., Building 5, Shenzhen.']);
  });
  it('keeps plain raw text as lines', () => {
    expect(
      extractFullText(
        '[Federal Register Volume 89]\n\n  Additions to the   Entity List\n',
        'text/plain',
      ).text,
    ).toBe('[Federal Register Volume 89]\nAdditions to the Entity List');
  });
});

describe('pollWindow (today in Washington and the last business days)', () => {
  it.each([
    // Thursday 17:00 UTC = Thursday in Washington
    ['2024-12-05T17:00:00Z', 2, ['2024-12-05', '2024-12-04', '2024-12-03']],
    // Monday 03:00 UTC is still Sunday evening in Washington: no today, then Friday and Thursday
    ['2024-12-09T03:00:00Z', 2, ['2024-12-06', '2024-12-05']],
    // Monday: skips the weekend
    ['2024-12-09T15:00:00Z', 1, ['2024-12-09', '2024-12-06']],
    ['2024-12-05T17:00:00Z', 0, ['2024-12-05']],
  ] as const)('%s, %d back', (now, back, expected) => {
    expect(pollWindow(new Date(now), back)).toEqual(expected);
  });
});

describe('buildSearchUrl', () => {
  it('asks for agency slugs and type codes for one publication date', () => {
    const u = new URL(
      buildSearchUrl('http://127.0.0.1:1/api/v1/', {
        agencies: ['industry-and-security-bureau'],
        types: ['RULE', 'NOTICE'],
        date: '2024-12-05',
        perPage: 200,
      }),
    );
    expect(u.pathname).toBe('/api/v1/documents.json');
    expect(u.searchParams.getAll('conditions[agencies][]')).toEqual([
      'industry-and-security-bureau',
    ]);
    expect(u.searchParams.getAll('conditions[type][]')).toEqual(['RULE', 'NOTICE']);
    expect(u.searchParams.get('conditions[publication_date][is]')).toBe('2024-12-05');
    expect(u.searchParams.getAll('fields[]')).toEqual(
      expect.arrayContaining(['cfr_references', 'body_html_url', 'corrections', 'effective_on']),
    );
  });
});

describe('diffTrackedFields', () => {
  const before = parseSearchPage({ count: 1, results: [entityRule] }, 'u').documents[0]!;
  it.each([
    ['nothing', {}, []],
    ['whitespace only', { title: 'Additions  to the Entity List ' }, []],
    ['the title', { title: 'Additions to the Entity List; Correction' }, ['title']],
    [
      'dates and effective date',
      { dates: 'This rule is effective December 3, 2024.', effective_on: '2024-12-03' },
      ['dates', 'effective_on'],
    ],
    [
      'a new correction',
      { corrections: ['https://www.federalregister.gov/api/v1/documents/2024-31000'] },
      ['corrections'],
    ],
    ['the abstract', { abstract: 'Different.' }, ['abstract']],
  ])('%s', (_name, change, fields) => {
    const after = parseSearchPage({ count: 1, results: [{ ...entityRule, ...change }] }, 'u')
      .documents[0]!;
    expect(
      diffTrackedFields(trackedFields(before), trackedFields(after)).map((c) => c.field),
    ).toEqual(fields);
  });
  it('lists the added correction as the new value', () => {
    const after = parseSearchPage(
      { count: 1, results: [{ ...entityRule, corrections: ['C1-2024-30512'] }] },
      'u',
    ).documents[0]!;
    expect(diffTrackedFields(trackedFields(before), trackedFields(after))).toEqual([
      { field: 'corrections', old: null, new: 'C1-2024-30512' },
    ]);
  });
});
