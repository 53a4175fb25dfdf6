/** Form families whose Risk Factors sections are found and delimited the same way. */
export type FormFamily = 'annual' | 'foreign-annual' | 'prospectus';

/**
 * `10-K` (and its older kin 10-KSB, 10-K405) use "Item 1A"; a `20-F` puts the section under
 * "Item 3. Key Information - D. Risk Factors"; registration statements and prospectuses (the
 * older SB-2 among them) a plain heading.
 */
export function formFamily(form: string | null): FormFamily | null {
  if (!form) return null;
  const f = form.toUpperCase();
  if (/^10-K/.test(f) || /^10-Q/.test(f)) return 'annual';
  if (/^20-F/.test(f)) return 'foreign-annual';
  if (/^(S-1|S-3|S-4|S-11|SB-1|SB-2|F-1|F-3|F-4|424B\d|POS AM|DRS)/.test(f)) return 'prospectus';
  return null;
}

/**
 * Detects the form from the document's own words when nobody said: the cover page names it
 * ("FORM 10-K", "FORM S-1", "Filed pursuant to Rule 424(b)(4)").
 */
export function detectForm(text: string): string | null {
  const cover = text.slice(0, 30_000);
  const rule424 = /Rule\s*424\s*\(\s*b\s*\)\s*\(\s*(\d)\s*\)/i.exec(cover);
  if (rule424) return `424B${rule424[1]}`;
  // The cover names the form as a title ("FORM S-3"); "our Annual Report on Form 10-K" in a
  // prospectus supplement's text names another document.
  let m: RegExpExecArray | null = null;
  for (const x of cover.matchAll(
    /\bFORM\s+(10-K(?:T|405|SB)?|10-QSB|10-Q|S-1|S-3|S-4|S-11|SB-2|F-1|F-3|F-4|20-F)(\s*\/\s*A)?\b/gi,
  )) {
    if (
      /\b(on|in|our|its|the|see|under|and|or|of|to|with|by)\s+$/i.test(
        cover.slice(Math.max(0, x.index - 12), x.index),
      )
    )
      continue;
    m = x;
    break;
  }
  if (m) {
    const amended = m[2] !== undefined || /\bAmendment\s+No\.\s*\d/i.test(cover.slice(0, 5000));
    return `${m[1]!.toUpperCase()}${amended && !m[1]!.startsWith('10-') ? '/A' : ''}`;
  }
  return null;
}
