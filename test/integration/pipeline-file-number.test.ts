import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import {
  acmeFiling,
  fixture,
  startEdgarPipeline,
  type EdgarPipeline,
} from '../helpers/edgar-pipeline.js';
import { useTmpDir } from '../helpers/tmp.js';

const tmp = useTmpDir();
let pipeline: EdgarPipeline | undefined;
afterEach(async () => {
  await pipeline?.close();
  pipeline = undefined;
});

describe('the file number when the filing-index page cannot be read', () => {
  it('comes from the full submission header, so the S-1/A still diffs against the S-1', async () => {
    pipeline = await startEdgarPipeline(
      tmp(),
      [{ name: 'acme', cik: '1234567', keywords: ['export control'], notify: ['investors'] }],
      { logger: pino({ level: 'silent' }) },
    );
    const t = pipeline;
    t.edgar.add(acmeFiling());
    expect((await t.poll()).stats).toMatchObject({ filingsProcessed: 1, alertsQueued: 1 });

    t.set(new Date('2026-03-11T15:00:00Z'));
    const amendment = '0001234567-26-000002';
    t.edgar.add(
      acmeFiling({
        form: 'S-1/A',
        accession: amendment,
        filingDate: '2026-03-11',
        acceptedAt: '2026-03-11T09:30:00-05:00',
        primary: { filename: 'acme-s1a.htm', body: fixture('s1-amendment.htm') },
      }),
    );
    // A maintenance page where the amendment's -index.htm should be, on every try.
    t.edgar.fault((p) => p.includes(`${amendment}-index.htm`), 'malformed', 100);
    const second = await t.poll();
    expect(second.stats).toMatchObject({ filingsProcessed: 1, alertsQueued: 1, errors: 0 });
    expect(second.requests.some((r) => r.url.includes(`${amendment}-index.htm`))).toBe(true);
    const alert = t.alerts()[1]!;
    expect(alert.kind).toBe('filing-diff');
    expect(JSON.parse(alert.payload)).toMatchObject({
      form: 'S-1/A',
      fileNumber: '333-280001',
      previous: { accession: '0001234567-26-000001', form: 'S-1' },
    });
    expect(
      t.app.db
        .prepare('SELECT file_number FROM filings WHERE accession = ?')
        .pluck()
        .get(amendment),
    ).toBe('333-280001');
  });
});
