/**
 * EDGAR's daily indexes (`daily-index/YYYY/QTRn/form.YYYYMMDD.idx` and `master.YYYYMMDD.idx`):
 * one entry per (accession, CIK, form) filed that day. Pure.
 */
import { EdgarParseError } from './errors.js';
import { normalizeCik, normalizeDate } from './identifiers.js';
import type { IndexEntry } from './types.js';

const ACCESSION_IN_PATH = /^edgar\/data\/\d+\/(\d{10}-\d{2}-\d{6})\.txt$/;

/** Splits an index into its column header line and data lines; throws when the header is missing. */
function splitIndex(
  text: string,
  url: string,
  columns: string[],
): { header: string; lines: { no: number; text: string }[] } {
  const lines = text.split(/\r?\n/);
  const dash = lines.findIndex((l) => /^-{20,}\s*$/.test(l));
  const header = dash > 0 ? lines[dash - 1]! : '';
  if (dash < 0 || !columns.every((c) => header.includes(c))) {
    throw new EdgarParseError(
      url,
      `not an EDGAR daily index (no "${columns.join(' / ')}" header above a dashed line)`,
    );
  }
  const out: { no: number; text: string }[] = [];
  for (let i = dash + 1; i < lines.length; i++)
    if (lines[i]!.trim() !== '') out.push({ no: i + 1, text: lines[i]! });
  return { header, lines: out };
}

function pushUnique(out: IndexEntry[], seen: Set<string>, e: IndexEntry): void {
  // EDGAR repeats a line for each document series of a filer; one entry per (accession, CIK, form) is enough.
  const key = `${e.accession}|${e.cik}|${e.form}`;
  if (seen.has(key)) return;
  seen.add(key);
  out.push(e);
}

/**
 * The fixed-width daily form index (`form.YYYYMMDD.idx`). Columns are found from the header;
 * the right-hand fields (CIK, date, file name) are read from the end of the line, so a form
 * or company name that overflows its column does not shift them.
 */
export function parseFormIndex(text: string, url: string): IndexEntry[] {
  const { header, lines } = splitIndex(text, url, [
    'Form Type',
    'Company Name',
    'CIK',
    'Date Filed',
    'File Name',
  ]);
  const companyCol = header.indexOf('Company Name');
  const out: IndexEntry[] = [];
  const seen = new Set<string>();
  for (const { no, text: line } of lines) {
    const m = /\s(\d{1,10})\s+(\d{8})\s+(edgar\/data\/\S+)\s*$/.exec(line);
    const acc = m ? ACCESSION_IN_PATH.exec(m[3]!)?.[1] : undefined;
    const date = m ? normalizeDate(m[2]!) : null;
    if (!m || !acc || !date)
      throw new EdgarParseError(
        url,
        `line ${no}: "${line.trim().slice(0, 120)}" is not "FORM COMPANY CIK YYYYMMDD edgar/data/.../ACCESSION.txt"`,
      );
    const left = line.slice(0, m.index);
    let form: string;
    let company: string;
    if (left.length <= companyCol || left[companyCol - 1] === ' ') {
      form = left.slice(0, companyCol).trim();
      company = left.slice(companyCol).trim();
    } else {
      // The form overflowed its column (SCHEDULE 13G/A): it runs on to the next space.
      const end = left.indexOf(' ', companyCol - 1);
      form = (end < 0 ? left : left.slice(0, end)).trim();
      company = end < 0 ? '' : left.slice(end).trim();
    }
    if (!form) throw new EdgarParseError(url, `line ${no}: no form type`);
    pushUnique(out, seen, {
      cik: normalizeCik(m[1]!)!,
      companyName: company,
      form,
      filingDate: date,
      accession: acc,
    });
  }
  return out;
}

/** The pipe-delimited daily master index (`master.YYYYMMDD.idx`: CIK|Company Name|Form Type|Date Filed|File Name). */
export function parseMasterIndex(text: string, url: string): IndexEntry[] {
  const { lines } = splitIndex(text, url, ['CIK|Company Name|Form Type|Date Filed|File Name']);
  const out: IndexEntry[] = [];
  const seen = new Set<string>();
  for (const { no, text: line } of lines) {
    const f = line.trim().split('|');
    // A company name containing "|" would add fields: the outer four are fixed.
    const cik = f.length >= 5 ? normalizeCik(f[0]!) : null;
    const file = f[f.length - 1] ?? '';
    const date = normalizeDate(f[f.length - 2] ?? '');
    const form = (f[f.length - 3] ?? '').trim();
    const acc = ACCESSION_IN_PATH.exec(file.trim())?.[1];
    if (!cik || !date || !acc || !form)
      throw new EdgarParseError(
        url,
        `line ${no}: "${line.trim().slice(0, 120)}" is not "CIK|COMPANY|FORM|YYYYMMDD|edgar/data/.../ACCESSION.txt"`,
      );
    pushUnique(out, seen, {
      cik,
      companyName: f
        .slice(1, f.length - 3)
        .join('|')
        .trim(),
      form,
      filingDate: date,
      accession: acc,
    });
  }
  return out;
}
