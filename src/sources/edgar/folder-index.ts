/**
 * A filing folder's `index.json` (the fallback when the detail page cannot be read): its files,
 * less EDGAR's own renderings and the full submission. Names and sizes only: no types. Pure.
 */
import type { FolderIndexResponse } from './schema.js';
import type { FilingDocument } from './types.js';

// Files in every folder that are EDGAR's own renderings, not documents of the filing.
const GENERATED_FILE =
  /(-index\.html?|-index-headers\.html|-xbrl\.zip|^FilingSummary\.xml|^R\d+\.htm|^Financial_Report\.xlsx)$/i;

/** The documents of a filing folder's `index.json`, in its order; `accession` names the full submission left out. */
export function folderDocuments(folder: FolderIndexResponse, accession: string): FilingDocument[] {
  return folder.directory.item
    .filter((i) => !GENERATED_FILE.test(i.name) && i.name !== `${accession}.txt`)
    .map((i) => {
      const size = Number.parseInt(String(i.size ?? ''), 10);
      return {
        seq: null,
        filename: i.name,
        type: '',
        description: '',
        size: Number.isFinite(size) ? size : null,
      };
    });
}
