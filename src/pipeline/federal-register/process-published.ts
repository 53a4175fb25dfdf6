import {
  findFrDocument,
  frAlertQueued,
  latestFrVersion,
  touchFrDocument,
  type FrDocumentRow,
} from '../../store/fr.js';
import { fetchFullText } from '../../sources/federal-register/index.js';
import {
  diffTrackedFields,
  normalizeDocumentNumber,
  shortHash,
  trackedFields,
  type ChangedField,
  type FullText,
} from '../../sources/federal-register/parse.js';
import { FrDocument } from '../../sources/federal-register/schema.js';
import { frDedupeKey } from './alerts.js';
import { analyzeDocument } from './analyze.js';
import { commitDocument } from './commit.js';
import type { FrRun } from './deps.js';
import { agencyKeys, publishedAlertDoc, sha256, writeOf } from './documents.js';

/** What a published document is to the store: new, changed in a tracked field, or stored before without its text. */
type Outcome = 'new' | 'updated' | 'text';

/** How a changed document goes on: fetched again and alerted (`changes` non-empty), or already done. */
interface Change {
  outcome: Outcome;
  changes: ChangedField[];
  stage: 'published' | 'correction';
  kind: 'fr-document' | 'fr-updated';
  fullText: FullText | null;
}

/**
 * A published document from a search page or `/documents/{n}.json`, through fetch -> analyse
 * -> commit -> queue: new (or newly published after public inspection), changed in a tracked
 * field (an update), changed elsewhere (stored quietly), unchanged but stored without its text
 * (the text is tried again), or unchanged (only touched).
 * @throws what fetching the full text throws; nothing is stored then (retried next poll).
 */
export async function processPublished(run: FrRun, d: FrDocument): Promise<void> {
  const { db } = run.deps;
  const n = normalizeDocumentNumber(d.document_number);
  const existing = findFrDocument(db, n);
  const payload = JSON.stringify(d);
  const contentSha256 = sha256(payload);
  const agencies = agencyKeys(d.agencies);
  const change =
    existing && existing.status === 'published'
      ? await changeSince(run, d, existing, agencies, { contentSha256, payload })
      : await firstSight(run, d, existing);
  if (change === null) return;
  const { outcome, changes, stage, kind, fullText } = change;
  if (fullText === null)
    run.logger.warn(
      { documentNumber: d.document_number },
      'federal-register: no full text available yet; stored without it (keyword and company matching read title and abstract only)',
    );
  const c = analyzeDocument(
    run,
    { title: d.title, abstract: d.abstract, agencies, cfr: d.cfr_references },
    fullText,
  );
  const text = fullText?.text ?? existing?.fullText ?? null;
  commitDocument(
    run,
    writeOf(d, existing, agencies, text, {
      tags: c.tags,
      reasons: c.reasons,
      matchedWatches: c.watches.map((w) => w.watch),
    }),
    { stage, contentSha256, payload },
    {
      kind,
      doc: publishedAlertDoc(d, existing?.documentNumber ?? d.document_number),
      classification: c,
      fullText: text,
      ...(kind === 'fr-updated'
        ? { changes, changeHash: shortHash(changes.map((x) => [x.field, x.new])) }
        : {}),
    },
  );
  // Counted once stored: a document that failed is neither new nor updated yet.
  if (outcome === 'new') run.stats.documentsNew++;
  else if (outcome === 'updated') run.stats.documentsUpdated++;
}

/** A document not stored as published yet (new, or on public inspection until now): its full text. */
async function firstSight(
  run: FrRun,
  d: FrDocument,
  existing: FrDocumentRow | null,
): Promise<Change> {
  const fullText = await fetchFullText(run.client, d);
  if (existing?.status === 'public-inspection') {
    run.logger.info(
      { documentNumber: d.document_number, onInspectionAs: existing.documentNumber },
      'federal-register: a public-inspection document is published',
    );
  }
  return { outcome: 'new', changes: [], stage: 'published', kind: 'fr-document', fullText };
}

/**
 * A document stored as published before: null when nothing is left to do (unchanged and
 * touched, or changed outside the tracked fields and stored quietly), else how it goes on.
 */
async function changeSince(
  run: FrRun,
  d: FrDocument,
  existing: FrDocumentRow,
  agencies: string[],
  read: { contentSha256: string; payload: string },
): Promise<Change | null> {
  const { db } = run.deps;
  const prev = latestFrVersion(db, existing.documentNumber, ['published', 'correction']);
  if (prev && prev.contentSha256 === read.contentSha256) {
    // Unchanged. Stored without text (not rendered yet when first seen)? Try the text again:
    // matching may now find keywords or companies it could not before.
    const fullText =
      existing.fullText === null && (d.body_html_url || d.raw_text_url)
        ? await fetchFullText(run.client, d)
        : null;
    if (fullText === null) {
      touchFrDocument(db, existing.documentNumber, run.deps.now());
      return null;
    }
    return { outcome: 'text', changes: [], stage: 'published', kind: 'fr-document', fullText };
  }
  const prevDoc = prev ? FrDocument.safeParse(JSON.parse(prev.payload)) : null;
  const changes = prevDoc?.success
    ? diffTrackedFields(trackedFields(prevDoc.data), trackedFields(d))
    : [];
  const stage = changes.some((c) => c.field === 'corrections') ? 'correction' : 'published';
  if (changes.length === 0) {
    // Metadata outside the tracked fields (a citation assigned later): kept, not alerted.
    const c = {
      tags: existing.tags,
      reasons: existing.reasons,
      matchedWatches: existing.matchedWatches,
    };
    commitDocument(
      run,
      writeOf(d, existing, agencies, existing.fullText, c),
      { stage, ...read },
      null,
    );
    return null;
  }
  // The body may have changed with the metadata: read it again.
  const fullText = await fetchFullText(run.client, d);
  const kind = frAlertQueued(
    db,
    frDedupeKey('fr-document', normalizeDocumentNumber(d.document_number)),
  )
    ? 'fr-updated'
    : 'fr-document';
  return { outcome: 'updated', changes, stage, kind, fullText };
}
