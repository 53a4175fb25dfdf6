import { describe, expect, it } from 'vitest';
import { easternWallClockToIso, toEasternWallClock } from '../../src/sources/edgar/eastern-time.js';
import { EdgarParseError } from '../../src/sources/edgar/errors.js';
import {
  detectBinaryDocument,
  groupFeedEntries,
  isRateThresholdPage,
  isS3MissingKeyBody,
  normalizeAccession,
  normalizeCik,
  normalizeDate,
  parseAtomFeed,
  parseFilingIndexPage,
  parseFormIndex,
  parseMasterIndex,
  parseSgmlHeader,
  pickPrimaryDocument,
} from '../../src/sources/edgar/parse.js';

const URL_ = 'https://www.sec.gov/x';

/** Expects `fn` to throw an EdgarParseError naming the URL and matching `problem`. */
function expectParseError(fn: () => unknown, problem: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(EdgarParseError);
  const e = caught as EdgarParseError;
  expect(e.code).toBe('EDGAR_PARSE');
  expect(e.url).toBe(URL_);
  expect(e.message).toContain(URL_);
  expect(e.problem).toMatch(problem);
}

describe('normalisation', () => {
  it.each([
    ['320193', '0000320193'],
    ['0001045810', '0001045810'],
    ['12345678901', null],
    ['12a', null],
  ])('CIK %s -> %s', (input, out) => expect(normalizeCik(input)).toBe(out));
  it('CIK from a number', () => expect(normalizeCik(1045810)).toBe('0001045810'));
  it.each([
    ['000156459018004771', '0001564590-18-004771'],
    ['0001564590-18-004771', '0001564590-18-004771'],
    ['0001564590-18-00477', null],
  ])('accession %s -> %s', (input, out) => expect(normalizeAccession(input)).toBe(out));
  it.each([
    ['20250418', '2025-04-18'],
    ['2025-04-18', '2025-04-18'],
    ['20240230', null],
    ['2024-4-1', null],
  ])('date %s -> %s', (input, out) => expect(normalizeDate(input)).toBe(out));
});

describe('New York wall clock', () => {
  it('reads winter times as EST and summer times as EDT', () => {
    expect(easternWallClockToIso('2018-03-07 18:03:42')).toBe('2018-03-07T18:03:42-05:00');
    expect(easternWallClockToIso('20250415163025')).toBe('2025-04-15T16:30:25-04:00');
    // submissions JSON writes the New York wall clock with a false "Z"
    expect(easternWallClockToIso('2024-10-04T21:39:52.000Z')).toBe('2024-10-04T21:39:52-04:00');
    expect(easternWallClockToIso('not a time')).toBeNull();
  });
  it('turns an instant into the New York wall clock and back', () => {
    const e = toEasternWallClock(new Date('2026-01-12T16:27:39Z'));
    expect(e).toEqual({ date: '2026-01-12', time: '11:27:39', offset: '-05:00' });
    expect(new Date(easternWallClockToIso(`${e.date} ${e.time}`)!).toISOString()).toBe(
      '2026-01-12T16:27:39.000Z',
    );
  });
});

