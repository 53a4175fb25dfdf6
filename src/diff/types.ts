import type { RiskFactor } from '../extract/types.js';

/** The part of an extracted section the diff needs. */
export interface DiffInput {
  riskFactors: Pick<RiskFactor, 'heading' | 'text' | 'category'>[];
  /** Section text before the first heading (`ExtractionResult.preamble`); absent reads as ''. */
  preamble?: string;
  /** Text between a category heading and its first factor (`ExtractionResult.categoryIntros`). */
  categoryIntros?: { category: string; text: string }[];
}

export interface FactorRef {
  /** 0-based position in its version. */
  index: number;
  heading: string;
  category: string | null;
}

/** One run of a word-level redline. */
export interface RedlineOp {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** How much a change matters to a reader (see materiality.ts). */
export type MaterialityClass = 'substantive' | 'figures' | 'editorial';

/** A figure that changed within the same sentence frame, with the sentence it stands in. */
export interface FigureChange {
  old: string;
  new: string;
  sentence: string;
}

export interface Materiality {
  class: MaterialityClass;
  /** Why, in words a reader understands ("adds a statement: ...", "a figure updated"). */
  reason: string;
  /** For figures changes: each figure old -> new (empty otherwise). */
  figures: FigureChange[];
}

/**
 * What the diff core adds to every change it reports: its materiality and, for substantive
 * changes, the topics it touches. Optional in the type so changes rebuilt from stores written
 * before materiality existed still read; diffSections always sets both.
 */
export interface ChangeTags {
  materiality?: Materiality;
  topics?: string[];
}

export type Change = ChangeTags &
  (
    | { kind: 'added'; new: FactorRef; text: string }
    | { kind: 'removed'; old: FactorRef; text: string }
    | {
        kind: 'modified';
        old: FactorRef;
        new: FactorRef;
        headingChanged: boolean;
        moved: boolean;
        similarity: number;
        wordsAdded: number;
        wordsRemoved: number;
        headingRedline: RedlineOp[];
        redline: RedlineOp[];
      }
    | { kind: 'moved'; old: FactorRef; new: FactorRef }
    /** The section's preamble changed (text before the first heading): never a risk factor. */
    | { kind: 'preamble'; wordsAdded: number; wordsRemoved: number; redline: RedlineOp[] }
    /**
     * A category's introductory text changed; one present on one side only is one such change
     * with all-insert or all-delete ops.
     */
    | {
        kind: 'category-intro';
        category: string;
        wordsAdded: number;
        wordsRemoved: number;
        redline: RedlineOp[];
      }
  );

export interface KeywordHit {
  keyword: string;
  kind: 'added' | 'modified';
  heading: string;
}

export interface SectionDiff {
  old: { riskFactors: number };
  new: { riskFactors: number };
  /** Share of the section's words left unchanged, 0 to 1 (1: identical; see unchangedShare). */
  similarity: number;
  /** `preamble` and `categoryIntros` count changes of those kinds (0 when unchanged). */
  summary: {
    added: number;
    removed: number;
    modified: number;
    moved: number;
    unchanged: number;
    preamble: number;
    categoryIntros: number;
  };
  changes: Change[];
  keywordHits: KeywordHit[];
}
