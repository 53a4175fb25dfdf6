/**
 * EDGAR's and the Federal Register's calendar: the U.S. federal holidays (5 U.S.C. 6103) both
 * observe, computed by rule, and the business days they leave. Dates are `YYYY-MM-DD` strings
 * of the calendar in New York, where both keep their day. Pure: no clock is read here.
 */

const NY = 'America/New_York';

const dayAndTime = new Intl.DateTimeFormat('en-CA', {
  timeZone: NY,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The New York calendar date and wall-clock time (`HH:MM`) of an instant. */
export function easternDateTime(at: Date): { date: string; time: string } {
  const parts = Object.fromEntries(dayAndTime.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
  };
}

/** The date (YYYY-MM-DD) it is in New York at `at`. */
export function easternDate(at: Date): string {
  return easternDateTime(at).date;
}

const iso = (y: number, m: number, d: number): string =>
  new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
const weekdayOf = (date: string): number => new Date(`${date}T12:00:00Z`).getUTCDay();

/** `YYYY-MM-DD` plus `n` days. */
export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The `nth` (1-based) `weekday` (0 = Sunday) of a month; `nth = -1` is the last one. */
function nthWeekday(year: number, month: number, weekday: number, nth: number): string {
  if (nth > 0) {
    const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
    return iso(year, month, 1 + ((weekday - first + 7) % 7) + (nth - 1) * 7);
  }
  const lastDay = new Date(Date.UTC(year, month, 0));
  return iso(year, month, lastDay.getUTCDate() - ((lastDay.getUTCDay() - weekday + 7) % 7));
}

/** A fixed-date holiday moved off a weekend: Saturday to the Friday before, Sunday to the Monday after (OPM's rule). */
function observed(date: string): string {
  const dow = weekdayOf(date);
  return dow === 6 ? addDays(date, -1) : dow === 0 ? addDays(date, 1) : date;
}

/** The holidays of `year` by name, as observed (New Year's Day of `year + 1` may fall on 31 December). */
function holidaysByRule(year: number): [string, string][] {
  const out: [string, string][] = [
    ["New Year's Day", observed(iso(year, 1, 1))],
    ['Birthday of Martin Luther King, Jr.', nthWeekday(year, 1, 1, 3)],
    ["Washington's Birthday", nthWeekday(year, 2, 1, 3)],
    ['Memorial Day', nthWeekday(year, 5, 1, -1)],
    ['Independence Day', observed(iso(year, 7, 4))],
    ['Labor Day', nthWeekday(year, 9, 1, 1)],
    ['Columbus Day', nthWeekday(year, 10, 1, 2)],
    ['Veterans Day', observed(iso(year, 11, 11))],
    ['Thanksgiving Day', nthWeekday(year, 11, 4, 4)],
    ['Christmas Day', observed(iso(year, 12, 25))],
    ["New Year's Day", observed(iso(year + 1, 1, 1))],
  ];
  // Juneteenth National Independence Day is a federal holiday from 2021 (Pub. L. 117-17).
  if (year >= 2021) out.push(['Juneteenth National Independence Day', observed(iso(year, 6, 19))]);
  return out.filter(([, d]) => d.startsWith(`${year}-`));
}

const cache = new Map<number, Map<string, string>>();

/** The federal holidays observed in `year`: date -> name, in date order. */
export function federalHolidays(year: number): Map<string, string> {
  let found = cache.get(year);
  if (!found) {
    found = new Map(
      holidaysByRule(year)
        .sort((a, b) => a[1].localeCompare(b[1]))
        .map(([name, date]) => [date, name]),
    );
    cache.set(year, found);
  }
  return found;
}

/** The holiday observed on `date`, or null. */
export function holidayOn(date: string): string | null {
  return federalHolidays(Number(date.slice(0, 4))).get(date) ?? null;
}

/** A weekday that is not an observed federal holiday: EDGAR accepts filings, the Federal Register publishes. */
export function isBusinessDay(date: string): boolean {
  const dow = weekdayOf(date);
  return dow !== 0 && dow !== 6 && holidayOn(date) === null;
}

/** The business day before `date`. */
export function previousBusinessDay(date: string): string {
  let d = addDays(date, -1);
  while (!isBusinessDay(d)) d = addDays(d, -1);
  return d;
}

/** The business day after `date`. */
export function nextBusinessDay(date: string): string {
  let d = addDays(date, 1);
  while (!isBusinessDay(d)) d = addDays(d, 1);
  return d;
}

/** Business days after `from` up to and including `to`, oldest first. */
export function businessDaysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isBusinessDay(d)) out.push(d);
  return out;
}
