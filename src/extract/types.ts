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
  /** How sure the extraction is, with the reasons for doubt (see `assessConfidence`). */
  confidence: Confidence;
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

/** Why an extraction may be wrong: a stable code for programs and a sentence for people. */
export interface Doubt {
  code: DoubtCode;
  message: string;
}

export type DoubtCode =
  | 'no-section'
  | 'older-title'
  | 'no-item-number'
  | 'end-by-style'
  | 'short-section'
  | 'not-next-in-contents'
  | 'skipped-item'
  | 'other-item-inside'
  | 'no-headings'
  | 'few-headings'
  | 'long-factor'
  | 'heading-without-body'
  | 'heading-in-body'
  | 'item-answer-inside'
  | 'mixed-headings'
  | 'long-preamble'
  | 'preamble-like-factor';

/**
 * How sure the extraction is: `high` with no reasons; `medium` when the only doubts are how the
 * section was found (no item number, an end known by its style alone, an older title, a long
 * factor, headings of mixed shapes), which right extractions often show too; `low` when any
 * doubt is of the kind that wrong extractions show, so a reader knows to check the filing.
 */
export interface Confidence {
  level: 'high' | 'medium' | 'low';
  reasons: Doubt[];
}
