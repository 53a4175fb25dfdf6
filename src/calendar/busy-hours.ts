import { easternDateTime, isBusinessDay } from './business-days.js';

/** `[from, to)` pairs of New York wall-clock times, `HH:MM`. */
export type BusyWindows = readonly (readonly [string, string])[];

/**
 * When each source has news, in New York time on business days (holidays by the calendar):
 * EDGAR accepts filings 06:00-22:00 ET; the Federal Register publishes the day's documents at
 * 06:00 ET and files the regular public-inspection list at 08:45 ET. Inside these windows a
 * source runs on every tick of its schedule; outside them at most every `offHoursMinutes`.
 */
export const BUSY_WINDOWS: Record<'edgar' | 'federal-register', BusyWindows> = {
  edgar: [['06:00', '22:00']],
  // Documents from 06:00; the public-inspection list at 08:45 (special filings follow through the day).
  'federal-register': [
    ['06:00', '06:30'],
    ['08:40', '09:15'],
  ],
};

/** Whether `at` falls inside one of `windows` (`[from, to)` in HH:MM, New York) on a business day. */
export function inBusyWindow(windows: BusyWindows, at: Date): boolean {
  const { date, time } = easternDateTime(at);
  return isBusinessDay(date) && windows.some(([from, to]) => time >= from && time < to);
}

/**
 * Whether a tick at `at` should run: always inside the busy windows; outside them when the
 * last run started `offHoursMinutes` or more before (or never ran in this process).
 */
export function isRunDue(
  windows: BusyWindows,
  offHoursMinutes: number,
  at: Date,
  lastStart: Date | null,
): boolean {
  if (inBusyWindow(windows, at) || lastStart === null) return true;
  // A second of slack: ticks fire on whole seconds, a run starts a few milliseconds later.
  return at.getTime() - lastStart.getTime() >= offHoursMinutes * 60_000 - 1000;
}
