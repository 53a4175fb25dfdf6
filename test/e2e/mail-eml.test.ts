import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { alertMessageId } from '../../src/notify/render/message-id.js';
import { emlFileName } from '../../src/notify/transports/eml.js';
import { runCli } from '../helpers/cli.js';
import {
  openTestDb,
  seedFilingDiff,
  seedFrAlert,
  testConfig,
  typicalChanges,
} from '../helpers/smtp-outbox-state.js';
import { useTmpDir } from '../helpers/tmp.js';

const tmp = useTmpDir();
const UA = { REGWATCH_SEC_USER_AGENT: 'Jane Doe jane@example.com' };

describe('mail on the embedded defaults (no SMTP configured)', () => {
  it('writes each alert as an .eml file under data/outbox that a mail client opens, once', async () => {
    const dir = tmp();
    // The embedded defaults' database, data/regwatch.db (what the README's first command creates).
    expect(runCli(['migrate'], { cwd: dir, env: UA }).code).toBe(0);
    const db = openTestDb(join(dir, 'data'));
    const config = testConfig({}); // the embedded recipient group "default"
    const { alertId } = seedFilingDiff(db, config, {
      cik: '0001234567',
      company: 'Example Corp',
      form: 'S-1/A',
      previousForm: 'S-1',
      fileNumber: '333-1',
      seq: 1,
      changes: typicalChanges(),
      recipientGroups: ['default'],
      createdAt: new Date(Date.now() - 60_000),
    });
    seedFrAlert(db, config, {
      documentNumber: '2026-24001',
      title: 'Additions to the Entity List',
      agencies: ['industry-and-security-bureau'],
      recipientGroups: ['default'],
      createdAt: new Date(Date.now() - 30_000),
    });
    db.close();

    const flush = runCli(['mail', 'flush', '--json'], { cwd: dir });
    expect(flush.code, flush.stderr).toBe(0);
    expect(JSON.parse(flush.stdout)).toMatchObject({
      transport: 'eml',
      alerts: { sent: 2, dead: 0 },
    });
    const outbox = join(dir, 'data/outbox');
    const files = readdirSync(outbox).sort();
    expect(files).toHaveLength(2);
    expect(files.every((f) => f.endsWith('.eml'))).toBe(true);
    const mails = await Promise.all(files.map((f) => simpleParser(readFileSync(join(outbox, f)))));
    const diff = mails.find((m) => m.subject?.includes('Example Corp'))!;
    expect(diff.subject).toBe(
      '[regwatch] Example Corp S-1/A: 3 substantive changes, 5 editorial changes',
    );
    expect(diff.to && !Array.isArray(diff.to) ? diff.to.text : '').toBe(
      'regwatch@localhost.localdomain',
    );
    const messageId = alertMessageId(alertId, 'regwatch@localhost.localdomain', 'localhost');
    expect(diff.messageId).toBe(messageId);
    expect(files).toContain(emlFileName(messageId)); // named by Message-ID: a re-send rewrites, never adds
    // The five editorial rewordings are one line; their redline is in the attached full report.
    expect(diff.text).toContain(
      '5 editorial changes (wording, punctuation or order; no new information)',
    );
    expect(diff.attachments.map((a) => a.content.toString('utf8')).join('')).toContain(
      'substantially all',
    );
    expect(mails.find((m) => m.subject?.includes('Entity List'))!.text).toContain(
      'https://www.federalregister.gov/documents/2026/12/01/2026-24001/x',
    );

    // Nothing is written twice.
    expect(JSON.parse(runCli(['mail', 'flush', '--json'], { cwd: dir }).stdout).alerts.sent).toBe(
      0,
    );
    expect(readdirSync(outbox)).toHaveLength(2);
    const status = JSON.parse(runCli(['status', '--json'], { cwd: dir }).stdout);
    expect(status.mail).toMatchObject({
      pending: 0,
      dead: 0,
      sentLast24h: 2,
      oldestPendingAt: null,
    });

    // preview: the same message, not sent.
    const htmlFile = join(dir, 'preview.html');
    const preview = runCli(['mail', 'preview', String(alertId), '--html', htmlFile], { cwd: dir });
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stdout).toContain(
      'Subject: [regwatch] Example Corp S-1/A: 3 substantive changes, 5 editorial changes',
    );
    expect(preview.stdout).toContain('5 editorial changes');
    expect(readFileSync(htmlFile, 'utf8')).toContain(
      'Export controls may limit our sales to customers in China',
    );
    expect(readdirSync(outbox)).toHaveLength(2);
    const missing = runCli(['mail', 'preview', '999'], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no alert 999');

    // mail test through the same transport.
    const test = runCli(['mail', 'test', 'me@example.com', '--json'], { cwd: dir });
    expect(test.code, test.stderr).toBe(0);
    expect(JSON.parse(test.stdout)).toMatchObject({
      ok: true,
      transport: 'eml',
      to: 'me@example.com',
    });
    expect(readdirSync(outbox)).toHaveLength(3);
    expect(runCli(['mail', 'test', 'not-an-address'], { cwd: dir }).stderr).toContain(
      'is not an e-mail address',
    );
  }, 60_000); // several runs of the built CLI
});
