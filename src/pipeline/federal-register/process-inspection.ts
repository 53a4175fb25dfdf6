import { normalizeDocumentNumber, typeMatches } from '../../sources/federal-register/parse.js';
import type { FrPublicInspectionDocument } from '../../sources/federal-register/schema.js';
import { analyzeDocument } from './analyze.js';
import { commitDocument } from './commit.js';
import type { FrRun } from './deps.js';
import { agencyKeys, agencyName, sha256 } from './documents.js';
import { fetchInspectionText } from './fetch.js';

/** Whether an entry of the public-inspection list (every agency's filings) is of a configured agency and type. */
export function isConfiguredInspection(run: FrRun, p: FrPublicInspectionDocument): boolean {
  return (
    agencyKeys(p.agencies).some((a) => run.fr.agencies.includes(a)) &&
    typeMatches(p.type, run.fr.types)
  );
}

/**
 * A new document on public inspection (the caller skips one stored already), through fetch ->
 * analyse -> commit -> queue.
 * @throws what storing throws; nothing is stored then (retried next poll).
 */
export async function processInspection(run: FrRun, p: FrPublicInspectionDocument): Promise<void> {
  const n = normalizeDocumentNumber(p.document_number);
  const agencies = agencyKeys(p.agencies);
  const fullText = await fetchInspectionText(run, p);
  const title = p.title ?? p.toc_doc ?? p.toc_subject ?? p.document_number;
  const c = analyzeDocument(run, { title, abstract: null, agencies, cfr: [] }, fullText);
  const payload = JSON.stringify(p);
  const type = p.type ?? 'Unknown';
  commitDocument(
    run,
    {
      documentNumber: p.document_number,
      normalizedNumber: n,
      publishedNumber: null,
      status: 'public-inspection',
      type,
      title,
      agencies,
      abstract: null,
      publicationDate: p.publication_date,
      effectiveOn: null,
      htmlUrl: p.html_url,
      pdfUrl: p.pdf_url,
      filedAt: p.filed_at,
      filingType: p.filing_type,
      tags: c.tags,
      reasons: c.reasons,
      matchedWatches: c.watches.map((w) => w.watch),
      fullText: fullText?.text ?? null,
    },
    { stage: 'public-inspection', contentSha256: sha256(payload), payload },
    {
      kind: 'fr-public-inspection',
      doc: {
        storedNumber: p.document_number,
        normalizedNumber: n,
        documentNumber: p.document_number,
        title,
        type,
        agencies: p.agencies.map(agencyName),
        abstract: null,
        publicationDate: p.publication_date,
        effectiveOn: null,
        htmlUrl: p.html_url,
        pdfUrl: p.pdf_url,
        filedAt: p.filed_at,
        filingType: p.filing_type,
      },
      classification: c,
    },
  );
  run.stats.publicInspectionNew++;
}
