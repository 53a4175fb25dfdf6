import cron from 'node-cron';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** How far back / ahead a tick is looked for: a monthly digest is the slowest schedule expected. */
export const SEARCH_DAYS = 400;

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC in minutes at `at` ("GMT-05:00" -> -300). */
function offsetMinutes(timezone: string, at: Date): number {
  let f = offsetFormatters.get(timezone);
  if (!f)
    offsetFormatters.set(
      timezone,
      (f = new Intl.DateTimeFormat('en-US', { timeZone: timezone, timeZoneName: 'longOffset' })),
    );
  const name = f.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

/**
 * Walks minute by minute, a cheap pre-check on local minute, hour and month (offsets cached per
 * UTC hour) before node-cron's own `match` decides, so node-cron's reading of the expression
 * (day-of-month / day-of-week rules, names, steps) is the one that counts.
 */
function walk(
  expression: string,
  timezone: string,
  from: Date,
  step: 1 | -1,
  limit: Date,
): Date | null {
  const fields = cron.parse(expression);
  const minutes = new Set(fields.minute);
  const hours = new Set(fields.hour);
  const months = new Set(fields.month);
  const seconds = [...fields.second].sort((a, b) => a - b);
  const task = cron.createTask(expression, () => undefined, {
    timezone,
    name: `regwatch-digest-probe-${process.pid}-${Math.random()}`,
  });
  const offsets = new Map<number, number>();
  try {
    let t = Math.floor(from.getTime() / MINUTE) * MINUTE;
    for (; step === 1 ? t <= limit.getTime() : t >= limit.getTime(); t += step * MINUTE) {
      const hourKey = Math.floor(t / 3_600_000);
      let off = offsets.get(hourKey);
      if (off === undefined) offsets.set(hourKey, (off = offsetMinutes(timezone, new Date(t))));
      const local = new Date(t + off * MINUTE);
      if (
        !minutes.has(local.getUTCMinutes()) ||
        !hours.has(local.getUTCHours()) ||
        !months.has(local.getUTCMonth() + 1)
      )
        continue;
      const candidates = step === 1 ? seconds : [...seconds].reverse();
      for (const s of candidates) {
        const at = new Date(t + s * 1000);
        if (step === 1 ? at <= from : at > from) continue;
        if ((step === 1 ? at > limit : at < limit) || !task.match(at)) continue;
        return at;
      }
    }
    return null;
  } finally {
    void task.destroy();
  }
}

/** The latest tick of `expression` in `timezone` at or before `at`, not before `notBefore` (exclusive). */
export function previousTick(
  expression: string,
  timezone: string,
  at: Date,
  notBefore: Date = new Date(at.getTime() - SEARCH_DAYS * DAY),
): Date | null {
  const hit = walk(expression, timezone, new Date(at.getTime() + 1), -1, notBefore);
  return hit && hit > notBefore ? hit : null;
}

/** The first tick of `expression` in `timezone` strictly after `after`. */
export function nextTick(expression: string, timezone: string, after: Date): Date | null {
  return walk(expression, timezone, after, 1, new Date(after.getTime() + SEARCH_DAYS * DAY));
}

/** "HH:MM" of `at` in `timezone`. */
function localHhMm(at: Date, timezone: string): string {
  const off = offsetMinutes(timezone, at);
  const local = new Date(at.getTime() + off * MINUTE);
  return `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
}

/**
 * When quiet hours ({start, end} local "HH:MM", possibly across midnight) hold at `now`, the
 * instant they end; otherwise null. Found by walking the clock, so a DST change is honoured.
 */
export function quietUntil(
  now: Date,
  quiet: { start: string; end: string } | undefined,
  timezone: string,
): Date | null {
  if (!quiet || quiet.start === quiet.end) return null;
  const t = localHhMm(now, timezone);
  const inside =
    quiet.start < quiet.end ? t >= quiet.start && t < quiet.end : t >= quiet.start || t < quiet.end;
  if (!inside) return null;
  let m = Math.floor(now.getTime() / MINUTE) * MINUTE;
  for (let i = 0; i < 26 * 60; i++) {
    m += MINUTE;
    if (localHhMm(new Date(m), timezone) === quiet.end) return new Date(m);
  }
  return null;
}
