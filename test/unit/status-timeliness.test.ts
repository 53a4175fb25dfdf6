import { describe, expect, it } from 'vitest';
import { renderStatusText, type StatusReport } from '../../src/cli/status-text.js';
import { formatLag } from '../../src/cli/status-timeliness.js';
import { lagSeconds } from '../../src/store/freshness.js';

describe('source timeliness in status', () => {
  it.each([
    [null, 'nothing seen yet'],
    [0, '0 s'],
    [119, '119 s'],
    [120, '2 min'],
    [7140, '119 min'],
    [7200, '2 h 0 min'],
    [90_000, '25 h 0 min'],
    [200_000, '2 d'],
  ])('a lag of %s s reads "%s"', (seconds, text) => {
    expect(formatLag(seconds)).toBe(text);
  });

  it('measures lag from the newest item to now, never negative, null when nothing was seen', () => {
    const now = new Date('2026-03-10T14:01:00Z');
    expect(lagSeconds('2026-03-10T14:00:00Z', now)).toBe(60);
    expect(lagSeconds('2026-03-10T14:02:00Z', now)).toBe(0);
    expect(lagSeconds(null, now)).toBeNull();
    expect(lagSeconds('not a time', now)).toBeNull();
  });

  it('shows last success, next run and lag as columns of the sources table, also for a source that never ran', () => {
    const text = renderStatusText({
      database: 'data/regwatch.db',
      migrationsApplied: 8,
      counts: {},
      watches: [],
      secPause: null,
      federalRegister: {
        lastPoll: null,
        documents: 0,
        byStatus: {},
        byTag: {},
        lastDocument: null,
      },
      mail: {
        pending: 0,
        retrying: 0,
        oldestPendingAt: null,
        awaitingDigest: 0,
        sentLast24h: 0,
        dead: 0,
        deadDeliveries: [],
      },
      pendingDeliveries: 0,
      lastRuns: [
        {
          source: 'edgar',
          startedAt: '2026-03-10T14:00:00.000Z',
          finishedAt: '2026-03-10T14:00:21.000Z',
          status: 'ok',
          stats: {},
          error: null,
        },
      ],
      sources: [
        {
          source: 'edgar',
          lastSuccess: '2026-03-10T14:00:21Z',
          nextRun: '2026-03-10T14:00:40Z',
          newestItemAt: '2026-03-10T13:59:40Z',
          lagSeconds: 41,
        },
        {
          source: 'federal-register',
          lastSuccess: null,
          nextRun: null,
          newestItemAt: null,
          lagSeconds: null,
        },
      ],
    } as StatusReport);
    const lines = text.split('\n');
    const header = lines.findIndex((l) => /last success\s+next run\s+lag$/.test(l));
    expect(header).toBeGreaterThanOrEqual(0);
    const edgar = lines.find((l) => l.startsWith('  edgar'))!;
    expect(edgar).toMatch(/2026-03-10 14:00 UTC\s+2026-03-10 14:00 UTC\s+41 s$/);
    // Columns: each value starts under its heading, for the source that never ran too; the lag is
    // right-aligned under its own.
    const fr = lines.find((l) => l.startsWith('  federal-register'))!;
    const col = (name: string) => lines[header]!.indexOf(name);
    const startsAt = (line: string, value: string, name: string) =>
      expect(line.slice(col(name)).startsWith(value), `${value} under ${name}`).toBe(true);
    startsAt(edgar, '2026-03-10 14:00 UTC  2026-03-10 14:00 UTC', 'last success');
    startsAt(edgar, '2026-03-10 14:00 UTC', 'next run');
    startsAt(fr, 'never', 'last success');
    startsAt(fr, 'no daemon running', 'next run');
    expect(new Set([lines[header]!.length, edgar.length, fr.length]).size).toBe(1);
    expect(lines.find((l) => l.startsWith('  federal-register'))).toMatch(
      /never run.*never\s+no daemon running\s+nothing seen yet$/,
    );
  });
});
