/**
 * EDGAR's response formats, rendered for the fake EDGAR server (test/helpers/edgar-server.ts).
 * Each renderer is modelled on a real response in ../shared/corpus/edgar (named in its TSDoc).
 */
import { toEasternWallClock } from '../../src/sources/edgar/eastern-time.js';

/** A filing as the fake server keeps it (normalised once, on `add`). */
export interface StoredFiling {
  cik: string;
  cikInt: number;
  company: string;
  form: string;
  accession: string;
  accNoDashes: string;
  filingDate: string;
  acceptedAt: Date;
  fileNumber: string | null;
  primary: { filename: string; body: Buffer; contentType: string } | null;
  documents: {
    seq: number;
    filename: string;
    type: string;
    description: string;
    body: Buffer;
    contentType: string;
  }[];
  reportingOwners: { cik: string; name: string }[];
  tickers: string[];
  sic: string | null;
  inFeed: boolean;
  inDailyIndex: boolean;
}

export const escapeXml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

const CONTENT_TYPES: Record<string, string> = {
  htm: 'text/html',
  html: 'text/html',
  txt: 'text/plain',
  xml: 'application/xml',
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  zip: 'application/zip',
  json: 'application/json',
};

/** Content type by file extension, as EDGAR's Archives serve them. */
export function contentTypeFor(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return (
    CONTENT_TYPES[dot < 0 ? '' : filename.slice(dot + 1).toLowerCase()] ??
    'application/octet-stream'
  );
}

function eastern(d: Date): { date: string; time: string; offset: string } {
  return toEasternWallClock(d);
}

/** `2026-01-12T11:27:39-05:00`: the feed's `updated`. */
export function easternIso(d: Date): string {
  const e = eastern(d);
  return `${e.date}T${e.time}${e.offset}`;
}

/** One (accession, role) entry of the feed. */
export interface FeedRow {
  filing: StoredFiling;
  cik: string;
  name: string;
  role: string;
}

/** Modelled on getcurrent-atom-page1.xml. */
export function renderAtomFeed(rows: FeedRow[], baseUrl: string, now: Date): string {
  const e = eastern(now);
  const out: string[] = [
    '<?xml version="1.0" encoding="ISO-8859-1" ?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `<title>Latest Filings - ${now.toUTCString()}</title>`,
    '<link rel="alternate" href="/cgi-bin/browse-edgar?action=getcurrent"/>',
    '<link rel="self" href="/cgi-bin/browse-edgar?action=getcurrent"/>',
    `<id>${baseUrl}/cgi-bin/browse-edgar?action=getcurrent</id>`,
    '<author><name>Webmaster</name><email>webmaster@sec.gov</email></author>',
    `<updated>${e.date}T${e.time}${e.offset}</updated>`,
  ];
  for (const r of rows) {
    const f = r.filing;
    const kb = Math.max(1, Math.round(totalSize(f) / 1024));
    out.push(
      '<entry>',
      `<title>${escapeXml(f.form)} - ${escapeXml(r.name)} (${r.cik}) (${r.role})</title>`,
      `<link rel="alternate" type="text/html" href="${baseUrl}/Archives/edgar/data/${Number(r.cik)}/${f.accNoDashes}/${f.accession}-index.htm"/>`,
      '<summary type="html">',
      ` &lt;b&gt;Filed:&lt;/b&gt; ${f.filingDate} &lt;b&gt;AccNo:&lt;/b&gt; ${f.accession} &lt;b&gt;Size:&lt;/b&gt; ${kb} KB`,
      '</summary>',
      `<updated>${easternIso(f.acceptedAt)}</updated>`,
      `<category scheme="https://www.sec.gov/" label="form type" term="${escapeXml(f.form)}"/>`,
      `<id>urn:tag:sec.gov,2008:accession-number=${f.accession}</id>`,
      '</entry>',
    );
  }
  out.push('</feed>', '');
  return out.join('\n');
}

