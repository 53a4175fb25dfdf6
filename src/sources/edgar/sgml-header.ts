/**
 * The `<SEC-HEADER>` of a full submission `.txt` (or of `-index-headers.html`): the filing's
 * identifiers, each party with its role, CIK and file number, and its `<DOCUMENT>` list. Pure.
 */
import { easternWallClockToIso } from './eastern-time.js';
import { EdgarParseError } from './errors.js';
import { normalizeAccession, normalizeCik, normalizeDate } from './identifiers.js';
import type { FilingDocument, FilingParty } from './types.js';

export interface SgmlHeader {
  accession: string | null;
  form: string | null;
  filingDate: string | null;
  acceptedAt: string | null;
  filers: (FilingParty & { fileNumber: string | null })[];
  /** `<DOCUMENT>` entries in order (type, sequence, filename, description). */
  documents: FilingDocument[];
}

const SGML_ROLES: Record<string, string> = {
  FILER: 'Filer',
  'SUBJECT COMPANY': 'Subject',
  'FILED BY': 'Filed by',
  'REPORTING-OWNER': 'Reporting',
  ISSUER: 'Issuer',
};

/**
 * Reads the `<SEC-HEADER>` of a submission: accession, type, filing date, acceptance time
 * (New York wall clock), each party with its role, CIK and SEC FILE NUMBER, and the list of
 * `<DOCUMENT>`s. Accepts the escaped form inside `-index-headers.html` too.
 */
export function parseSgmlHeader(text: string, url: string): SgmlHeader {
  let src = text;
  // -index-headers.html carries the header twice: as tags in a comment and, readable, escaped in <PRE>.
  const escaped = src.indexOf('&lt;SEC-HEADER&gt;');
  if (escaped >= 0) {
    src = src.slice(escaped).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  }
  const start = src.indexOf('<SEC-HEADER>');
  const end = src.indexOf('</SEC-HEADER>', start);
  if (start < 0 || end < 0)
    throw new EdgarParseError(url, 'no <SEC-HEADER> ... </SEC-HEADER> block');
  const header = src.slice(start, end);
  const value = (label: string) =>
    new RegExp(`^\\s*${label}:[ \\t]*(.+)$`, 'm').exec(header)?.[1]?.trim() ?? null;
  const filers: SgmlHeader['filers'] = [];
  let current: (FilingParty & { fileNumber: string | null }) | null = null;
  for (const line of header.split(/\r?\n/)) {
    const block = /^([A-Z][A-Z -]*):\s*$/.exec(line);
    if (block) {
      const role = SGML_ROLES[block[1]!.trim()];
      current = role ? { cik: '', name: '', role, fileNumber: null } : current;
      if (role) filers.push(current!);
      continue;
    }
    if (!current) continue;
    const kv = /^\s+([A-Z][A-Z0-9 -]*):\s*(.*)$/.exec(line);
    if (!kv) continue;
    const [key, val] = [kv[1]!.trim(), kv[2]!.trim()];
    if (key === 'COMPANY CONFORMED NAME' && !current.name) current.name = val;
    else if (key === 'CENTRAL INDEX KEY' && !current.cik) current.cik = normalizeCik(val) ?? '';
    else if (key === 'SEC FILE NUMBER' && !current.fileNumber) current.fileNumber = val || null;
  }
  const acceptance = /<ACCEPTANCE-DATETIME>\s*(\d{14})/.exec(header)?.[1];
  const documents: FilingDocument[] = [];
  const docRe =
    /<DOCUMENT>\s*<TYPE>([^\r\n]*)\s*<SEQUENCE>([^\r\n]*)\s*<FILENAME>([^\r\n]*)(?:\s*<DESCRIPTION>([^\r\n]*))?/g;
  for (let m = docRe.exec(src); m; m = docRe.exec(src)) {
    const seq = Number.parseInt(m[2]!.trim(), 10);
    documents.push({
      seq: Number.isFinite(seq) ? seq : null,
      type: m[1]!.trim(),
      filename: m[3]!.trim(),
      description: (m[4] ?? '').trim(),
      size: null,
    });
  }
  const accession = normalizeAccession(value('ACCESSION NUMBER') ?? '');
  const form = value('CONFORMED SUBMISSION TYPE');
  if (!accession && !form)
    throw new EdgarParseError(
      url,
      'SEC-HEADER has neither ACCESSION NUMBER nor CONFORMED SUBMISSION TYPE',
    );
  return {
    accession,
    form,
    filingDate: normalizeDate(value('FILED AS OF DATE') ?? ''),
    acceptedAt: acceptance ? easternWallClockToIso(acceptance) : null,
    filers: filers.filter((f) => f.cik !== ''),
    documents,
  };
}
