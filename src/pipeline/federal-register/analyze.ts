import type { Watch } from '../../config/schema.js';
import { watchFilerNames } from '../../store/fr.js';
import type { Db } from '../../store/open-database.js';
import type { FullText } from '../../sources/federal-register/parse.js';
import type { FrDocument } from '../../sources/federal-register/schema.js';
import { classifyDocument, type Classification, type WatchNames } from './classify.js';
import type { FrRun } from './deps.js';

/** What classification reads of a document besides its full text. */
export interface AnalyzeInput {
  title: string;
  abstract: string | null;
  agencies: string[];
  cfr: FrDocument['cfr_references'];
}

/** The names each watch's company goes by: watch name, configured company, filer names seen on EDGAR. */
export function watchNames(db: Db, watches: readonly Watch[]): WatchNames[] {
  const filers = watchFilerNames(db);
  return watches.map((w) => {
    const names = [w.name, ...(w.company ? [w.company] : []), ...(filers.get(w.name) ?? [])];
    return { name: w.name, names: [...new Set(names)] };
  });
}

/** The analyse step: a document's tags, reasons and matched watches, from its words and the configured keywords (pure). */
export function analyzeDocument(
  run: FrRun,
  input: AnalyzeInput,
  ft: FullText | null,
): Classification {
  const doc = {
    title: input.title,
    abstract: input.abstract,
    text: ft?.text ?? null,
    cells: ft?.cells ?? [],
    agencies: input.agencies,
    cfrReferences: input.cfr,
  };
  return classifyDocument(doc, run.fr.keywords, run.watches);
}