function totalSize(f: StoredFiling): number {
  return (f.primary?.body.length ?? 0) + f.documents.reduce((n, d) => n + d.body.length, 0);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function lastDataReceived(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${MONTHS[m - 1]} ${String(d).padStart(2, ' ')}, ${y}`;
}

/** Index lines: one per (filing, CIK) like EDGAR's, issuer first then each reporting owner. */
function indexRows(filings: StoredFiling[]): { f: StoredFiling; cik: number; name: string }[] {
  const rows: { f: StoredFiling; cik: number; name: string }[] = [];
  for (const f of filings) {
    rows.push({ f, cik: f.cikInt, name: f.company });
    for (const o of f.reportingOwners) rows.push({ f, cik: Number(o.cik), name: o.name });
  }
  return rows;
}

/** Modelled on form.20200318.idx: fixed width (form 12, company 62, CIK 12, date 12), sorted by form then company. */
export function renderFormIndex(date: string, filings: StoredFiling[]): string {
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const rows = indexRows(filings).sort((a, b) => cmp(a.f.form, b.f.form) || cmp(a.name, b.name));
  const ymd = date.replace(/-/g, '');
  const lines = [
    'Description:           Daily Index of EDGAR Dissemination Feed by Form Type',
    `Last Data Received:    ${lastDataReceived(date)}`,
    'Comments:              webmaster@sec.gov',
    'Anonymous FTP:         ftp://ftp.sec.gov/edgar/',
    ' ',
    ' ',
    ' ',
    ' ',
    'Form Type   Company Name                                                  CIK         Date Filed  File Name',
    '-'.repeat(141),
  ];
  for (const r of rows) {
    const file = `edgar/data/${r.cik}/${r.f.accession}.txt`;
    lines.push(
      `${r.f.form.padEnd(11)} ${r.name.slice(0, 61).padEnd(61)} ${String(r.cik).padEnd(11)} ${ymd.padEnd(11)} ${file.padEnd(52)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Modelled on master.20250418.idx: `CIK|Company Name|Form Type|Date Filed|File Name`, sorted by CIK. */
export function renderMasterIndex(date: string, filings: StoredFiling[]): string {
  const rows = indexRows(filings).sort((a, b) => a.cik - b.cik);
  const lines = [
    'Description:           Daily Index of EDGAR Dissemination Feed',
    `Last Data Received:    ${lastDataReceived(date)}`,
    'Comments:              webmaster@sec.gov',
    'Anonymous FTP:         ftp://ftp.sec.gov/edgar/',
    ' ',
    'CIK|Company Name|Form Type|Date Filed|File Name',
    '-'.repeat(80),
  ];
  for (const r of rows)
    lines.push(
      `${r.cik}|${r.name}|${r.f.form}|${date.replace(/-/g, '')}|edgar/data/${r.cik}/${r.f.accession}.txt`,
    );
  return `${lines.join('\n')}\n`;
}

/** Modelled on master.20240101.idx-error-body.xml (what S3 answers for a missing daily index). */
export function renderAccessDenied(): string {
  return '<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n    <Code>AccessDenied</Code>\n    <Message>Access Denied</Message>\n    <RequestId>FAKE0EDGAR0REQ01</RequestId>\n    <HostId>ZmFrZS1lZGdhcg==</HostId>\n</Error>\n';
}

/** The page EDGAR serves with HTTP 403 when an organisation exceeds 10 requests per second. */
export function renderThresholdPage(): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><title>SEC.gov | Request Rate Threshold Exceeded</title></head>',
    '<body><h1>Your Request Originates from an Undeclared Automated Tool</h1>',
    '<p>To allow for equitable access to all users, SEC reserves the right to limit requests originating from undeclared automated tools.',
    'Your request has been identified as part of a network of automated tools outside of the acceptable policy and will be managed until action is taken to declare your traffic.</p>',
    '<p>Please declare your traffic by updating your user agent to include company specific information.</p>',
    '<p>For best practices on efficiently downloading information from SEC.gov, including the latest EDGAR filings, visit sec.gov/developer.</p>',
    '</body></html>',
  ].join('\n');
}

function documentRows(f: StoredFiling, baseUrl: string): string {
  const folder = `/Archives/edgar/data/${f.cikInt}/${f.accNoDashes}`;
  const docs: { seq: number; description: string; filename: string; type: string; size: number }[] =
    [];
  if (f.primary)
    docs.push({
      seq: 1,
      description: f.form,
      filename: f.primary.filename,
      type: f.form,
      size: f.primary.body.length,
    });
  for (const d of f.documents)
    docs.push({
      seq: d.seq,
      description: d.description,
      filename: d.filename,
      type: d.type,
      size: d.body.length,
    });
  const rows = docs.map(
    (d, i) => `         <tr${i % 2 ? ' class="evenRow"' : ''}>
            <td scope="row">${d.seq}</td>
            <td scope="row">${escapeXml(d.description)}</td>
            <td scope="row"><a href="${folder}/${escapeXml(d.filename)}">${escapeXml(d.filename)}</a></td>
            <td scope="row">${escapeXml(d.type)}</td>
            <td scope="row">${d.size}</td>
         </tr>`,
  );
  rows.push(`         <tr${docs.length % 2 ? ' class="evenRow"' : ''}>
            <td scope="row">&nbsp;</td>
            <td scope="row">Complete submission text file</td>
            <td scope="row"><a href="${folder}/${f.accession}.txt">${f.accession}.txt</a></td>
            <td scope="row">&nbsp;</td>
            <td scope="row">${totalSize(f) + 4000}</td>
         </tr>`);
  void baseUrl;
  return rows.join('\n');
}

function companyInfo(
  name: string,
  role: string,
  cik: string,
  form: string,
  fileNumber: string | null,
  sic: string | null,
): string {
  const fileNo = fileNumber
    ? ` | File No.: <a href="/cgi-bin/browse-edgar?filenum=${fileNumber}&amp;action=getcompany"><strong>${fileNumber}</strong></a> | Film No.: <strong>26731070</strong>`
    : '';
  const sicPart = sic
    ? `<br /><acronym title="Standard Industrial Code">SIC</acronym>: <b><a href="/cgi-bin/browse-edgar?action=getcompany&amp;SIC=${sic}&amp;owner=include">${sic}</a></b>`
    : '';
  return `<div class="companyInfo">
  <span class="companyName">${escapeXml(name)} (${role})
 <acronym title="Central Index Key">CIK</acronym>: <a href="/cgi-bin/browse-edgar?CIK=${cik}&amp;action=getcompany">${cik} (see all company filings)</a></span>
<p class="identInfo"><acronym title="Internal Revenue Service Number">EIN.</acronym>: <strong>000000000</strong> | State of Incorp.: <strong>DE</strong> | Fiscal Year End: <strong>1231</strong><br />Type: <strong>${escapeXml(form)}</strong> | Act: <strong>33</strong>${fileNo}${sicPart}</p>
</div>`;
}

/** Modelled on 0001564590-18-004771-index.html (Filing Detail): header, documents table, filer blocks. */
export function renderIndexPage(f: StoredFiling, baseUrl: string): string {
  const accepted = eastern(f.acceptedAt);
  const filers =
    f.reportingOwners.length === 0
      ? [companyInfo(f.company, 'Filer', f.cik, f.form, f.fileNumber, f.sic)]
      : [
          ...f.reportingOwners.map((o) =>
            companyInfo(o.name, 'Reporting', o.cik, f.form, null, null),
          ),
          companyInfo(f.company, 'Issuer', f.cik, f.form, f.fileNumber, f.sic),
        ];
  return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>EDGAR Filing Documents for ${f.accession}</title>
</head>
<body style="margin: 0; font-size: 16px; ">
<div id="header" style="text-align: center;"><h1>Filing Detail</h1></div>
<div id="contentDiv">
<!-- START FILING DIV -->
<div class="formDiv">
   <div id="formHeader">
      <div id="formName">
         <strong>Form ${escapeXml(f.form)}</strong> - Registration statement: 
      </div>
      <div id="secNum">
         <strong><acronym title="Securities and Exchange Commission">SEC</acronym> Accession <acronym title="Number">No.</acronym></strong> ${f.accession}
      </div>
   </div>
   <div class="formContent">
      <div class="formGrouping">
         <div class="infoHead">Filing Date</div>
         <div class="info">${f.filingDate}</div>
         <div class="infoHead">Accepted</div>
         <div class="info">${accepted.date} ${accepted.time}</div>
         <div class="infoHead">Documents</div>
         <div class="info">${(f.primary ? 1 : 0) + f.documents.length}</div>
      </div>
      <div style="clear:both"></div>
<!-- END FILING DIV -->
  </div>
</div>
<div class="formDiv">
   <div style="padding: 0px 0px 4px 0px; font-size: 12px; margin: 0px 2px 0px 5px; width: 100%; overflow:hidden">
      <p>Document Format Files</p>
      <table class="tableFile" summary="Document Format Files">
         <tr>
            <th scope="col" style="width: 5%;"><acronym title="Sequence Number">Seq</acronym></th>
            <th scope="col" style="width: 40%;">Description</th>
            <th scope="col" style="width: 20%;">Document</th>
            <th scope="col" style="width: 10%;">Type</th>
            <th scope="col">Size</th>
         </tr>
${documentRows(f, baseUrl)}
      </table>
   </div>
</div>
<!-- END DOCUMENT DIV -->
<!-- START FILER DIV -->
<div class="filerDiv">
${filers.join('\n')}
<div class="clear"></div>
</div>
<!-- END FILER DIV -->
</div>
</body>
</html>
`;
}

/** Modelled on 0001213900-24-004875-index.json (the folder listing). */
export function renderFolderIndexJson(f: StoredFiling): string {
  const lm = `${eastern(f.acceptedAt).date} ${eastern(f.acceptedAt).time}`;
  const item = [
    { 'last-modified': lm, name: `${f.accession}-index-headers.html`, type: 'text.gif', size: '' },
    { 'last-modified': lm, name: `${f.accession}-index.html`, type: 'text.gif', size: '' },
    { 'last-modified': lm, name: `${f.accession}.txt`, type: 'text.gif', size: '' },
    ...(f.primary
      ? [
          {
            'last-modified': lm,
            name: f.primary.filename,
            type: 'text.gif',
            size: String(f.primary.body.length),
          },
        ]
      : []),
    ...f.documents.map((d) => ({
      'last-modified': lm,
      name: d.filename,
      type: 'text.gif',
      size: String(d.body.length),
    })),
  ];
  return JSON.stringify({
    directory: {
      item,
      name: `/Archives/edgar/data/${f.cikInt}/${f.accNoDashes}`,
      'parent-dir': `/Archives/edgar/data/${f.cikInt}`,
    },
  });
}

/** A plain directory listing of the filing folder (EDGAR's HTML listing, reduced). */
export function renderFolderListing(f: StoredFiling): string {
  const names = [
    `${f.accession}-index.htm`,
    `${f.accession}.txt`,
    'index.json',
    ...(f.primary ? [f.primary.filename] : []),
    ...f.documents.map((d) => d.filename),
  ];
  const folder = `/Archives/edgar/data/${f.cikInt}/${f.accNoDashes}`;
  return `<html><head><title>Directory Listing ${folder}</title></head><body><table>\n${names.map((n) => `<tr><td><a href="${folder}/${escapeXml(n)}">${escapeXml(n)}</a></td></tr>`).join('\n')}\n</table></body></html>\n`;
}

/** uuencode, the way EDGAR embeds binary documents (PDF, images) in the full submission. */
function uuencode(name: string, data: Buffer): string {
  const enc = (n: number) => String.fromCharCode(n === 0 ? 96 : n + 32);
  const lines = [`begin 644 ${name}`];
  for (let i = 0; i < data.length; i += 45) {
    const chunk = data.subarray(i, i + 45);
    let line = enc(chunk.length);
    for (let j = 0; j < chunk.length; j += 3) {
      const a = chunk[j] ?? 0;
      const b = chunk[j + 1] ?? 0;
      const c = chunk[j + 2] ?? 0;
      line +=
        enc(a >> 2) +
        enc(((a & 3) << 4) | (b >> 4)) +
        enc(((b & 15) << 2) | (c >> 6)) +
        enc(c & 63);
    }
    lines.push(line);
  }
  lines.push('`', 'end');
  return lines.join('\n');
}

const isText = (contentType: string) => /^(text\/|application\/(xml|xhtml|json))/.test(contentType);

/** Modelled on sgml-8k-0001213900-25-032135.txt: `<SEC-DOCUMENT>`, `<SEC-HEADER>` (with SEC FILE NUMBER), one `<DOCUMENT>` per file. */
export function renderFullSubmission(f: StoredFiling): Buffer {
  const e = eastern(f.acceptedAt);
  const ymd = f.filingDate.replace(/-/g, '');
  const docs = [
    ...(f.primary
      ? [
          {
            seq: 1,
            type: f.form,
            filename: f.primary.filename,
            description: f.form,
            body: f.primary.body,
            contentType: f.primary.contentType,
          },
        ]
      : []),
    ...f.documents,
  ];
  const company = (role: string, name: string, cik: string, fileNumber: string | null) =>
    [
      `${role}:`,
      '',
      '\tCOMPANY DATA:\t',
      `\t\tCOMPANY CONFORMED NAME:\t\t\t${name}`,
      `\t\tCENTRAL INDEX KEY:\t\t\t${cik}`,
      ...(f.sic && role !== 'REPORTING-OWNER'
        ? [`\t\tSTANDARD INDUSTRIAL CLASSIFICATION:\tSERVICES [${f.sic}]`]
        : []),
      '\t\tSTATE OF INCORPORATION:\t\t\tDE',
      '\t\tFISCAL YEAR END:\t\t\t1231',
      '',
      '\tFILING VALUES:',
      `\t\tFORM TYPE:\t\t${f.form}`,
      '\t\tSEC ACT:\t\t1933 Act',
      ...(fileNumber ? [`\t\tSEC FILE NUMBER:\t${fileNumber}`] : []),
      '\t\tFILM NUMBER:\t\t26731070',
      '',
    ].join('\n');
  const parties =
    f.reportingOwners.length === 0
      ? [company('FILER', f.company, f.cik, f.fileNumber)]
      : [
          ...f.reportingOwners.map((o) => company('REPORTING-OWNER', o.name, o.cik, null)),
          company('ISSUER', f.company, f.cik, f.fileNumber),
        ];
  const head = [
    `<SEC-DOCUMENT>${f.accession}.txt : ${ymd}`,
    `<SEC-HEADER>${f.accession}.hdr.sgml : ${ymd}`,
    `<ACCEPTANCE-DATETIME>${e.date.replace(/-/g, '')}${e.time.replace(/:/g, '')}`,
    `ACCESSION NUMBER:\t\t${f.accession}`,
    `CONFORMED SUBMISSION TYPE:\t${f.form}`,
    `PUBLIC DOCUMENT COUNT:\t\t${docs.length}`,
    `FILED AS OF DATE:\t\t${ymd}`,
    `DATE AS OF CHANGE:\t\t${ymd}`,
    '',
    ...parties,
    '</SEC-HEADER>',
  ].join('\n');
  const parts: Buffer[] = [Buffer.from(`${head}\n`)];
  for (const d of docs) {
    const text = isText(d.contentType) ? d.body : Buffer.from(uuencode(d.filename, d.body));
    parts.push(
      Buffer.from(
        `<DOCUMENT>\n<TYPE>${d.type}\n<SEQUENCE>${d.seq}\n<FILENAME>${d.filename}\n<DESCRIPTION>${d.description}\n<TEXT>\n`,
      ),
      text,
      Buffer.from('\n</TEXT>\n</DOCUMENT>\n'),
    );
  }
  parts.push(Buffer.from('</SEC-DOCUMENT>\n'));
  return Buffer.concat(parts);
}

/**
 * The parallel arrays of `filings.recent` (and of an overflow page), modelled on CIK0000320193.json.
 * `acceptanceDateTime` is the New York wall clock written with a `Z`: the trap the guide describes.
 */
export function renderSubmissionArrays(filings: StoredFiling[]): Record<string, unknown[]> {
  const cols: Record<string, unknown[]> = {
    accessionNumber: [],
    filingDate: [],
    reportDate: [],
    acceptanceDateTime: [],
    act: [],
    form: [],
    fileNumber: [],
    filmNumber: [],
    items: [],
    core_type: [],
    size: [],
    isXBRL: [],
    isInlineXBRL: [],
    primaryDocument: [],
    primaryDocDescription: [],
  };
  for (const f of filings) {
    const e = eastern(f.acceptedAt);
    cols.accessionNumber!.push(f.accession);
    cols.filingDate!.push(f.filingDate);
    cols.reportDate!.push('');
    cols.acceptanceDateTime!.push(`${e.date}T${e.time}.000Z`);
    cols.act!.push('33');
    cols.form!.push(f.form);
    cols.fileNumber!.push(f.fileNumber ?? '');
    cols.filmNumber!.push('26731070');
    cols.items!.push('');
    cols.core_type!.push(f.form);
    cols.size!.push(totalSize(f));
    cols.isXBRL!.push(0);
    cols.isInlineXBRL!.push(0);
    cols.primaryDocument!.push(f.primary?.filename ?? '');
    cols.primaryDocDescription!.push(f.primary ? f.form : '');
  }
  return cols;
}
