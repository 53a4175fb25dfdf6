/** One risk factor as extracted from a filing. */
export interface RiskFactor {
  /** Stable across versions while the heading reads the same (hash of the normalised heading). */
  id: string;
  category: string | null;
  heading: string;
  text: string;
  wordCount: number;
}

export interface SectionInfo {
  heading: string;
  wordCount: number;
  firstWords: string;
  lastWords: string;
}

/** What `extractRiskFactors` returns; `found: false` always carries a reason. */
export interface ExtractionResult {
  form: string | null;
  found: boolean;
  reason: string | null;
  section: SectionInfo | null;
  categories: string[];
  riskFactors: RiskFactor[];
  warnings: string[];
}