// Modelled on getcurrent-atom-page1.xml: a Form 4 appears twice (Reporting, then Issuer) with one
// accession; names contain " - " and an escaped apostrophe; `updated` carries EDGAR's offset.
const FEED = `<?xml version="1.0" encoding="ISO-8859-1" ?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Latest Filings - Mon, 12 Jan 2026 11:28:50 EST</title>
<id>https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent</id>
<updated>2026-01-12T11:28:50-05:00</updated>
<entry>
<title>S-1/A - Acme Bio - Series A&#39;s Holdings, Inc. (0002000001) (Filer)</title>
<link rel="alternate" type="text/html" href="https://www.sec.gov/Archives/edgar/data/2000001/000119312526000001/0001193125-26-000001-index.htm"/>
<summary type="html">
 &lt;b&gt;Filed:&lt;/b&gt; 2026-01-12 &lt;b&gt;AccNo:&lt;/b&gt; 0001193125-26-000001 &lt;b&gt;Size:&lt;/b&gt; 3 MB
</summary>
<updated>2026-01-12T11:27:39-05:00</updated>
<category scheme="https://www.sec.gov/" label="form type" term="S-1/A"/>
<id>urn:tag:sec.gov,2008:accession-number=0001193125-26-000001</id>
</entry>
<entry>
<title>4 - DAVIS CHARLES A (0001071287) (Reporting)</title>
<link rel="alternate" type="text/html" href="https://www.sec.gov/Archives/edgar/data/1071287/000008066126000032/0000080661-26-000032-index.htm"/>
<summary type="html">
 &lt;b&gt;Filed:&lt;/b&gt; 2026-01-12 &lt;b&gt;AccNo:&lt;/b&gt; 0000080661-26-000032 &lt;b&gt;Size:&lt;/b&gt; 7 KB
</summary>
<updated>2026-01-12T11:26:36-05:00</updated>
<category scheme="https://www.sec.gov/" label="form type" term="4"/>
<id>urn:tag:sec.gov,2008:accession-number=0000080661-26-000032</id>
</entry>
<entry>
<title>4 - PROGRESSIVE CORP/OH/ (0000080661) (Issuer)</title>
<link rel="alternate" type="text/html" href="https://www.sec.gov/Archives/edgar/data/80661/000008066126000032/0000080661-26-000032-index.htm"/>
<summary type="html">
 &lt;b&gt;Filed:&lt;/b&gt; 2026-01-12 &lt;b&gt;AccNo:&lt;/b&gt; 0000080661-26-000032 &lt;b&gt;Size:&lt;/b&gt; 7 KB
</summary>
<updated>2026-01-12T11:26:36-05:00</updated>
<category scheme="https://www.sec.gov/" label="form type" term="4"/>
<id>urn:tag:sec.gov,2008:accession-number=0000080661-26-000032</id>
</entry>
</feed>
`;

describe('parseAtomFeed + groupFeedEntries', () => {
  it('reads every (accession, role) entry', () => {
    const entries = parseAtomFeed(FEED, URL_);
    expect(entries).toHaveLength(3);
    expect(entries[0]).toEqual({
      accession: '0001193125-26-000001',
      form: 'S-1/A',
      filingDate: '2026-01-12',
      acceptedAt: '2026-01-12T11:27:39-05:00',
      cik: '0002000001',
      name: "Acme Bio - Series A's Holdings, Inc.",
      role: 'Filer',
      link: 'https://www.sec.gov/Archives/edgar/data/2000001/000119312526000001/0001193125-26-000001-index.htm',
    });
  });

  it('groups the Reporting and Issuer entries of one accession into one filing, issuer first', () => {
    const filings = groupFeedEntries(parseAtomFeed(FEED, URL_), (cik, acc) => `I/${cik}/${acc}`);
    expect(filings.map((f) => f.accession)).toEqual([
      '0001193125-26-000001',
      '0000080661-26-000032',
    ]);
    const form4 = filings[1]!;
    expect(form4.filers).toEqual([
      { cik: '0000080661', name: 'PROGRESSIVE CORP/OH/', role: 'Issuer' },
      { cik: '0001071287', name: 'DAVIS CHARLES A', role: 'Reporting' },
    ]);
    expect(form4.indexUrl).toBe('I/0000080661/0000080661-26-000032');
    expect(form4.acceptedAt).toBe('2026-01-12T11:26:36-05:00');
  });

  it('accepts a feed without entries as an empty page', () => {
    expect(
      parseAtomFeed(
        '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Latest Filings</title></feed>\n',
        URL_,
      ),
    ).toEqual([]);
  });

  it('rejects a feed cut short, an HTML page and an entry without accession', () => {
    expectParseError(() => parseAtomFeed(FEED.slice(0, FEED.length / 2), URL_), /cut short/);
    expectParseError(
      () => parseAtomFeed('<html><body><h1>Service Unavailable</h1></body></html>', URL_),
      /not an Atom feed/,
    );
    const noAcc = FEED.replace(/&lt;b&gt;AccNo:&lt;\/b&gt; 0001193125-26-000001/, '').replace(
      'accession-number=0001193125-26-000001',
      '',
    );
    expectParseError(() => parseAtomFeed(noAcc, URL_), /entry 1 .*no accession/);
    expectParseError(
      () => parseAtomFeed(FEED.replace('(0002000001) (Filer)', 'Filer'), URL_),
      /entry 1: title/,
    );
    // an entry garbled between two whole ones, in a feed that still closes
    const garbled = FEED.replace('<entry>\n<title>4 - DAVIS', '<entry>\n<entry>\n<title>4 - DAVIS');
    expectParseError(() => parseAtomFeed(garbled, URL_), /4 <entry> elements but 3 complete ones/);
  });
});

