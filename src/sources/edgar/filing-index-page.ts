/**
 * The filing detail page `{accession}-index.htm`: the form, dates, filers and documents of one
 * filing, and its primary document by EDGAR's own rule. Pure.
 */
import { load } from 'cheerio';
import { easternWallClockToIso } from './eastern-time.js';
import { EdgarParseError } from './errors.js';
import { normalizeAccession, normalizeCik, normalizeDate } from './identifiers.js';
import type { FilingDetail, FilingDocument, FilingParty } from './types.js';

export interface FilingIndexPage {
  accession: string | null;
  form: string;
  filingDate: string | null;
  acceptedAt: string | null;
  filers: (FilingParty & { fileNumber: string | null })[];
  documents: FilingDocument[];
}

const clean = (s: string) =>
  s
    .replace(/\u00a0/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * Reads the "Filing Detail" page: form, accession, filing date, accepted time, each filer with
 * CIK, role and "File No." (absent on some pages, e.g. reporting owners), and the documents
 * tables (the "Complete submission text file" row is not a document). Throws when the page has
 * no form or no documents.
 */
export function parseFilingIndexPage(html: string, url: string): FilingIndexPage {
  const $ = load(html);
  const form = clean($('#formName strong').first().text()).replace(/^Form\s+/i, '');
  if (!form) throw new EdgarParseError(url, 'not a filing detail page (no "Form ..." name)');
  const accession = normalizeAccession(/(\d{10}-\d{2}-\d{6})/.exec($('#secNum').text())?.[1] ?? '');
  const info = new Map<string, string>();
  $('.infoHead').each((_, el) => {
    info.set(clean($(el).text()), clean($(el).next('.info').text()));
  });
  const filers: FilingIndexPage['filers'] = [];
  $('.companyInfo').each((_, el) => {
    const text = clean($(el).find('.companyName').text());
    const m = /^(.*?)\s*\(([^()]+)\)\s*CIK:?\s*(\d{1,10})/.exec(text);
    if (!m) return;
    const ident = clean($(el).find('.identInfo').text());
    filers.push({
      cik: normalizeCik(m[3]!)!,
      name: m[1]!,
      role: m[2]!,
      fileNumber: /File No\.:\s*([0-9][0-9A-Za-z-]*)/.exec(ident)?.[1] ?? null,
    });
  });
  const documents: FilingDocument[] = [];
  $('table.tableFile tr').each((_, tr) => {
    const cells = $(tr).children('td');
    if (cells.length < 5) return;
    const description = clean(cells.eq(1).text());
    if (/^Complete submission text file$/i.test(description)) return;
    const docCell = cells.eq(2);
    const filename = clean(docCell.find('a').first().text() || docCell.text());
    if (!filename) return;
    const seq = Number.parseInt(clean(cells.eq(0).text()), 10);
    const size = Number.parseInt(clean(cells.eq(4).text()), 10);
    documents.push({
      seq: Number.isFinite(seq) ? seq : null,
      filename,
      type: clean(cells.eq(3).text()),
      description,
      size: Number.isFinite(size) ? size : null,
    });
  });
  if (documents.length === 0)
    throw new EdgarParseError(url, `filing detail page for form ${form} lists no documents`);
  const accepted = info.get('Accepted');
  return {
    accession,
    form,
    filingDate: normalizeDate(info.get('Filing Date') ?? ''),
    acceptedAt: accepted ? easternWallClockToIso(accepted) : null,
    filers,
    documents,
  };
}

/** The primary document: the first whose type equals the form (EDGAR's own rule); null when none does. */
export function pickPrimaryDocument(
  form: string,
  documents: { filename: string; type: string }[],
): string | null {
  const f = form.trim().toUpperCase();
  return documents.find((d) => d.type.trim().toUpperCase() === f)?.filename ?? null;
}

/**
 * The filing detail a parsed page gives for `cik` (10 digits) and `accession`: the page's form,
 * dates and documents, the company as that filer (else the first), the offering's file number
 * (the principal filer's: a reporting owner's page may have none). Throws when the page is for
 * another accession.
 */
export function filingDetailOfPage(
  page: FilingIndexPage,
  cik: string,
  accession: string,
  indexUrl: string,
): FilingDetail {
  if (page.accession && page.accession !== accession)
    throw new EdgarParseError(
      indexUrl,
      `page is for accession ${page.accession}, not ${accession}`,
    );
  const self = page.filers.find((f) => f.cik === cik) ?? page.filers[0];
  return {
    accession,
    cik,
    companyName: self?.name ?? null,
    form: page.form,
    filingDate: page.filingDate,
    acceptedAt: page.acceptedAt,
    fileNumber: page.filers.find((f) => f.fileNumber)?.fileNumber ?? null,
    documents: page.documents,
    primaryDocument: pickPrimaryDocument(page.form, page.documents),
    indexUrl,
    filers: page.filers,
    source: 'index-page',
  };
}
