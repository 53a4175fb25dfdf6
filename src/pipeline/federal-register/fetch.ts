import { logFailure } from '../../log/failure.js';
import { fetchFullText } from '../../sources/federal-register/index.js';
import type { FullText } from '../../sources/federal-register/parse.js';
import type { FrPublicInspectionDocument } from '../../sources/federal-register/schema.js';
import type { FrRun } from './deps.js';

/**
 * The fetch step for a public-inspection document: its raw text, as a bonus: the alert must
 * not wait for it. Only fetched from the API's own host (the client's allowlist); a failure
 * stores the document without text (title-based matching), and the published stage reads it
 * in full. (A published document's text is `fetchFullText`, whose failure is the document's.)
 */
export async function fetchInspectionText(
  run: FrRun,
  p: FrPublicInspectionDocument,
): Promise<FullText | null> {
  if (!p.raw_text_url) return null;
  let sameOrigin: boolean;
  try {
    sameOrigin = new URL(p.raw_text_url).origin === new URL(run.fr.baseUrl).origin;
  } catch {
    sameOrigin = false;
  }
  if (!sameOrigin) return null;
  try {
    return await fetchFullText(run.client, { raw_text_url: p.raw_text_url });
  } catch (err) {
    logFailure(
      run.logger,
      err,
      { documentNumber: p.document_number },
      'federal-register: public-inspection text not read; matching on the title only',
    );
    return null;
  }
}