// Modelled on form.20200318.idx: four header lines, blank lines with one space, column titles,
// a dashed line; a repeated line (one per document series), a two-word form, and an 11+ char form.
const FORM_IDX = [
  'Description:           Daily Index of EDGAR Dissemination Feed by Form Type',
  'Last Data Received:    Mar 18, 2020',
  'Comments:              webmaster@sec.gov',
  'Anonymous FTP:         ftp://ftp.sec.gov/edgar/',
  ' ',
  ' ',
  'Form Type   Company Name                                                  CIK         Date Filed  File Name',
  '-'.repeat(141),
  '1-A POS     Belpointe REIT, Inc.                                          1749817     20200318    edgar/data/1749817/0001010549-20-000033.txt         ',
  'ABS-15G     DEUTSCHE MORTGAGE & ASSET RECEIVING CORP                      1013454     20200318    edgar/data/1013454/0001539497-20-000574.txt         ',
  'ABS-15G     DEUTSCHE MORTGAGE & ASSET RECEIVING CORP                      1013454     20200318    edgar/data/1013454/0001539497-20-000574.txt         ',
  'S-1         Deep Green Waste & Recycling, Inc.                            1637866     20200318    edgar/data/1637866/0001493152-20-004219.txt         ',
  'S-1/A       Acme  Two   Spaces Corp                                       2000001     20200318    edgar/data/2000001/0001193125-20-000001.txt         ',
  'SCHEDULE 13G/A Big Holder LP                                              2000002     20200318    edgar/data/2000002/0001193125-20-000002.txt         ',
  '',
].join('\n');

