import { easternDateTime, isBusinessDay, previousBusinessDay } from './business-days.js';

/** EDGAR's filing window opens at 06:00 Eastern on each business day. */
export const EDGAR_WINDOW_OPENS = '06:00';

/**
 * The EDGAR day from which filings are new for a watch first seen at `moment`: the latest
 * business day whose filing window (06:00 ET) had opened by then. Saturday, Sunday, a holiday
 * or 05:00 on a Tuesday all reach back to the business day before; noon on a weekday is that day.
 */
export function firstNewDay(moment: Date): string {
  const { date, time } = easternDateTime(moment);
  return isBusinessDay(date) && time >= EDGAR_WINDOW_OPENS ? date : previousBusinessDay(date);
}

/** What the rule reads of a filing: its EDGAR filing date and, when known, its acceptance instant. */
export interface FilingMoment {
  filingDate: string;
  acceptedAt: string | null;
}

/**
 * The one rule for "new", the same on any day: a filing is alerted when it was accepted after
 * its watch was first seen, or during the EDGAR day `firstNewDay(firstSeenAt)`. Older filings
 * are history (stored, compared against, never alerted).
 */
export function isNewFiling(f: FilingMoment, firstSeenAt: Date): boolean {
  if (f.acceptedAt !== null) {
    const accepted = Date.parse(f.acceptedAt);
    if (!Number.isNaN(accepted) && accepted > firstSeenAt.getTime()) return true;
  }
  return f.filingDate >= firstNewDay(firstSeenAt);
}
