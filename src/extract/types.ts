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
  /**
   * Text in the section before the first category or risk-factor heading (an introduction, a
   * forward-looking note, sub-headings that introduce no risk), paragraphs joined by a blank
   * line; '' when none. Diffed on its own, never counted as a risk factor.
   */
  preamble: string;
  /** An in-section "Summary of risk factors" kept apart from the factors, or null when none. */
  summary: RiskSummary | null;
  /** Text between a category heading and its first risk factor; only non-empty ones, in order. */
  categoryIntros: CategoryIntro[];
  warnings: string[];
}

/** An in-section summary: its category headings and its one-line risks (bullets stripped). */
export interface RiskSummary {
  categories: string[];
  items: string[];
}

export interface CategoryIntro {
  category: string;
  text: string;
}
