import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { edgarDate } from '../../src/pipeline/edgar/business-days.js';
import { ROOT, runCliAsync } from '../helpers/cli.js';
import { startFakeEdgar, type FakeEdgar } from '../helpers/edgar-server.js';
import {
  latestPublicationDate,
  publishDocument,
  startFakeFederalRegister,
  type FakeFederalRegister,
} from '../helpers/fr-server.js';
import { repeatedTopLevelKeys } from '../helpers/log-keys.js';
import { writeLocalConfig } from '../helpers/local-config.js';
import { useTmpDir } from '../helpers/tmp.js';

const tmp = useTmpDir();
const UA = { REGWATCH_SEC_USER_AGENT: 'Jane Doe jane@example.com' };
let edgar: FakeEdgar;
let fr: FakeFederalRegister;
afterEach(async () => {
  await edgar?.close().catch(() => undefined); // one test closes EDGAR itself
  await fr?.close();
});

/** A config pointing every source at local servers, as an operator points regwatch at a test EDGAR. */
async function localConfig(): Promise<{ dir: string; file: string }> {
  edgar = await startFakeEdgar();
  fr = await startFakeFederalRegister();
  return writeLocalConfig(tmp(), { edgarUrl: edgar.url, frApiBase: fr.apiBase }, [
    '{name: acme, cik: "1234567", keywords: ["export control"], notify: [desk]}',
  ]);
}

describe('regwatch run --once against local EDGAR and Federal Register servers', () => {
  it('stores a new S-1, writes its alert as an .eml file a mail client opens, and sends nothing twice', async () => {
    const { dir, file } = await localConfig();
    const today = edgarDate(new Date());
    // The Register publishes on business days only: a weekend run polls the last one.
    const latestPublication = latestPublicationDate(new Date());
    edgar.add({
      cik: '1234567',
      company: 'Acme Chips Inc',
      form: 'S-1',
      accession: '0001234567-26-000001',
      filingDate: today,
      acceptedAt: new Date().toISOString(),
      fileNumber: '333-280001',
      primary: {
        filename: 'acme-s1.htm',
        body: readFileSync(join(ROOT, 'test/fixtures/diff/s1-original.htm')),
      },
    });
    publishDocument(
      fr,
      {
        document_number: '2026-04412',
        publication_date: latestPublication,
        title: 'Additions to the Entity List',
        type: 'Rule',
      },
      '<p>This rule adds entities to the Entity List.</p>',
    );

    const first = await runCliAsync(['--config', file, 'run', '--once', '--json'], {
      cwd: dir,
      env: UA,
    });
    expect(first.stderr).not.toMatch(/\n\s+at /);
    // One JSON line per event, no key twice in a line (`source` was, in every Federal Register line).
    const lines = first.stderr.split('\n').filter((l) => l.startsWith('{'));
    expect(lines.some((l) => l.includes('"source":"federal-register"'))).toBe(true);
    expect(
      lines.flatMap((l) => repeatedTopLevelKeys(l).map((k) => `${k} in ${l.slice(0, 160)}`)),
    ).toEqual([]);
    const report = JSON.parse(first.stdout);
    expect(
      report.tasks.map((t: { task: string; status: string }) => `${t.task}:${t.status}`),
    ).toEqual(['edgar:ok', 'federal-register:ok', 'mail:ok']); // one send loop: alerts and digests
    expect(first.code).toBe(0);

    const outbox = join(dir, 'outbox');
    const files = readdirSync(outbox).filter((f) => f.endsWith('.eml'));
    const mails = await Promise.all(
      files.map(async (f) => simpleParser(readFileSync(join(outbox, f)))),
    );
    const subjects = mails.map((m) => m.subject).sort();
    expect(subjects).toEqual([
      '[regwatch] Acme Chips Inc S-1: 4 risk factors in the first version seen',
      '[regwatch] [Entity List] Rule: Additions to the Entity List',
    ]);
    const s1 = mails.find((m) => /Acme/.test(m.subject ?? ''))!;
    expect(s1.to && 'text' in s1.to ? s1.to.text : '').toBe('desk@example.com');
    expect(s1.html).toContain('Risks Related to Our Business');
    expect(s1.text).toContain('Acme Chips Inc');

    const second = await runCliAsync(['--config', file, 'run', '--once', '--json'], {
      cwd: dir,
      env: UA,
    });
    expect(second.code).toBe(0);
    expect(readdirSync(outbox).filter((f) => f.endsWith('.eml'))).toHaveLength(files.length);

    const status = JSON.parse(
      (await runCliAsync(['--config', file, 'status', '--json'], { cwd: dir, env: UA })).stdout,
    );
    expect(status.watches).toEqual([
      expect.objectContaining({
        watch: 'acme',
        filings: 1,
        processed: 1,
        lastFiling: expect.objectContaining({ form: 'S-1', company: 'Acme Chips Inc' }),
      }),
    ]);
    expect(status.mail).toMatchObject({ pending: 0, dead: 0 });
    expect(status.lastRuns.map((r: { source: string }) => r.source).sort()).toEqual([
      'edgar',
      'federal-register',
      'mail',
    ]);
  });

  it('exits 1 when a source failed, and says which', async () => {
    const { dir, file } = await localConfig();
    await edgar.close(); // EDGAR unreachable: every request is refused
    const r = await runCliAsync(['--config', file, 'run', '--once', '--json'], {
      cwd: dir,
      env: UA,
    });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.ok).toBe(false);
    expect(report.tasks.find((t: { task: string }) => t.task === 'edgar').status).not.toBe('ok');
  }, 120_000);
});
