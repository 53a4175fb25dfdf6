import { formFamily } from '../../extract/detect-form.js';

/** Forms that carry a Risk Factors section regwatch extracts. */
export function hasRiskFactors(form: string): boolean {
  return formFamily(form) !== null || /^20-F/.test(form);
}

/** Annual reports: compared with the company's previous annual report. */
export function isAnnualReport(form: string): boolean {
  return /^(10-K|20-F)/.test(form);
}

/** A first registration statement: the start of an offering a new-registrant watch looks for. */
export function isOriginalRegistration(form: string): boolean {
  return /^(S-1|F-1|SB-2|S-11)$/.test(form);
}

/** Forms of an offering's life after its first registration statement (followed for a matched registrant). */
export function isOfferingFollowUp(form: string): boolean {
  return /^(S-1\/A|F-1\/A|SB-2\/A|S-11\/A|S-1MEF|F-1MEF|424B[1-8]|RW|EFFECT|10-K|20-F)$/.test(form);
}

/** Lifecycle events without a document to extract: a withdrawal, a notice of effectiveness. */
export function lifecycleEvent(form: string): 'withdrawn' | 'effective' | null {
  if (form === 'RW') return 'withdrawn';
  if (form === 'EFFECT') return 'effective';
  return null;
}
