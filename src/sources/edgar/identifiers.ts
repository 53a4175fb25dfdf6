/**
 * EDGAR's identifiers and dates in the one form regwatch stores: a CIK as 10 digits, an
 * accession number dashed, a date as YYYY-MM-DD. Each returns null on what is not one.
 */

/** A CIK (number or string, padded or not) as 10 digits; null when it is not 1-10 digits. */
export function normalizeCik(value: string | number): string | null {
  const s = String(value).trim();
  return /^\d{1,10}$/.test(s) ? s.padStart(10, '0') : null;
}

/** An accession number with or without dashes as `0001234567-24-000001`; null when malformed. */
export function normalizeAccession(value: string): string | null {
  const digits = value.trim().replace(/-/g, '');
  if (!/^\d{18}$/.test(digits)) return null;
  return `${digits.slice(0, 10)}-${digits.slice(10, 12)}-${digits.slice(12)}`;
}

/** `20240131` or `2024-01-31` as `2024-01-31`; null when not a real calendar date. */
export function normalizeDate(value: string): string | null {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (
    d.getUTCFullYear() !== Number(m[1]) ||
    d.getUTCMonth() !== Number(m[2]) - 1 ||
    d.getUTCDate() !== Number(m[3])
  )
    return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}
