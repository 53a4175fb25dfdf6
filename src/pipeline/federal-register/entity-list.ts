/**
 * Entity List changes read from a BIS rule's amendatory text. Pure.
 *
 * BIS rules amend Supplement No. 4 to 15 CFR part 744 with numbered instructions, for example
 *   "a. By adding under CHINA, PEOPLE'S REPUBLIC OF, in alphabetical order, entries for
 *    “Beijing Example Technology Co., Ltd.,” and “Shenzhen Example Ltd.”;"
 *   "b. Under RUSSIA: i. By removing the entry for “Example LLC”; ii. By revising the entry ..."
 * and then print the new rows of the supplement's table under each country. Entities named in
 * the instructions are taken from there; an instruction that only counts them ("seven
 * entities") takes the names from the table rows under its country.
 */

import type { EntityListEntryFact } from '../../alerts/types.js';

export type EntityAction = EntityListEntryFact['action'];
export type EntityListEntry = Omit<EntityListEntryFact, 'watched'>;

export interface EntityListChanges {
  added: EntityListEntry[];
  removed: EntityListEntry[];
  revised: EntityListEntry[];
}

const VERB: Record<string, EntityAction> = {
  adding: 'added',
  removing: 'removed',
  revising: 'revised',
  amending: 'revised',
};

/** Curly quotes to straight, runs of spaces to one. */
function normalize(text: string): string {
  return text
    .replace(/[“”„]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/[ \t\u00a0]+/g, ' ');
}

// A destination as the rule writes it: capitals, with commas, apostrophes, parentheses.
const COUNTRY = String.raw`([A-Z][A-Z'(). -]*(?:, [A-Z][A-Z'(). -]*)*[A-Z.)])`;
const UNDER_IN_BODY = new RegExp(
  String.raw`under (?:the destination of )?${COUNTRY}(?=,|\s+in alphabetical order|\s+the entr|\s*$)`,
);
const UNDER_HEADER = new RegExp(String.raw`(?:^|\s)Under ${COUNTRY}:`, 'g');
// One instruction: "By adding ..." up to its ";" or the next list marker or the table.
const INSTRUCTION =
  /By (adding|removing|revising|amending)\b([\s\S]*?)(?=;|\.\s+(?:[a-z]|[ivx]+)\.\s|\n\s*(?:[a-z]|[ivx]+)\.\s|The (?:additions?|revisions?) reads?|\.\s*\n|$)/g;

function quotedNames(body: string): string[] {
  return [...body.matchAll(/"([^"]{2,200}?)"/g)]
    .map((m) => m[1]!.replace(/[,;]\s*$/, '').trim())
    .filter((n) => n !== '' && !/^[A-Z]{2,}(?:, [A-Z ']+)?$/.test(n));
}

/** Country headers ("Under RUSSIA:") with their offsets, for instructions nested below one. */
function headers(text: string): { at: number; country: string }[] {
  return [...text.matchAll(UNDER_HEADER)].map((m) => ({ at: m.index!, country: m[1]!.trim() }));
}

/**
 * The rows the rule prints under each country of the supplement's table: the text up to the
 * first comma or period that starts an alias or an address ("a.k.a.", a number, "Room").
 */
export function tableRows(text: string): Map<string, string[]> {
  const start = text.search(/Supplement No\. 4 to Part 744\s*[—–-]+\s*Entity List/i);
  const rows = new Map<string, string[]>();
  if (start < 0) return rows;
  let country: string | null = null;
  for (const raw of text.slice(start).split('\n').slice(1)) {
    const line = raw.trim();
    if (line === '' || /^\*( \*)+$/.test(line) || /^Country\b/i.test(line)) continue;
    const header = /^([A-Z][A-Z'(). -]*(?:, [A-Z][A-Z'(). -]*)*)$/.exec(line.split('|')[0]!.trim());
    if (header && line.split('|').length <= 1) {
      country = header[1]!.trim();
      continue;
    }
    if (!country) continue;
    const cell = line.split('|')[0]!.trim();
    const name = cell
      .split(
        /,?\s+(?:a\.k\.a\.|the following|Room\b|Office\b|Unit\b|Flat\b|Block\b|Plot\b|Tower\b|P\.O\.|No\.|Building\b|Floor\b|Suite\b|\d)/,
      )[0]!
      .replace(/[,.;]\s*$/, '')
      .trim();
    if (name && !/^(?:For all items|Presumption|Case-by-case|\d+ FR)/i.test(name))
      rows.set(country, [...(rows.get(country) ?? []), name]);
  }
  return rows;
}

/** Every entity the rule adds, removes or revises, with its country. Empty lists when the text says none. */
export function parseEntityListChanges(fullText: string): EntityListChanges {
  const text = normalize(fullText);
  const from = text.search(/Supplement No\. 4 to part 744 is amended/i);
  const amend = from >= 0 ? text.slice(from) : text;
  const heads = headers(amend);
  const table = tableRows(text);
  const out: EntityListChanges = { added: [], removed: [], revised: [] };
  const seen = new Set<string>();
  for (const m of amend.matchAll(INSTRUCTION)) {
    const action = VERB[m[1]!.toLowerCase()]!;
    const body = m[2]!;
    const country =
      UNDER_IN_BODY.exec(body)?.[1]?.trim() ??
      heads.filter((h) => h.at < m.index!).at(-1)?.country ??
      '';
    let names = quotedNames(body);
    if (names.length === 0 && action === 'added') names = table.get(country) ?? [];
    for (const name of names) {
      const key = `${action}\u0000${country}\u0000${name.toLowerCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out[action].push({ action, name, country });
    }
  }
  return out;
}

/**
 * The entries as alert facts: watched companies (matched like watched names, ignoring case and
 * punctuation) first, then in the rule's order (added, removed, revised).
 */
export function entityListFacts(
  c: EntityListChanges,
  watchedNames: string[],
): EntityListEntryFact[] {
  const key = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  const watched = watchedNames.map(key).filter(Boolean);
  const all = [...c.added, ...c.removed, ...c.revised].map((e) => ({
    ...e,
    watched: watched.some((w) => ` ${key(e.name)} `.includes(` ${w} `)),
  }));
  return [...all.filter((e) => e.watched), ...all.filter((e) => !e.watched)];
}
