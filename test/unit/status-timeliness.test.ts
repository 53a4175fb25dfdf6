import { describe, expect, it } from 'vitest';
import { formatLag, timelinessLines } from '../../src/cli/status-timeliness.js';
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

  it('renders one line per source', () => {
    expect(
      timelinessLines([
        { source: 'edgar', lastSuccess: '2026-03-10T14:00:21Z', nextRun: '2026-03-10T14:00:40Z', newestItemAt: '2026-03-10T13:59:40Z', lagSeconds: 41 },
        { source: 'federal-register', lastSuccess: null, nextRun: null, newestItemAt: null, lagSeconds: null },
      ]),
    ).toEqual([
      'source edgar: last success 2026-03-10T14:00:21Z, next run 2026-03-10T14:00:40Z, lag 41 s (newest item 2026-03-10T13:59:40Z)',
      'source federal-register: last success never, next run not scheduled (no daemon has run), lag nothing seen yet',
    ]);
  });
});
