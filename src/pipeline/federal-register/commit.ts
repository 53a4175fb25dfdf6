import { insertAlert } from '../../store/alerts.js';
import { recordFrVersion, saveFrDocument } from '../../store/fr.js';
import { buildFrAlert, type FrAlertInput } from './alerts.js';
import type { FrRun } from './deps.js';
import type { FrDocumentWrite } from './documents.js';

/** The version of a document to record: its stage, and the payload it was read from. */
export type FrVersion = Parameters<typeof recordFrVersion>[2];

/** An alert as a step asks for it; the queue step adds the config's notify list and watches. */
export type FrAlertRequest = Omit<FrAlertInput, 'frNotify' | 'watches'>;

/**
 * The commit step: writes a document, its version and its alert in ONE transaction, then
 * wakes the sender when an alert was queued (after the commit, never before).
 */
export function commitDocument(
  run: FrRun,
  write: FrDocumentWrite,
  version: FrVersion,
  alert: FrAlertRequest | null,
): void {
  const { db } = run.deps;
  const now = run.deps.now();
  let queued = 0;
  db.transaction(() => {
    const row = saveFrDocument(db, write, now);
    recordFrVersion(db, row.documentNumber, version, now);
    if (alert && queueAlert(run, alert, row.documentNumber, now)) queued++;
  })();
  run.stats.alertsQueued += queued;
  if (queued > 0) run.deps.alertsCommitted?.();
}

/**
 * The queue step, inside the commit's transaction: the alert for the document as stored
 * (`storedNumber`), with one delivery per recipient; false when it was not wanted or already queued.
 */
function queueAlert(run: FrRun, alert: FrAlertRequest, storedNumber: string, now: Date): boolean {
  const { config, db } = run.deps;
  const a = buildFrAlert({
    ...alert,
    doc: { ...alert.doc, storedNumber },
    frNotify: run.fr.notify,
    watches: config.watches,
  });
  return a !== null && insertAlert(db, a, config.recipients, now).created;
}
