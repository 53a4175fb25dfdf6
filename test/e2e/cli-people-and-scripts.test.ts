// `backfill` and `status` print for people (sentences and tables, no JSON log line beside them)
// and `--json` for scripts, run as a user runs them: the built CLI against a local EDGAR.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliAsync } from '../helpers/cli.js';
import { acmeFiling, fixture } from '../helpers/edgar-pipeline.js';
import { startFakeEdgar, type FakeEdgar } from '../helpers/edgar-server.js';
import { useTmpDir } from '../helpers/tmp.js';

const tmp = useTmpDir();
// The SEC on loopback: an example.com contact is exempt there (it is refused against the SEC).
const UA = { REGWATCH_SEC_USER_AGENT: 'Jane Doe jane@example.com' };
let edgar: FakeEdgar | undefined;
afterEach(async () => {
  await edgar?.close();
  edgar = undefined;
});

async function localEdgar(): Promise<{ dir: string; cfg: string[] }> {
  edgar = await startFakeEdgar();
  edgar.add(
    acmeFiling({
      filingDate: '2025-06-02',
      acceptedAt: '2025-06-02T10:00:00-04:00',
      accession: '0001234567-25-000001',
    }),
  );
  edgar.add(
    acmeFiling({
      form: 'S-1/A',
      accession: '0001234567-25-000007',
      filingDate: '2025-07-01',
      acceptedAt: '2025-07-01T10:00:00-04:00',
      primary: { filename: 'a.htm', body: fixture('s1-amendment.htm') },
    }),
  );
  const dir = tmp();
  const file = join(dir, 'regwatch.yml');
  writeFileSync(
    file,
    `sec: {baseUrl: "${edgar.url}", dataUrl: "${edgar.url}", eftsUrl: "${edgar.url}", maxRequestsPerSecond: 10}
federalRegister: {baseUrl: "http://127.0.0.1:9/api/v1"}
watches:
  - {name: acme, cik: "1234567"}
database: {path: data/regwatch.db}
`,
  );
  return { dir, cfg: ['--config', file] };
}

const JSON_LINE = /^\s*[{[]/m;

describe('for people, and --json for scripts', () => {
  it('backfill prints a summary and no log line; --json prints JSON lines only', async () => {
    const { dir, cfg } = await localEdgar();
    const people = await runCliAsync([...cfg, 'backfill', '--cik', '1234567'], {
      cwd: dir,
      env: UA,
      timeoutMs: 60_000,
    });
    expect(people.code, people.stderr).toBe(0);
    expect(people.stdout).toMatch(
      /^Acme Chips Inc \(CIK 0*1234567\): 2 filings with risk factors on EDGAR; 2 stored now, 0 stored before\n$/,
    );
    expect(people.stderr).not.toMatch(JSON_LINE);
    expect(people.stdout).not.toMatch(JSON_LINE);

    const scripts = await runCliAsync([...cfg, 'backfill', '--cik', '1234567', '--json'], {
      cwd: dir,
      env: UA,
      timeoutMs: 60_000,
    });
    expect(scripts.code, scripts.stderr).toBe(0);
    const summary = JSON.parse(scripts.stdout) as { event: string; alreadyStored: number };
    expect(summary).toMatchObject({ event: 'done', alreadyStored: 2 });
  }, 120_000);

  it('status prints tables and sentences, --json the same facts', async () => {
    const { dir, cfg } = await localEdgar();
    expect(
      (
        await runCliAsync([...cfg, 'backfill', '--cik', '1234567'], {
          cwd: dir,
          env: UA,
          timeoutMs: 60_000,
        })
      ).code,
    ).toBe(0);
    const text = await runCliAsync([...cfg, 'status'], { cwd: dir, timeoutMs: 30_000 });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).not.toMatch(/[{}]|null|undefined/);
    expect(text.stdout).toMatch(
      /^ {2}watch +filings +versions +unreadable +last filing +last alert$/m,
    );
    expect(text.stdout).toMatch(/^ {2}acme +2 +2 +S-1\/A 2025-07-01 Acme Chips Inc$/m);
    expect(text.stdout).toMatch(/no runs recorded yet/);
    const json = await runCliAsync([...cfg, 'status', '--json'], { cwd: dir, timeoutMs: 30_000 });
    expect(JSON.parse(json.stdout)).toMatchObject({
      watches: [{ watch: 'acme', filings: 2, processed: 2 }],
    });
  }, 120_000);
});
