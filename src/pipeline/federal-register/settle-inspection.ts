import { latestFrVersion, type FrDocumentRow } from '../../store/fr.js';
import { fetchDocument } from '../../sources/federal-register/index.js';
import { FrPublicInspectionDocument } from '../../sources/federal-register/schema.js';
import type { Classification } from './classify.js';
import { commitDocument } from './commit.js';
import type { FrRun } from './deps.js';
import { agencyName, sha256, writeOf } from './documents.js';
import { decidePendingInspection } from './inspection.js';
import { processPublished } from './process-published.js';

/** An entry of today's public-inspection list, as the settling decision reads it. */
export interface ListedInspection {
  normalizedNumber: string;
  publicationDate: string | null;
}

/**
 * A document stored as on public inspection and no longer listed: published since (then it
 * goes through `processPublished`, linked to its inspection row), withdrawn (stored so, with
 * an alert), or kept for now (see `decidePendingInspection`).
 * @throws what fetching throws; nothing changes then (tried again next poll).
 */
export async function settleInspection(
  run: FrRun,
  row: FrDocumentRow,
  listed: ListedInspection[],
): Promise<void> {
  const { fr } = run;
  let decision = decidePendingInspection(row, listed, run.today, null);
  if (decision === 'check-published') {
    const published =
      (await fetchDocument(run.client, fr.baseUrl, row.documentNumber)) ??
      (row.normalizedNumber !== row.documentNumber
        ? await fetchDocument(run.client, fr.baseUrl, row.normalizedNumber)
        : null);
    if (published) {
      await processPublished(run, published);
      return;
    }
    decision = decidePendingInspection(row, listed, run.today, false);
  }
  if (decision === 'withdrawn') commitWithdrawn(run, row);
}

/** The classification a withdrawn document keeps: the one it was stored with. */
function storedClassification(run: FrRun, row: FrDocumentRow): Classification {
  return {
    tags: row.tags,
    reasons: row.reasons,
    matchesFilter:
      run.fr.keywords.length === 0 ||
      row.reasons.some((r) => !r.tag.startsWith('watch:') && r.tag !== 'agency'),
    watches: row.matchedWatches.map((w) => {
      const reason = row.reasons.find((r) => r.tag === `watch:${w}`);
      return { watch: w, name: w, listed: false, sentence: reason?.sentence ?? '' };
    }),
  };
}

/** Stores a document as withdrawn from public inspection, with its alert, in one transaction. */
function commitWithdrawn(run: FrRun, row: FrDocumentRow): void {
  const prev = latestFrVersion(run.deps.db, row.documentNumber, ['public-inspection']);
  const p = prev ? FrPublicInspectionDocument.safeParse(JSON.parse(prev.payload)) : null;
  const classification = storedClassification(run, row);
  const payload = prev?.payload ?? '{}';
  commitDocument(
    run,
    {
      ...writeOf(null, row, row.agencies, row.fullText, {
        tags: row.tags,
        reasons: row.reasons,
        matchedWatches: row.matchedWatches,
      }),
      status: 'withdrawn',
    },
    { stage: 'public-inspection', contentSha256: prev?.contentSha256 ?? sha256(payload), payload },
    {
      kind: 'fr-withdrawn',
      doc: {
        storedNumber: row.documentNumber,
        normalizedNumber: row.normalizedNumber,
        documentNumber: row.documentNumber,
        title: row.title,
        type: row.type,
        agencies: p?.success ? p.data.agencies.map(agencyName) : row.agencies,
        abstract: null,
        publicationDate: row.publicationDate,
        effectiveOn: null,
        htmlUrl: row.htmlUrl,
        pdfUrl: row.pdfUrl,
        filedAt: row.filedAt,
        filingType: row.filingType,
      },
      classification,
    },
  );
  run.logger.info(
    { documentNumber: row.documentNumber },
    'federal-register: withdrawn from public inspection',
  );
}