describe('parseFormIndex', () => {
  it('reads the fixed-width lines after the header, once per (accession, CIK, form)', () => {
    const rows = parseFormIndex(FORM_IDX, URL_);
    expect(rows).toEqual([
      {
        cik: '0001749817',
        companyName: 'Belpointe REIT, Inc.',
        form: '1-A POS',
        filingDate: '2020-03-18',
        accession: '0001010549-20-000033',
      },
      {
        cik: '0001013454',
        companyName: 'DEUTSCHE MORTGAGE & ASSET RECEIVING CORP',
        form: 'ABS-15G',
        filingDate: '2020-03-18',
        accession: '0001539497-20-000574',
      },
      {
        cik: '0001637866',
        companyName: 'Deep Green Waste & Recycling, Inc.',
        form: 'S-1',
        filingDate: '2020-03-18',
        accession: '0001493152-20-004219',
      },
      {
        cik: '0002000001',
        companyName: 'Acme  Two   Spaces Corp',
        form: 'S-1/A',
        filingDate: '2020-03-18',
        accession: '0001193125-20-000001',
      },
      {
        cik: '0002000002',
        companyName: 'Big Holder LP',
        form: 'SCHEDULE 13G/A',
        filingDate: '2020-03-18',
        accession: '0001193125-20-000002',
      },
    ]);
  });
  it('reads an index with no filings as empty', () => {
    expect(parseFormIndex(FORM_IDX.split('\n').slice(0, 8).join('\n'), URL_)).toEqual([]);
  });
  it('rejects a body without the header, and a cut line, naming the line', () => {
    expectParseError(() => parseFormIndex('<html>oops</html>', URL_), /not an EDGAR daily index/);
    const cut = FORM_IDX.replace('edgar/data/1637866/0001493152-20-004219.txt', 'edgar/da');
    expectParseError(() => parseFormIndex(cut, URL_), /^line 12: "S-1 +Deep Green/);
  });
});

describe('parseMasterIndex', () => {
  // Modelled on master.20250418.idx (pipe-delimited, repeated lines).
  const MASTER = [
    'Description:           Daily Index of EDGAR Dissemination Feed',
    'Last Data Received:    Apr 18, 2025',
    'Comments:              webmaster@sec.gov',
    'Anonymous FTP:         ftp://ftp.sec.gov/edgar/',
    ' ',
    'CIK|Company Name|Form Type|Date Filed|File Name',
    '-'.repeat(80),
    '1000249|FIRST EAGLE VARIABLE FUNDS|485BPOS|20250418|edgar/data/1000249/0000930413-25-001290.txt',
    '1000249|FIRST EAGLE VARIABLE FUNDS|485BPOS|20250418|edgar/data/1000249/0000930413-25-001290.txt',
    '1000275|ROYAL BANK OF CANADA|424B2|20250418|edgar/data/1000275/0000950103-25-005030.txt',
  ].join('\n');
  it('reads each pipe-delimited line once', () => {
    expect(parseMasterIndex(MASTER, URL_)).toEqual([
      {
        cik: '0001000249',
        companyName: 'FIRST EAGLE VARIABLE FUNDS',
        form: '485BPOS',
        filingDate: '2025-04-18',
        accession: '0000930413-25-001290',
      },
      {
        cik: '0001000275',
        companyName: 'ROYAL BANK OF CANADA',
        form: '424B2',
        filingDate: '2025-04-18',
        accession: '0000950103-25-005030',
      },
    ]);
  });
  it('rejects a line that is not five fields', () => {
    expectParseError(() => parseMasterIndex(`${MASTER}\n1000275|ROYAL BANK`, URL_), /line 11/);
  });
});

describe('answers that are not data', () => {
  it('recognises S3 AccessDenied (non-business day) and not the rate-threshold page', () => {
    // Modelled on master.20240101.idx-error-body.xml: note the line break inside "<?xml".
    const denied =
      '<?xml\nversion="1.0" encoding="UTF-8"?>\n<Error>\n    <Code>AccessDenied</Code>\n    <Message>Access Denied</Message>\n</Error>';
    expect(isS3MissingKeyBody(denied)).toBe(true);
    expect(isRateThresholdPage(denied)).toBe(false);
    const threshold =
      '<html><head><title>SEC.gov | Request Rate Threshold Exceeded</title></head><body></body></html>';
    expect(isRateThresholdPage(threshold)).toBe(true);
    expect(isS3MissingKeyBody(threshold)).toBe(false);
  });
});

// Modelled on 0001045810-26-000024-index.html: formName, secNum, infoHead/info pairs, a documents
// table with an iXBRL marker after the link, the "Complete submission text file" row, a filer block.
function indexPage(opts: {
  form: string;
  fileNo: string | null;
  accepted: string;
  extraFiler?: string;
}): string {
  const fileNo = opts.fileNo
    ? ` | File No.: <a href="/cgi-bin/browse-edgar?filenum=${opts.fileNo}&amp;action=getcompany"><strong>${opts.fileNo}</strong></a> | Film No.: <strong>26731070</strong>`
    : '';
  return `<html><head><title>EDGAR Filing Documents for 0001193125-26-000001</title></head><body>
<div id="formName"><strong>Form ${opts.form}</strong> - General form for registration of securities: </div>
<div id="secNum"><strong><acronym title="Securities and Exchange Commission">SEC</acronym> Accession <acronym title="Number">No.</acronym></strong> 0001193125-26-000001</div>
<div class="formGrouping">
 <div class="infoHead">Filing Date</div><div class="info">2026-01-12</div>
 <div class="infoHead">Accepted</div><div class="info">${opts.accepted}</div>
 <div class="infoHead">Documents</div><div class="info">3</div>
</div>
<table class="tableFile" summary="Document Format Files">
 <tr><th scope="col">Seq</th><th scope="col">Description</th><th scope="col">Document</th><th scope="col">Type</th><th scope="col">Size</th></tr>
 <tr><td scope="row">1</td><td scope="row">${opts.form}</td><td scope="row"><a href="/ix?doc=/Archives/edgar/data/2000001/000119312526000001/d12345ds1.htm">d12345ds1.htm</a> &nbsp;&nbsp;<span style="color: green">iXBRL</span></td><td scope="row">${opts.form}</td><td scope="row">3401234</td></tr>
 <tr class="evenRow"><td scope="row">2</td><td scope="row">CONSENT</td><td scope="row"><a href="/Archives/edgar/data/2000001/000119312526000001/d12345dex231.htm">d12345dex231.htm</a></td><td scope="row">EX-23.1</td><td scope="row">2100</td></tr>
 <tr><td scope="row">&nbsp;</td><td scope="row">Complete submission text file</td><td scope="row"><a href="/Archives/edgar/data/2000001/000119312526000001/0001193125-26-000001.txt">0001193125-26-000001.txt</a></td><td scope="row">&nbsp;</td><td scope="row">3500000</td></tr>
</table>
<table class="tableFile" summary="Data Files">
 <tr><th scope="col">Seq</th><th scope="col">Description</th><th scope="col">Document</th><th scope="col">Type</th><th scope="col">Size</th></tr>
 <tr><td scope="row">3</td><td scope="row"><b>EXTRACTED</b> XBRL INSTANCE DOCUMENT</td><td scope="row"><a href="/x/d12345ds1_htm.xml">d12345ds1_htm.xml</a></td><td scope="row">XML</td><td scope="row">2711</td></tr>
</table>
<div class="filerDiv">${opts.extraFiler ?? ''}
<div class="companyInfo">
  <span class="companyName">Acme Bio (DE) Holdings, Inc. (Filer)
 <acronym title="Central Index Key">CIK</acronym>: <a href="/cgi-bin/browse-edgar?CIK=0002000001&amp;action=getcompany">0002000001 (see all company filings)</a></span>
<p class="identInfo"><acronym title="Internal Revenue Service Number">EIN.</acronym>: <strong>000000000</strong> | State of Incorp.: <strong>DE</strong><br />Type: <strong>${opts.form}</strong> | Act: <strong>33</strong>${fileNo}<br /></p>
</div></div></body></html>`;
}

describe('parseFilingIndexPage', () => {
  it('reads form, dates, filer with file number, and the documents (not the complete submission)', () => {
    const page = parseFilingIndexPage(
      indexPage({ form: 'S-1', fileNo: '333-290001', accepted: '2026-01-12 16:05:09' }),
      URL_,
    );
    expect(page).toMatchObject({
      accession: '0001193125-26-000001',
      form: 'S-1',
      filingDate: '2026-01-12',
      acceptedAt: '2026-01-12T16:05:09-05:00',
    });
    expect(page.filers).toEqual([
      {
        cik: '0002000001',
        name: 'Acme Bio (DE) Holdings, Inc.',
        role: 'Filer',
        fileNumber: '333-290001',
      },
    ]);
    expect(page.documents).toEqual([
      { seq: 1, description: 'S-1', filename: 'd12345ds1.htm', type: 'S-1', size: 3401234 },
      { seq: 2, description: 'CONSENT', filename: 'd12345dex231.htm', type: 'EX-23.1', size: 2100 },
      {
        seq: 3,
        description: 'EXTRACTED XBRL INSTANCE DOCUMENT',
        filename: 'd12345ds1_htm.xml',
        type: 'XML',
        size: 2711,
      },
    ]);
    expect(pickPrimaryDocument(page.form, page.documents)).toBe('d12345ds1.htm');
  });

  it('reads a page without a File No. (a reporting owner beside the issuer) as null for that filer', () => {
    const owner = `<div class="companyInfo"><span class="companyName">DOE JANE (Reporting)
 <acronym title="Central Index Key">CIK</acronym>: <a href="/cgi-bin/browse-edgar?CIK=0001071287&amp;action=getcompany">0001071287 (see all company filings)</a></span>
<p class="identInfo"></p></div>`;
    const page = parseFilingIndexPage(
      indexPage({
        form: 'S-1/A',
        fileNo: null,
        accepted: '2026-07-01 09:00:00',
        extraFiler: owner,
      }),
      URL_,
    );
    expect(page.acceptedAt).toBe('2026-07-01T09:00:00-04:00');
    expect(page.filers.map((f) => [f.role, f.cik, f.fileNumber])).toEqual([
      ['Reporting', '0001071287', null],
      ['Filer', '0002000001', null],
    ]);
  });

  it('rejects a page that parses to nothing, and one without documents', () => {
    expectParseError(
      () => parseFilingIndexPage('<html><body><h1>Page Not Found</h1></body></html>', URL_),
      /not a filing detail page/,
    );
    const noDocs = indexPage({
      form: 'S-1',
      fileNo: null,
      accepted: '2026-01-12 16:05:09',
    }).replace(/<table[\s\S]*<\/table>/, '');
    expectParseError(() => parseFilingIndexPage(noDocs, URL_), /lists no documents/);
  });

  it('has no primary document when no document has the form as type', () => {
    expect(pickPrimaryDocument('S-1/A', [{ filename: 'a.htm', type: 'S-1' }])).toBeNull();
    expect(
      pickPrimaryDocument('s-1/a', [
        { filename: 'a.pdf', type: 'EX-99' },
        { filename: 'b.htm', type: 'S-1/A' },
      ]),
    ).toBe('b.htm');
  });
});

describe('parseSgmlHeader', () => {
  // Modelled on sgml-8k-0001213900-25-032135.txt (tabs between label and value).
  const TXT = [
    '<SEC-DOCUMENT>0001493152-25-029712.txt : 20251231',
    '<SEC-HEADER>0001493152-25-029712.hdr.sgml : 20251231',
    '<ACCEPTANCE-DATETIME>20251231081519',
    'ACCESSION NUMBER:\t\t0001493152-25-029712',
    'CONFORMED SUBMISSION TYPE:\t424B5',
    'PUBLIC DOCUMENT COUNT:\t\t2',
    'FILED AS OF DATE:\t\t20251231',
    '',
    'FILER:',
    '',
    '\tCOMPANY DATA:\t',
    '\t\tCOMPANY CONFORMED NAME:\t\t\tImunon, Inc.',
    '\t\tCENTRAL INDEX KEY:\t\t\t0000749647',
    '',
    '\tFILING VALUES:',
    '\t\tFORM TYPE:\t\t424B5',
    '\t\tSEC FILE NUMBER:\t333-279425',
    '',
    '\tFORMER COMPANY:\t',
    '\t\tFORMER CONFORMED NAME:\tCelsion CORP',
    '</SEC-HEADER>',
    '<DOCUMENT>',
    '<TYPE>424B5',
    '<SEQUENCE>1',
    '<FILENAME>form424b5.htm',
    '<DESCRIPTION>424B5',
    '<TEXT>',
    '<html><body>prospectus</body></html>',
    '</TEXT>',
    '</DOCUMENT>',
    '<DOCUMENT>',
    '<TYPE>GRAPHIC',
    '<SEQUENCE>2',
    '<FILENAME>form424b5_001.jpg',
    '<TEXT>',
    'begin 644 form424b5_001.jpg',
    'end',
    '</TEXT>',
    '</DOCUMENT>',
    '</SEC-DOCUMENT>',
  ].join('\n');

  it('reads accession, type, dates, the filer with its file number, and the documents', () => {
    expect(parseSgmlHeader(TXT, URL_)).toEqual({
      accession: '0001493152-25-029712',
      form: '424B5',
      filingDate: '2025-12-31',
      acceptedAt: '2025-12-31T08:15:19-05:00',
      filers: [
        { cik: '0000749647', name: 'Imunon, Inc.', role: 'Filer', fileNumber: '333-279425' },
      ],
      documents: [
        { seq: 1, type: '424B5', filename: 'form424b5.htm', description: '424B5', size: null },
        { seq: 2, type: 'GRAPHIC', filename: 'form424b5_001.jpg', description: '', size: null },
      ],
    });
  });

  it('reads the escaped header of -index-headers.html the same way', () => {
    const escaped = `<HTML><BODY><PRE>${TXT.replace(/</g, '&lt;').replace(/>/g, '&gt;')}</PRE></BODY></HTML>`;
    expect(parseSgmlHeader(escaped, URL_).filers[0]!.fileNumber).toBe('333-279425');
  });

  it('rejects a body without SEC-HEADER', () => {
    expectParseError(() => parseSgmlHeader('<html>nothing</html>', URL_), /SEC-HEADER/);
  });
});

describe('detectBinaryDocument', () => {
  it.each([
    [Buffer.from('%PDF-1.7\n...'), 'text/html', 'a.htm', 'a PDF'],
    [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]), '', 'x', 'a PNG image'],
    [Buffer.from([0x50, 0x4b, 0x03, 0x04]), '', 'x', 'a ZIP archive'],
    [Buffer.from('whatever'), 'application/pdf', 'x', 'a PDF'],
    [Buffer.from('whatever'), '', 'scan.JPG', 'a .jpg file'],
    [Buffer.from('<html>'), 'text/html; charset=utf-8', 'd1.htm', null],
    [Buffer.from('<?xml version="1.0"?>'), 'application/xml', 'primary_doc.xml', null],
  ])('%s %s %s -> %s', (bytes, ct, name, out) =>
    expect(detectBinaryDocument(bytes, ct, name)).toBe(out),
  );
});
