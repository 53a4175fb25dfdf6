import { bare, isContent, MODAL_FAMILY, stem, stemOfBare } from './materiality-words.js';
import type { RedlineOp } from './types.js';

/** One side of a redline (the old text or the new), read once for the questions hunks ask of it. */
export interface Side {
  readonly words: string[];
  readonly stems: Set<string>;
  /** The whole text as compared (bare words joined, space-padded), to tell a moved or repeated sentence. */
  readonly full: string;
  /** Acronyms the text defines or uses ("SEC"), lower case. */
  readonly acronyms: Set<string>;
  /** More capitalised words than lower-case ones: a Title Case heading. */
  readonly titleCase: boolean;
  /** Whether the text spells out an acronym ("sec" -> "Securities and Exchange Commission"), as asked. */
  spelled: Map<string, boolean>;
}

/** Words as compared: bare, empty ones left out, joined by single spaces. */
export const joinBare = (ws: string[]) => ws.map(bare).filter(Boolean).join(' ');
export const SENTENCE_END = /[.?!]["')\]]?$/;

/** A side whose facts are worked out on first use: most hunks (form, figures) need only its words. */
class LazySide implements Side {
  #bares?: string[];
  #stems?: Set<string>;
  #full?: string;
  #acronyms?: Set<string>;
  #titleCase?: boolean;
  spelled = new Map<string, boolean>();

  constructor(readonly words: string[]) {}

  get #bareWords(): string[] {
    return (this.#bares ??= this.words.map(bare));
  }

  get stems(): Set<string> {
    return (this.#stems ??= new Set(this.#bareWords.map(stemOfBare)));
  }

  get full(): string {
    return (this.#full ??= ` ${this.#bareWords.filter(Boolean).join(' ')} `);
  }

  get acronyms(): Set<string> {
    return (this.#acronyms ??= new Set(
      this.words
        .filter((w) => /^\(?["“]?[A-Z]{2,6}s?["”]?\)?[.,;:]?$/.test(w))
        .map((w) => bare(w).replace(/s$/, '')),
    ));
  }

  get titleCase(): boolean {
    return (this.#titleCase ??=
      this.words.filter((w) => /^[A-Z]/.test(w)).length >
      this.words.filter((w) => /^[a-z]/.test(w)).length);
  }
}

/** The old and the new text of a redline, each as a Side. */
export function sidesOf(ops: RedlineOp[]): { oldSide: Side; newSide: Side } {
  const oldWords: string[] = [];
  const newWords: string[] = [];
  for (const o of ops) {
    if (!o.text) continue;
    const words = o.text.split(' ');
    if (o.op !== 'insert') for (const w of words) oldWords.push(w);
    if (o.op !== 'delete') for (const w of words) newWords.push(w);
  }
  return { oldSide: new LazySide(oldWords), newSide: new LazySide(newWords) };
}

/** The modal verbs of `ws` by family, sorted: "May" before or after a figure is the month; elsewhere a modal. */
export function modals(ws: string[]): string {
  return ws
    .map((w, i) =>
      bare(w) === 'may' && (/\d/.test(ws[i + 1] ?? '') || /\d/.test(ws[i - 1] ?? ''))
        ? ''
        : bare(w),
    )
    .flatMap((b) =>
      b === 'cannot' ? ['possible', 'negation'] : MODAL_FAMILY[b] ? [MODAL_FAMILY[b]] : [],
    )
    .sort()
    .join(' ');
}

/** Words of a capitalised run whose initials spell an acronym of the other side ("Securities and Exchange Commission" / "SEC"). */
function spelledAcronyms(words: string[], acronyms: Set<string>): Set<number> {
  const covered = new Set<number>();
  for (let i = 0; i < words.length; i++) {
    if (!/^[A-Z]/.test(words[i]!)) continue;
    let initials = '';
    const idx: number[] = [];
    for (let j = i; j < words.length && idx.length < 12; j++) {
      const w = words[j]!;
      if (/^[A-Z]/.test(w)) initials += w[0]!.toLowerCase();
      else if (!['and', 'of', 'the', 'for', '&'].includes(bare(w) || w)) break;
      idx.push(j);
      if (acronyms.has(initials) && initials.length >= 2) for (const k of idx) covered.add(k);
    }
  }
  return covered;
}

/** Content words of `ws` the other side never says (after acronyms and stems). */
export function novel(ws: string[], other: Side): string[] {
  const covered = spelledAcronyms(ws, other.acronyms);
  const spellsOut = (w: string) => {
    if (!/^[A-Z]{2,6}s?$/.test(w.replace(/[^A-Za-z]/g, ''))) return false;
    const acronym = bare(w).replace(/s$/, '');
    let known = other.spelled.get(acronym);
    if (known === undefined)
      other.spelled.set(
        acronym,
        (known = spelledAcronyms(other.words, new Set([acronym])).size > 0),
      );
    return known;
  };
  return ws.filter(
    (w, i) => !covered.has(i) && isContent(w) && !other.stems.has(stem(w)) && !spellsOut(w),
  );
}

/** A whole sentence put in or struck that the other side does not have: a statement. */
export function newSentence(ws: string[], other: Side): boolean {
  const text = joinBare(ws);
  if (ws.length < 5 || !SENTENCE_END.test(ws[ws.length - 1]!) || !/^[A-Z"“(]/.test(ws[0]!))
    return false;
  return !other.full.includes(` ${text} `) && ws.filter(isContent).length >= 2;
}

/** The sentence of `words` around word `at`, for a figures row. */
export function sentenceAt(words: string[], at: number): string {
  let start = Math.min(at, words.length - 1);
  while (start > 0 && !SENTENCE_END.test(words[start - 1]!) && at - start < 40) start--;
  let end = at;
  while (end < words.length - 1 && !SENTENCE_END.test(words[end]!) && end - at < 40) end++;
  return words.slice(start, end + 1).join(' ');
}
