/** EDGAR keeps Eastern time: its dates and business days are New York's, whatever the config's zone. */
const EDGAR_ZONE = 'America/New_York';

const ymd = new Intl.DateTimeFormat('en-CA', { timeZone: EDGAR_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The date (YYYY-MM-DD) it is on EDGAR at `now`. */
export function edgarDate(now: Date): string {
  return ymd.format(now);
}

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function isWeekday(date: string): boolean {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
}

/** The weekday before `date` (holidays are found by EDGAR having no index that day). */
export function previousBusinessDay(date: string): string {
  let d = addDays(date, -1);
  while (!isWeekday(d)) d = addDays(d, -1);
  return d;
}

/** Weekdays after `from` up to and including `to`, oldest first. */
export function businessDaysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWeekday(d)) out.push(d);
  return out;
}
