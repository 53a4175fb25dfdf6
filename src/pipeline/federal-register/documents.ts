import { createHash } from 'node:crypto';
import type { FrDocumentRow, saveFrDocument } from '../../store/fr.js';
import { normalizeDocumentNumber } from '../../sources/federal-register/parse.js';
import type { FrAgency, FrDocument } from '../../sources/federal-register/schema.js';
import type { FrAlertDocument } from './alerts.js';

/** The row `saveFrDocument` writes. */
export type FrDocumentWrite = Parameters<typeof saveFrDocument>[1];

/** The tags, reasons and watches a classification leaves on a stored document. */
export interface StoredClassification {
  tags: string[];
  reasons: FrDocumentRow['reasons'];
  matchedWatches: string[];
}

/** An agency's key as the config names agencies (its slug, else its name in slug form). */
export function agencyKey(a: FrAgency): string | null {
  if (a.slug) return a.slug;
  const name = a.name ?? a.raw_name;
  return name
    ? name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
    : null;
}

/** The agencies' keys, those without one left out. */
export function agencyKeys(agencies: readonly FrAgency[]): string[] {
  return agencies.map(agencyKey).filter((a): a is string => a !== null);
}

/** An agency's name as a reader sees it in an alert. */
export function agencyName(a: FrAgency): string {
  return a.name ?? a.raw_name ?? a.slug ?? 'unknown agency';
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** What an alert says about a published document, stored under `storedNumber`. */
export function publishedAlertDoc(d: FrDocument, storedNumber: string): FrAlertDocument {
  return {
    storedNumber,
    normalizedNumber: normalizeDocumentNumber(d.document_number),
    documentNumber: d.document_number,
    title: d.title,
    type: d.type,
    agencies: d.agencies.map(agencyName),
    abstract: d.abstract,
    publicationDate: d.publication_date,
    effectiveOn: d.effective_on,
    commentsCloseOn: d.comments_close_on,
    htmlUrl: d.html_url,
    pdfUrl: d.pdf_url,
  };
}

function rowFacts(row: FrDocumentRow): Pick<FrDocumentRow, 'documentNumber' | 'normalizedNumber'> {
  return { documentNumber: row.documentNumber, normalizedNumber: row.normalizedNumber };
}

/** The row to write for a published document (or an existing row when `d` is null). */
export function writeOf(
  d: FrDocument | null,
  existing: FrDocumentRow | null,
  agencies: string[],
  fullText: string | null,
  c: StoredClassification,
): FrDocumentWrite {
  if (d === null) {
    const { firstSeenAt: _f, updatedAt: _u, ...rest } = existing!;
    return { ...rest, ...c, fullText };
  }
  const n = normalizeDocumentNumber(d.document_number);
  return {
    ...(existing ? rowFacts(existing) : { documentNumber: d.document_number, normalizedNumber: n }),
    publishedNumber: d.document_number,
    status: 'published',
    type: d.type,
    title: d.title,
    agencies,
    abstract: d.abstract,
    publicationDate: d.publication_date,
    effectiveOn: d.effective_on,
    htmlUrl: d.html_url,
    pdfUrl: d.pdf_url,
    filedAt: existing?.filedAt ?? null,
    filingType: existing?.filingType ?? null,
    fullText,
    ...c,
  };
}
