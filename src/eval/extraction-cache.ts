import { readFileSync } from 'node:fs';
import { extractRiskFactors, type ExtractionResult } from '../extract/extract-risk-factors.js';

/** One extraction per document and form for the whole evaluation run. */
export class ExtractionCache {
  private readonly results = new Map<string, ExtractionResult>();

  get(path: string, form?: string): ExtractionResult {
    const key = `${path}\u0000${form ?? ''}`;
    let r = this.results.get(key);
    if (!r) {
      r = extractRiskFactors(readFileSync(path), form ? { form } : {});
      this.results.set(key, r);
    }
    return r;
  }

  /** Records a result extracted elsewhere (the timed extraction of the scoring pass). */
  put(path: string, form: string | undefined, result: ExtractionResult): void {
    this.results.set(`${path}\u0000${form ?? ''}`, result);
  }
}
