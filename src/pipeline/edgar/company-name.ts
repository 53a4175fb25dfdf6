/**
 * Company names as a person means them: case, punctuation, EDGAR's state suffix ("CORP/DE/")
 * and legal-form words ("Inc.", "Corp", "Ltd") do not matter, so "Acme AI" finds the filer
 * "ACME AI, INC." and "Acme A.I. Holdings Corp" does not find "Acme AI".
 */
const LEGAL_FORMS = new Set([
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'company',
  'ltd',
  'limited',
  'llc',
  'plc',
  'lp',
  'llp',
  'sa',
  'nv',
  'ag',
  'se',
  'bv',
  'the',
]);

export function normalizeCompanyName(name: string): string {
  const words = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\/[a-z]{2,3}\/?\s*$/i, ' ') // EDGAR's "/DE/" state of incorporation
    .replace(/&/g, ' and ')
    .replace(/\b([a-z])\.(?=[a-z]\.)/g, '$1') // "A.I." -> "AI."
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  while (words.length > 1 && LEGAL_FORMS.has(words[words.length - 1]!)) words.pop();
  while (words.length > 1 && words[0] === 'the') words.shift();
  return words.join(' ');
}
