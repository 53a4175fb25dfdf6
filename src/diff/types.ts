import type { RiskFactor } from '../extract/types.js';

/** The part of an extracted section the diff needs. */
export interface DiffInput {
  riskFactors: Pick<RiskFactor, 'heading' | 'text' | 'category'>[];
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

export type Change =
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
  | { kind: 'moved'; old: FactorRef; new: FactorRef };

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
  summary: { added: number; removed: number; modified: number; moved: number; unchanged: number };
  changes: Change[];
  keywordHits: KeywordHit[];
}
