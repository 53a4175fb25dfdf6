/**
 * The EDGAR form types regwatch knows, as EDGAR spells them. A form outside this list in a
 * config file or on the command line is a typo far more often than a real form.
 */
export const KNOWN_FORMS = [
  'S-1',
  'S-1/A',
  'S-1MEF',
  'F-1',
  'F-1/A',
  'F-1MEF',
  'S-3',
  'S-3/A',
  'S-3ASR',
  'S-3MEF',
  'F-3',
  'F-3/A',
  'F-3ASR',
  'S-4',
  'S-4/A',
  'F-4',
  'F-4/A',
  'S-11',
  'S-11/A',
  '424B1',
  '424B2',
  '424B3',
  '424B4',
  '424B5',
  '424B7',
  '424B8',
  '10-K',
  '10-K/A',
  '10-K405',
  '10-KT',
  '10-KSB',
  '10-KSB/A',
  '10-Q',
  '10-Q/A',
  '20-F',
  '20-F/A',
  '40-F',
  'SB-2',
  'SB-2/A',
  'DRS',
  'DRS/A',
  'RW',
  'EFFECT',
  'POS AM',
  '8-K',
  '8-K/A',
  '6-K',
] as const;

export type KnownForm = (typeof KNOWN_FORMS)[number];

const KNOWN = new Set<string>(KNOWN_FORMS);

/**
 * The canonical spelling of a form (`10-k` -> `10-K`, ` s-1 / a ` -> `S-1/A`, `S1` -> `S-1`,
 * `posam` -> `POS AM`), or null when it is not a known form.
 */
export function normalizeForm(input: string): string | null {
  const s = input
    .trim()
    .toUpperCase()
    .replace(/\s*\/\s*/g, '/')
    .replace(/\s+/g, ' ');
  if (s === '') return null;
  if (KNOWN.has(s)) return s;
  if (s === 'POSAM' || s === 'POS-AM') return 'POS AM';
  // "S1", "10K", "20F/A": the hyphen left out.
  const hyphen = s.replace(/^([A-Z]{1,2}|\d{1,2})(\d+|[A-Z])(?=[A-Z0-9]*(\/A)?$)/, '$1-$2');
  return KNOWN.has(hyphen) ? hyphen : null;
}

/** One line naming the known forms, for error messages. */
export function knownFormsText(): string {
  return KNOWN_FORMS.join(', ');
}
