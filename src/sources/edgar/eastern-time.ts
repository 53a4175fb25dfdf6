/**
 * EDGAR states times on its pages, SGML headers and the submissions JSON as wall-clock times
 * in New York (even where the JSON writes a `Z`), so they are converted here with the real
 * America/New_York offset of that day (EST -05:00 or EDT -04:00).
 */
const NY = 'America/New_York';

const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: NY, timeZoneName: 'longOffset' });

// Offsets change only on the hour (02:00 local, twice a year): cache them per UTC hour, since
// Intl formatting costs tens of microseconds and the fake EDGAR and parsers call this per filing.
const offsetByHour = new Map<number, number>();

/** Minutes east of UTC in New York at the instant `ms` (e.g. -300 in winter). */
function newYorkOffsetMinutes(ms: number): number {
  const hour = Math.floor(ms / 3600_000);
  let cached = offsetByHour.get(hour);
  if (cached === undefined) {
    cached = computeOffsetMinutes(hour * 3600_000);
    if (offsetByHour.size > 100_000) offsetByHour.clear();
    offsetByHour.set(hour, cached);
  }
  return cached;
}

function computeOffsetMinutes(ms: number): number {
  const name =
    offsetFormat.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const a = Math.abs(minutes);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/**
 * A New York wall-clock time (`YYYY-MM-DD HH:MM:SS`, `YYYYMMDDHHMMSS` or `YYYY-MM-DDTHH:MM:SS[.sss][Z]`)
 * as ISO-8601 with the New York offset, e.g. `2018-03-07T18:03:42-05:00`. Null when unreadable.
 */
export function easternWallClockToIso(text: string): string | null {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})[T ]?(\d{2}):?(\d{2}):?(\d{2})/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  if (Number.isNaN(wall)) return null;
  // The offset at the instant the wall clock would be if it were standard time; then re-check
  // with the offset found, which settles every hour except the repeated one in November.
  let offset = newYorkOffsetMinutes(wall + 5 * 3600_000);
  offset = newYorkOffsetMinutes(wall - offset * 60_000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${formatOffset(offset)}`;
}

/** The New York wall clock of an instant: `{ date: 'YYYY-MM-DD', time: 'HH:MM:SS', offset: '-05:00' }`. */
export function toEasternWallClock(instant: Date): { date: string; time: string; offset: string } {
  const offset = newYorkOffsetMinutes(instant.getTime());
  // The wall clock is the instant shifted by the offset, read as UTC.
  const iso = new Date(instant.getTime() + offset * 60_000).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 19), offset: formatOffset(offset) };
}
