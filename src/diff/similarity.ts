/** Word frequencies over several word lists, without concatenating them. */
export function frequencies(lists: Iterable<string[]>): Map<string, number> {
  const f = new Map<string, number>();
  for (const list of lists) for (const w of list) f.set(w, (f.get(w) ?? 0) + 1);
  return f;
}

/** Word 3-gram shingles: two unrelated paragraphs share almost none, a reworded one most. */
export function shingles(words: string[]): Set<string> {
  const out = new Set<string>();
  if (words.length < 3) {
    if (words.length > 0) out.add(words.join(' '));
    return out;
  }
  for (let i = 0; i + 2 < words.length; i++) out.add(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
  return out;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const x of small) if (large.has(x)) common++;
  return common / (a.size + b.size - common);
}

/** Positions (into `seq`) of one longest strictly increasing subsequence: O(n log n). */
export function longestIncreasingSubsequence(seq: number[]): Set<number> {
  const tails: number[] = [];
  const prev = new Array<number>(seq.length).fill(-1);
  for (let i = 0; i < seq.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]!]! < seq[i]!) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const keep = new Set<number>();
  for (let k = tails[tails.length - 1] ?? -1; k >= 0; k = prev[k]!) keep.add(k);
  return keep;
}

/** Words two lists have in common, counted with multiplicity (order ignored). */
export function commonWordCount(a: string[], b: string[]): number {
  const f = frequencies([a]);
  let common = 0;
  for (const w of b) {
    const n = f.get(w);
    if (n) {
      common++;
      f.set(w, n - 1);
    }
  }
  return common;
}

/**
 * The share of words left unchanged between two versions: twice the words kept (present in
 * both, in a matched risk factor) over the words of both versions. 1 for identical sections,
 * falling with every reworded, added or removed word; near 0 for unrelated documents. Unlike
 * a cosine of word frequencies (0.97 for two companies' boilerplate), a reader can use it.
 */
export function unchangedShare(keptWords: number, oldWords: number, newWords: number): number {
  if (oldWords + newWords === 0) return 1;
  return Math.min(1, (2 * keptWords) / (oldWords + newWords));
}
