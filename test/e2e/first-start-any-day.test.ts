/**
 * Issue 19: the same world gives the same alerts whatever day the daemon is first started.
 * The world: Acme's S-1 accepted Friday 16 January 2026 at 10:00 ET, Bolt's S-1 the day before,
 * and a Commerce rule published on the Friday. The built CLI (`run --once`, a fresh database
 * each time) is started with an injected clock (REGWATCH_CLOCK_START) that afternoon, on the
 * Saturday, on Martin Luther King Jr. Day (Monday 19th, a federal holiday) and at 05:00 on the
 * Tuesday after it (before EDGAR's window opens): each time Acme's S-1 and the rule alert, and
 * Bolt's S-1 is stored as history.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, runCliAsync } from '../helpers/cli.js';
import { startFakeEdgar, type FakeEdgar } from '../helpers/edgar-server.js';
import {
  publishDocument,
  startFakeFederalRegister,
  type FakeFederalRegister,
} from '../helpers/fr-server.js';
import { writeLocalConfig } from '../helpers/local-config.js';
import { useTmpDir } from '../helpers/tmp.js';

const tmp = useTmpDir();
let edgar: FakeEdgar | undefined;
let fr: FakeFederalRegister | undefined;
afterEach(async () => {
  await edgar?.close();
  await fr?.close();
});

const S1 = readFileSync(join(ROOT, 'test/fixtures/diff/s1-original.htm'));

const FIRST_STARTS = [
  ['a weekday afternoon (the Friday)', '2026-01-16T15:00:00-05:00'],
  ['a Saturday', '2026-01-17T11:00:00-05:00'],
  ['a public holiday (Martin Luther King Jr. Day)', '2026-01-19T11:00:00-05:00'],
  ['05:00 on the Tuesday after the holiday', '2026-01-20T05:00:00-05:00'],
] as const;

describe('the first start of the daemon on any day gives the same alerts', () => {
  it('a weekday, a Saturday, a holiday and before the window opens: the same alerts', async () => {
    edgar = await startFakeEdgar();
    fr = await startFakeFederalRegister();
    const filing = (cik: string, company: string, accession: string, day: string) => ({
      cik,
      company,
      form: 'S-1',
      accession,
      filingDate: day,
      acceptedAt: new Date(`${day}T10:00:00-05:00`).toISOString(),
      fileNumber: `333-${cik.slice(-6)}`,
      primary: { filename: `${company.split(' ')[0]!.toLowerCase()}-s1.htm`, body: S1 },
    });
    edgar.add(filing('1234567', 'Acme Chips Inc', '0001234567-26-000001', '2026-01-16'));
    edgar.add(filing('7654321', 'Bolt Foundry Inc', '0007654321-26-000001', '2026-01-15'));
    publishDocument(
      fr,
      {
        document_number: '2026-00412',
        publication_date: '2026-01-16',
        title: 'Additions to the Entity List',
        type: 'Rule',
      },
      '<p>This rule adds entities to the Entity List.</p>',
    );

    const outcomes: Record<string, { alerts: string[]; history: string[]; code: number | null }> =
      {};
    for (const [name, start] of FIRST_STARTS) {
      const { dir, file } = writeLocalConfig(
        tmp(),
        { edgarUrl: edgar.url, frApiBase: fr.apiBase },
        [
          '{name: acme, cik: "1234567", notify: [desk]}',
          '{name: ipos, newRegistrants: {forms: [S-1]}, notify: [desk]}',
        ],
      );
      const r = await runCliAsync(['--config', file, 'run', '--once', '--json'], {
        cwd: dir,
        env: { REGWATCH_SEC_USER_AGENT: 'Jane Doe jane@example.com', REGWATCH_CLOCK_START: start },
        timeoutMs: 120_000,
      });
      if (start === FIRST_STARTS[1][1]) {
        // `status` on the Saturday: the lag is the age of the newest filing the feed showed (Friday 10:00 ET).
        const env = {
          REGWATCH_SEC_USER_AGENT: 'Jane Doe jane@example.com',
          REGWATCH_CLOCK_START: start,
        };
        const status = JSON.parse(
          (await runCliAsync(['--config', file, 'status', '--json'], { cwd: dir, env })).stdout,
        ) as {
          sources: {
            source: string;
            lagSeconds: number;
            newestItemAt: string;
            lastSuccess: string | null;
            nextRun: string | null;
          }[];
        };
        const edgarRow = status.sources.find((x) => x.source === 'edgar')!;
        expect(edgarRow).toMatchObject({
          newestItemAt: '2026-01-16T15:00:00.000Z',
          lastSuccess: expect.stringMatching(/^2026-01-17T16:/),
          nextRun: null,
        });
        expect(edgarRow.lagSeconds).toBeGreaterThanOrEqual(25 * 3600);
        expect(edgarRow.lagSeconds).toBeLessThan(25 * 3600 + 120);
        expect(status.sources.map((x) => x.source)).toEqual(['edgar', 'federal-register']);
      }
      const db = new Database(join(dir, 'data/regwatch.db'), { readonly: true });
      outcomes[name] = {
        code: r.code,
        alerts: db
          .prepare('SELECT dedupe_key FROM alerts ORDER BY dedupe_key')
          .pluck()
          .all() as string[],
        history: db
          .prepare('SELECT accession FROM filings WHERE history = 1 ORDER BY accession')
          .pluck()
          .all() as string[],
      };
      db.close();
    }
    const expected = {
      code: 0,
      alerts: ['edgar:0001234567-26-000001:new', 'fr:new:2026-412'],
      history: ['0007654321-26-000001'],
    };
    for (const [name] of FIRST_STARTS) expect(outcomes[name], name).toEqual(expected);
  }, 300_000);
});
