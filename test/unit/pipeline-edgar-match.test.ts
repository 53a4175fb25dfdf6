import { describe, expect, it } from 'vitest';
import { Config } from '../../src/config/schema.js';
import {
  businessDaysBetween,
  edgarDate,
  previousBusinessDay,
} from '../../src/pipeline/edgar/business-days.js';
import { normalizeCompanyName } from '../../src/pipeline/edgar/company-name.js';
import {
  buildWatchIndex,
  formsOfInterest,
  matchWatches,
} from '../../src/pipeline/edgar/match-watches.js';

const config = (watches: unknown[]) =>
  Config.parse({
    recipients: { desk: { emails: ['desk@example.com'] } },
    federalRegister: { notify: ['desk'] },
    watches: watches.map((w) => ({ notify: ['desk'], ...(w as object) })),
  });

describe('company names as a person means them', () => {
  it.each([
    ['ACME AI, INC.', 'Acme AI'],
    ['Acme A.I. Inc', 'acme ai'],
    ['PROGRESSIVE CORP/OH/', 'Progressive Corp'],
    ['The Acme Company', 'acme'],
    ['Johnson & Johnson', 'JOHNSON AND JOHNSON'],
  ])('%s reads as %s', (a, b) => expect(normalizeCompanyName(a)).toBe(normalizeCompanyName(b)));

  it('keeps words that tell companies apart', () => {
    expect(normalizeCompanyName('Acme AI Holdings Corp')).not.toBe(normalizeCompanyName('Acme AI'));
    expect(normalizeCompanyName('Acme Therapeutics')).not.toBe(
      normalizeCompanyName('Acme Biosciences'),
    );
  });
});

describe('EDGAR business days (New York time)', () => {
  it('dates a moment by Eastern time, not UTC', () => {
    expect(edgarDate(new Date('2026-03-10T03:30:00Z'))).toBe('2026-03-09'); // 23:30 EDT on the 9th
    expect(edgarDate(new Date('2026-03-10T05:00:00Z'))).toBe('2026-03-10');
  });
  it('skips weekends', () => {
    expect(previousBusinessDay('2026-03-09')).toBe('2026-03-06'); // Monday -> Friday
    expect(businessDaysBetween('2026-03-05', '2026-03-10')).toEqual([
      '2026-03-06',
      '2026-03-09',
      '2026-03-10',
    ]);
    expect(businessDaysBetween('2026-03-10', '2026-03-10')).toEqual([]);
  });
});

describe('matching filings against all watches at once', () => {
  const c = config([
    { name: 'by-cik', cik: '1045810', forms: ['10-K'] },
    { name: 'by-ticker', ticker: 'ibm', forms: ['10-K', '8-K'] },
    { name: 'ipos', newRegistrants: { forms: ['S-1', 'F-1'], keywords: ['export control'] } },
  ]);
  const index = buildWatchIndex(
    c.watches,
    new Map([['IBM', '0000051143']]),
    new Map([['0009999999', new Set(['ipos'])]]),
  );

  it('matches by CIK and by a ticker resolved through the ticker map, for the watched forms only', () => {
    expect(
      matchWatches(index, {
        form: '10-K',
        filers: [{ cik: '0001045810', name: 'NVIDIA CORP' }],
      }).map((m) => m.watch),
    ).toEqual(['by-cik']);
    expect(
      matchWatches(index, { form: '8-K', filers: [{ cik: '0001045810', name: 'NVIDIA CORP' }] }),
    ).toEqual([]);
    const ibm = matchWatches(index, { form: '8-K', filers: [{ cik: '0000051143', name: 'IBM' }] });
    expect(ibm).toEqual([
      { watch: 'by-ticker', cik: '0000051143', matchedBy: 'ticker IBM', requireKeywords: null },
    ]);
  });

  it('matches a new registrant by form, keeping its phrases to check once the risk factors are read', () => {
    const m = matchWatches(index, {
      form: 'S-1',
      filers: [{ cik: '0001234567', name: 'Acme AI Inc' }],
    });
    expect(m).toEqual([
      {
        watch: 'ipos',
        cik: '0001234567',
        matchedBy: 'new S-1 registrant',
        requireKeywords: ['export control'],
      },
    ]);
    expect(
      matchWatches(index, { form: 'S-1/A', filers: [{ cik: '0001234567', name: 'Acme AI Inc' }] }),
    ).toEqual([]);
  });

  it("follows a matched registrant's offering (amendments, final prospectus, withdrawal) without re-checking phrases", () => {
    for (const form of ['S-1/A', '424B4', 'RW']) {
      expect(
        matchWatches(index, { form, filers: [{ cik: '0009999999', name: 'Followed Inc' }] }),
      ).toEqual([
        {
          watch: 'ipos',
          cik: '0009999999',
          matchedBy: 'cik 0009999999 matched earlier',
          requireKeywords: null,
        },
      ]);
    }
    expect(
      matchWatches(index, { form: '8-K', filers: [{ cik: '0009999999', name: 'Followed Inc' }] }),
    ).toEqual([]);
  });

  it('tells which forms are worth reading in the daily index', () => {
    const wanted = formsOfInterest(c.watches);
    expect(['10-K', '8-K', 'S-1', 'F-1', 'S-1/A', '424B4'].filter(wanted)).toEqual([
      '10-K',
      '8-K',
      'S-1',
      'F-1',
      'S-1/A',
      '424B4',
    ]);
    expect(wanted('13F-HR')).toBe(false);
    expect(wanted('4')).toBe(false);
  });

  it('costs a lookup per filer, not a scan of the watchlist', () => {
    const many = config(
      Array.from({ length: 10_000 }, (_, i) => ({
        name: `w${i}`,
        cik: String(1_000_000 + i),
        forms: ['10-K'],
      })),
    );
    const big = buildWatchIndex(many.watches, new Map(), new Map());
    expect(big.byCik.size).toBe(10_000);
    expect(
      matchWatches(big, { form: '10-K', filers: [{ cik: '0001004321', name: 'X' }] }).map(
        (m) => m.watch,
      ),
    ).toEqual(['w4321']);
  });
});

describe('the sentence that shows a watched phrase', () => {
  it('is a whole sentence: initials and abbreviations do not end it', async () => {
    const { sentenceWith } = await import('../../src/pipeline/edgar/keyword-facts.js');
    const text =
      'We sell chips. Export controls imposed by the U.S. Department of Commerce could restrict sales of Acme Inc. products in China. Other text.';
    expect(sentenceWith(text, 'export control')).toBe(
      'Export controls imposed by the U.S. Department of Commerce could restrict sales of Acme Inc. products in China.',
    );
    expect(sentenceWith(text, 'quantum')).toBeNull();
  });
});
