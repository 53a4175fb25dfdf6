/**
 * Word classes the materiality rules read (see materiality.ts). Kept apart so the lists can be
 * reviewed on their own: each says why a word belongs to it.
 */

/** A word as compared: lower case, letters and digits only ("Inc.," -> "inc"). */
export function bare(w: string): string {
  let b = BARE.get(w);
  if (b === undefined) {
    b = w.toLowerCase().replace(/[^\p{L}\p{N}%]/gu, '');
    // A filing repeats its words: the cache spares the regex most calls (cleared when large).
    if (BARE.size > 100_000) BARE.clear();
    BARE.set(w, b);
  }
  return b;
}
const BARE = new Map<string, string>();

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const NUMBER_WORDS = [
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'twenty',
  'hundred',
  'thousand',
  'million',
  'billion',
  'trillion',
  'percent',
  'half',
  'quarter',
  'quarters',
  'first',
  'second',
  'third',
  'fourth',
];

/**
 * Words that carry a figure: anything with a digit, amounts and percentages, months (a date
 * rolled forward), numbers spelled out. "May" the month and "may" the modal read the same here;
 * a modal change is caught first by MODALS.
 */
export function isFigure(w: string): boolean {
  const b = bare(w);
  if (/\d/.test(b)) return true;
  return MONTHS.includes(b) || NUMBER_WORDS.includes(b);
}

/**
 * Words that qualify a figure within the same sentence frame ("over 90% ... for the year
 * ended" -> "approximately 77% ... as of"): changing them with the figure is still a figures
 * change, never a new statement.
 */
export const QUALIFIERS = new Set([
  'approximately',
  'about',
  'around',
  'over',
  'under',
  'more',
  'less',
  'than',
  'nearly',
  'almost',
  'roughly',
  'up',
  'to',
  'as',
  'of',
  'for',
  'the',
  'a',
  'an',
  'year',
  'years',
  'month',
  'months',
  'week',
  'weeks',
  'day',
  'days',
  'ended',
  'ending',
  'end',
  'period',
  'periods',
  'through',
  'at',
  'since',
  'in',
  'on',
  'by',
  'during',
  'fiscal',
  'calendar',
  'respectively',
  'and',
  'or',
  'total',
  'totaled',
  'totaling',
  'aggregate',
  'compared',
  'with',
  'from',
  'each',
  'per',
  'share',
  'shares',
  'date',
  'dated',
  'least',
  'most',
  'only',
  'within',
  'prior',
  'same',
  'which',
  'was',
  'were',
  'is',
  'are',
  'had',
  'have',
  'has',
  'been',
  'this',
  'that',
  'these',
  'those',
  'our',
  'we',
  'us',
  'its',
  'million',
  'billion',
  'thousand',
  'percent',
  'dollars',
  'usd',
  'us$',
  'rmb',
  'eur',
  'increase',
  'decrease',
  'increased',
  'decreased',
]);

/** Function words: never new information on their own. */
export const STOPWORDS = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'but',
  'of',
  'to',
  'in',
  'on',
  'at',
  'by',
  'for',
  'with',
  'from',
  'as',
  'into',
  'onto',
  'upon',
  'about',
  'that',
  'which',
  'who',
  'whom',
  'whose',
  'this',
  'these',
  'those',
  'it',
  'its',
  'we',
  'our',
  'us',
  'they',
  'their',
  'them',
  'he',
  'she',
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'being',
  'has',
  'have',
  'had',
  'do',
  'does',
  'did',
  'such',
  'any',
  'other',
  'also',
  'there',
  'if',
  'than',
  'then',
  'so',
  'both',
  'each',
  'either',
  'well',
  'including',
  'include',
  'includes',
  'among',
  'certain',
  'some',
  'all',
  'within',
  'under',
  'over',
  'through',
  'between',
  'i',
  'e',
  'g',
  'ie',
  'eg',
  'etc',
  'further',
  'furthermore',
  'additionally',
  'addition',
  'moreover',
  'however',
  'therefore',
  'thus',
  'accordingly',
  'result',
  'respect',
  'extent',
  'particular',
  'particularly',
]);

/**
 * Words whose change changes what the company says will or may happen, by family: "may" ->
 * "will" or "could" -> "could not" is a new statement, "could" -> "may" (both a possibility)
 * is not.
 */
export const MODAL_FAMILY: Record<string, string> = {
  may: 'possible',
  might: 'possible',
  could: 'possible',
  can: 'possible',
  will: 'certain',
  would: 'certain',
  shall: 'certain',
  must: 'certain',
  not: 'negation',
  no: 'negation',
  never: 'negation',
  nor: 'negation',
  none: 'negation',
  cannot: 'negation',
  unless: 'condition',
  except: 'condition',
  only: 'condition',
  without: 'condition',
};

/** Cross-reference wording ("see", "described under") that points elsewhere instead of stating. */
export const CROSS_REFERENCE = /\b(see|described|discussed|set forth|refer to)\b/i;

/** A blank left in a draft ("[•]", "[     ]", "___") that a later amendment fills in. */
export const PLACEHOLDER = /^(?:[[(]?[_•●*\u2022\u25cf]+[\])]?|[[(]|[\])])[.,;:]?$/u;

/** Crude stem so "controls" and "control", "restricted" and "restrict" count as one word. */
export function stem(w: string): string {
  return stemOfBare(bare(w));
}

/** `stem` of a word already bare. */
export function stemOfBare(b: string): string {
  if (b.length > 5 && b.endsWith('ies')) return `${b.slice(0, -3)}y`;
  if (b.length > 5 && (b.endsWith('ing') || b.endsWith('ed'))) return b.replace(/(ing|ed)$/, '');
  if (b.length > 3 && b.endsWith('s') && !b.endsWith('ss')) return b.slice(0, -1);
  return b;
}

/** Content words: not function words, not figures, not modals (judged on their own), not empty. */
export function isContent(w: string): boolean {
  const b = bare(w);
  return b !== '' && !STOPWORDS.has(b) && !isFigure(w) && !(b in MODAL_FAMILY);
}

/**
 * Words that only strengthen, soften or time what is said ("very", "significantly", "continue
 * to", "from time to time"): never a new statement on their own.
 */
const INTENSIFIERS = new Set([
  'very',
  'also',
  'further',
  'certain',
  'various',
  'other',
  'additional',
  'significant',
  'substantial',
  'material',
  'even',
  'still',
  'just',
  'quite',
  'rather',
  'much',
  'many',
  'continue',
  'continues',
  'continued',
  'time',
  'times',
  'ongoing',
  'past',
  'future',
  'again',
  'several',
  'number',
  'numerous',
  'increasing',
]);

export function isIntensifier(w: string): boolean {
  const b = bare(w);
  return INTENSIFIERS.has(b) || (b.length > 4 && b.endsWith('ly'));
}
