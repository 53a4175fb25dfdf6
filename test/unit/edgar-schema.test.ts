import { describe, expect, it } from 'vitest';
import {
  CompanyTickersResponse,
  FolderIndexResponse,
  SubmissionsRecent,
  SubmissionsResponse,
} from '../../src/sources/edgar/schema.js';

// Shapes modelled on CIK0000320193.json and its overflow page CIK0000320193-submissions-001.json.
const recent = {
  accessionNumber: ['0000320193-23-000079', '0001973141-23-000171'],
  filingDate: ['2023-08-08', '2023-08-07'],
  reportDate: ['2023-08-05', ''],
  acceptanceDateTime: ['2023-08-08T18:30:28.000Z', '2023-08-07T16:02:01.000Z'],
  act: ['', '33'],
  form: ['4', '144'],
  fileNumber: ['', '001-36743'],
  size: [10893, 4367],
  primaryDocument: ['xslF345X05/wk-form4_1691533817.xml', 'xsl144X01/primary_doc.xml'],
};

describe('SubmissionsResponse', () => {
  it('accepts the real shape (unpadded string CIK, empty SIC, former names with dates, overflow files)', () => {
    const r = SubmissionsResponse.parse({
      cik: '320193',
      name: 'Apple Inc.',
      tickers: ['AAPL'],
      sic: '',
      formerNames: [
        {
          name: 'APPLE COMPUTER INC',
          from: '1994-01-26T00:00:00.000Z',
          to: '2007-01-04T00:00:00.000Z',
        },
      ],
      filings: {
        recent,
        files: [
          {
            name: 'CIK0000320193-submissions-001.json',
            filingCount: 988,
            filingFrom: '1994-01-26',
            filingTo: '2013-02-07',
          },
        ],
      },
    });
    expect(r.filings.files[0]!.name).toBe('CIK0000320193-submissions-001.json');
    expect(r.formerNames).toEqual([{ name: 'APPLE COMPUTER INC' }]);
  });

  it('rejects parallel arrays of different lengths, naming the array', () => {
    const r = SubmissionsResponse.safeParse({
      cik: '320193',
      name: 'Apple Inc.',
      filings: { recent: { ...recent, form: ['4'] } },
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['filings', 'recent', 'form']);
    expect(r.error!.issues[0]!.message).toBe('has 1 entries where accessionNumber has 2');
  });

  it('refuses an overflow page name that could steer the URL elsewhere', () => {
    const r = SubmissionsResponse.safeParse({
      cik: 1,
      name: 'X',
      filings: { recent, files: [{ name: '../../evil.json' }] },
    });
    expect(r.success).toBe(false);
  });

  it('rejects a body without filings', () => {
    expect(SubmissionsResponse.safeParse({ cik: '320193', name: 'Apple Inc.' }).success).toBe(
      false,
    );
  });
});

describe('SubmissionsRecent (an overflow page is the bare arrays)', () => {
  it('accepts a page without fileNumber/primaryDocument/size (very old pages)', () => {
    const { accessionNumber, filingDate, acceptanceDateTime, form } = recent;
    expect(
      SubmissionsRecent.safeParse({ accessionNumber, filingDate, acceptanceDateTime, form })
        .success,
    ).toBe(true);
  });
});

describe('CompanyTickersResponse', () => {
  it('accepts the index-keyed map and rejects a string CIK', () => {
    expect(
      CompanyTickersResponse.parse({
        '0': { cik_str: 320193, ticker: 'AAPL', title: 'Apple Inc.' },
      })['0']!.ticker,
    ).toBe('AAPL');
    expect(
      CompanyTickersResponse.safeParse({
        '0': { cik_str: '320193', ticker: 'AAPL', title: 'Apple Inc.' },
      }).success,
    ).toBe(false);
  });
});

describe('FolderIndexResponse', () => {
  it('accepts the folder listing with empty sizes for generated files', () => {
    const r = FolderIndexResponse.parse({
      directory: {
        item: [
          {
            'last-modified': '2024-01-19 16:21:45',
            name: '0001213900-24-004875-index.html',
            type: 'text.gif',
            size: '',
          },
          {
            'last-modified': '2024-01-19 16:21:45',
            name: 'ea191807-8k_datchat.htm',
            type: 'text.gif',
            size: '47202',
          },
        ],
        name: '/Archives/edgar/data/1648960/000121390024004875',
      },
    });
    expect(r.directory.item.map((i) => i.name)).toEqual([
      '0001213900-24-004875-index.html',
      'ea191807-8k_datchat.htm',
    ]);
  });
});
