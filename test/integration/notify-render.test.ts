import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FilingDiffPayload } from '../../src/alerts/types.js';
import { createLogger } from '../../src/log/logger.js';
import { renderAlertMessage } from '../../src/notify/render/alert-message.js';
import { diffCounts, subjectFor } from '../../src/notify/render/describe.js';
import { nextTick, previousTick, quietUntil } from '../../src/notify/schedule.js';
import { drainOutbox, renderDelivery } from '../../src/notify/sender.js';
import { resolveTransportSettings } from '../../src/config/resolve.js';
import { createTransport } from '../../src/notify/transports/registry.js';
import {
  classifySmtpError,
  isLoopbackHost,
  parseSmtpUrl,
} from '../../src/notify/transports/smtp.js';
import { readAlert, readStoredDiff } from '../../src/store/outbox.js';
import {
  openTestDb,
  seedFilingDiff,
  testConfig,
  typicalChanges,
  type ChangeSeed,
} from '../helpers/smtp-outbox-state.js';
import { startSmtpServer } from '../helpers/smtp-server.js';
import { useTmpDir } from '../helpers/tmp.js';

const tmp = useTmpDir();
const logger = createLogger({ level: 'silent', pretty: false });
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});
const T0 = new Date('2026-12-04T15:00:00Z');
const RECIPIENTS = { investors: { emails: ['pm@example.com'], mode: 'immediate' } };

const HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>';

describe('rendering hostile filing text', () => {
  it('arrives escaped in the HTML part over SMTP, and readable in the text part', async () => {
    const server = await startSmtpServer();
    cleanups.push(() => server.close());
    const db = openTestDb(tmp());
    cleanups.push(() => db.close());
    const config = testConfig({ recipients: RECIPIENTS });
    const changes: ChangeSeed[] = [
      {
        kind: 'added',
        heading: `Risks of <b>bold</b> ${HOSTILE}`,
        text: `Our products may be misused.\n\n${HOSTILE} & "quoted" 'text'`,
      },
      {
        kind: 'modified',
        heading: 'Cyber <iframe src="javascript:alert(1)">',
        redline: [
          { op: 'equal', text: 'Attackers may' },
          { op: 'insert', text: '<script>steal()</script> and ransom customer records of' },
          { op: 'equal', text: 'our data.' },
        ],
      },
    ];
    seedFilingDiff(db, config, {
      cik: '0001234567',
      company: 'Evil <i>Corp</i> & Co',
      form: 'S-1/A',
      previousForm: 'S-1',
      fileNumber: '333-280001',
      seq: 1,
      changes,
      recipientGroups: ['investors'],
      createdAt: T0,
    });
    const transport = createTransport(
      resolveTransportSettings(config, { REGWATCH_SMTP_URL: server.url() }),
      logger,
    );
    cleanups.push(() => transport.close());
    expect(await drainOutbox({ db, config, transport, logger, now: () => T0 })).toMatchObject({
      sent: 1,
    });
    const mail = server.messages[0]!;
    const html = mail.parsed.html as string;
    expect(html).not.toMatch(/<script|<img|<iframe|<b>bold|<i>Corp/i);
    expect(html).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;',
    );
    expect(html).toContain('Evil &lt;i&gt;Corp&lt;/i&gt; &amp; Co');
    expect(html).toContain('&lt;script&gt;steal()&lt;/script&gt; and ransom customer records of');
    // The subject is a single header line with the company as filed.
    // It counts what matters: both changes say something new.
    expect(mail.parsed.subject).toBe(
      '[regwatch] Evil <i>Corp</i> & Co S-1/A: 2 substantive changes',
    );
    // Plain text: the filing's words as written, no markup of ours, redline markers a person can read.
    const text = mail.parsed.text!;
    expect(text).toContain(`* New risk factor: Risks of <b>bold</b> ${HOSTILE}`);
    expect(text).toContain('{+<script>steal()</script> and ransom customer records of+}');
    expect(text).toMatch(/^Evil <i>Corp<\/i> & Co S-1\/A: 2 substantive changes\n=+\n/);
    expect(text).not.toMatch(/<(span|td|tr|table|p|div|a)\b/);
    expect(text).not.toMatch(/&(lt|gt|amp|quot);/);
  });
});

describe('subjects', () => {
  it.each([
    [
      { added: 2, removed: 1, modified: 5, moved: 0, unchanged: 40 },
      '2 new, 1 removed, 5 changed risk factors',
    ],
    [{ added: 1, removed: 0, modified: 0, moved: 0, unchanged: 40 }, '1 new risk factor'],
    [{ added: 0, removed: 0, modified: 0, moved: 3, unchanged: 40 }, '3 moved risk factors'],
    [{ added: 0, removed: 0, modified: 0, moved: 0, unchanged: 40 }, 'no risk factor changed'],
  ])('%o -> %s', (summary, expected) => {
    expect(diffCounts(summary)).toBe(expected);
  });

  it('never carries a line break into the header', () => {
    const db = openTestDb(tmp());
    cleanups.push(() => db.close());
    const config = testConfig({ recipients: RECIPIENTS });
    const { alertId } = seedFilingDiff(db, config, {
      cik: '0001234567',
      company: 'Line\r\nBcc: victim@example.com',
      form: 'S-1',
      previousForm: 'S-1',
      fileNumber: '333-1',
      seq: 1,
      changes: typicalChanges(),
      recipientGroups: ['investors'],
      createdAt: T0,
    });
    expect(subjectFor(readAlert(db, alertId)!)).toBe(
      '[regwatch] Line Bcc: victim@example.com S-1: 2 new, 1 removed, 5 changed risk factors',
    );
  });
});

describe('very large redlines', () => {
  it('are cut to fit the body, with a note, and attached in full as .html', () => {
    const db = openTestDb(tmp());
    cleanups.push(() => db.close());
    const config = testConfig({ recipients: RECIPIENTS, mail: { maxHtmlBytes: 20_000 } });
    const long = (i: number): ChangeSeed => ({
      kind: 'added',
      heading: `Risk number ${i}`,
      text: `Paragraph ${i}. ${'Our business faces many uncertainties. '.repeat(40)}`,
    });
    const { alertId } = seedFilingDiff(db, config, {
      cik: '0001234567',
      company: 'Example Corp',
      form: '10-K',
      previousForm: '10-K',
      fileNumber: '001-1',
      seq: 1,
      changes: Array.from({ length: 40 }, (_, i) => long(i)),
      recipientGroups: ['investors'],
      createdAt: T0,
    });
    const m = renderDelivery(
      db,
      config,
      { alertId, email: 'pm@example.com', recipientGroup: 'investors' },
      T0,
    );
    expect(Buffer.byteLength(m.html)).toBeLessThanOrEqual(20_000 + 6_000); // body budget plus the header card and notes
    expect(m.html).toContain('Risk number 0');
    expect(m.html).not.toContain('Risk number 39');
    expect(m.html).toMatch(
      /changes are not shown here\. The complete redline is attached as example-corp-10-k-2026-12-01-redline\.html/,
    );
    expect(m.text).toMatch(/\d+ of 40 changes are not shown here/);
    expect(m.attachments).toHaveLength(1);
    expect(m.attachments[0]!.filename).toBe('example-corp-10-k-2026-12-01-redline.html');
    expect(m.attachments[0]!.content).toContain('Risk number 39');
    // Small redlines are not cut and carry no attachment.
    const small = testConfig({ recipients: RECIPIENTS });
    const full = renderDelivery(
      db,
      small,
      { alertId, email: 'pm@example.com', recipientGroup: 'investors' },
      T0,
    );
    expect(full.attachments).toHaveLength(0);
    expect(full.html).toContain('Risk number 39');
  });

  it('a render is a pure function of stored data: same inputs, same message', () => {
    const db = openTestDb(tmp());
    cleanups.push(() => db.close());
    const config = testConfig({ recipients: RECIPIENTS });
    const { alertId, diffId } = seedFilingDiff(db, config, {
      cik: '0001234567',
      company: 'Example Corp',
      form: 'S-1/A',
      previousForm: 'S-1',
      fileNumber: '333-1',
      seq: 1,
      changes: typicalChanges(),
      recipientGroups: ['investors'],
      createdAt: T0,
    });
    const alert = readAlert(db, alertId)!;
    const input = {
      alert,
      stored: readStoredDiff(db, diffId)!,
      recipient: { email: 'pm@example.com', group: 'investors' },
      thread: [],
      now: T0,
      maxHtmlBytes: 100_000,
    };
    const snapshot = structuredClone(input);
    const first = renderAlertMessage(input);
    expect(input).toEqual(snapshot); // nothing written back into its input
    // Read again from the store, years later by the wall clock: the same message, byte for byte.
    vi.useFakeTimers({ now: new Date('2031-06-01T12:00:00Z'), toFake: ['Date'] });
    try {
      const again = renderAlertMessage({
        ...input,
        alert: readAlert(db, alertId)!,
        stored: readStoredDiff(db, diffId)!,
      });
      expect(again).toEqual(first);
    } finally {
      vi.useRealTimers();
    }
    expect((alert.payload as FilingDiffPayload).summary).toMatchObject({
      added: 2,
      removed: 1,
      modified: 5,
    });
    expect(input.stored.diff).toMatchObject({ old: { riskFactors: 16 }, new: { riskFactors: 17 } });
  });
});

describe('digest schedules and quiet hours in the configured zone', () => {
  it.each([
    [
      '0 7 * * 1-5',
      'America/New_York',
      '2026-12-04T17:00:00Z',
      '2026-12-04T12:00:00.000Z',
      '2026-12-07T12:00:00.000Z',
    ], // Fri 07:00 EST; next is Monday
    [
      '0 7 * * *',
      'UTC',
      '2026-12-04T07:00:00Z',
      '2026-12-04T07:00:00.000Z',
      '2026-12-05T07:00:00.000Z',
    ], // at the tick itself
    [
      '30 8 * * 1',
      'Europe/Berlin',
      '2026-03-31T00:00:00Z',
      '2026-03-30T06:30:00.000Z',
      '2026-04-06T06:30:00.000Z',
    ], // after the DST change (CEST)
    [
      '0 7 1 * *',
      'UTC',
      '2026-12-04T00:00:00Z',
      '2026-12-01T07:00:00.000Z',
      '2027-01-01T07:00:00.000Z',
    ], // monthly
  ])('%s in %s at %s: previous %s, next %s', (cron, tz, now, prev, next) => {
    expect(previousTick(cron, tz, new Date(now))?.toISOString()).toBe(prev);
    expect(nextTick(cron, tz, new Date(now))?.toISOString()).toBe(next);
  });

  it('quiet hours across midnight end at the local end time', () => {
    const q = { start: '22:00', end: '07:00' };
    expect(quietUntil(new Date('2026-12-05T04:00:00Z'), q, 'America/New_York')?.toISOString()).toBe(
      '2026-12-05T12:00:00.000Z',
    ); // 23:00 EST
    expect(quietUntil(new Date('2026-12-05T14:00:00Z'), q, 'America/New_York')).toBeNull(); // 09:00 EST
    expect(quietUntil(new Date('2026-12-05T12:00:00Z'), q, 'America/New_York')).toBeNull(); // 07:00 sharp: over
    expect(
      quietUntil(
        new Date('2026-12-05T09:00:00Z'),
        { start: '08:00', end: '12:00' },
        'UTC',
      )?.toISOString(),
    ).toBe('2026-12-05T12:00:00.000Z');
  });
});

describe('SMTP settings and failures', () => {
  it.each([
    [
      'smtp://u:p@mail.example.com',
      { host: 'mail.example.com', port: 587, secure: false, requireTLS: true },
    ],
    [
      'smtps://u:p@mail.example.com',
      { host: 'mail.example.com', port: 465, secure: true, requireTLS: false },
    ],
    ['smtp://127.0.0.1:2525', { host: '127.0.0.1', port: 2525, requireTLS: false }],
    ['smtp://[::1]:2525', { host: '::1', port: 2525, requireTLS: false }],
    ['smtp://localhost:25', { host: 'localhost', requireTLS: false }],
    ['smtp://relay.internal:25?requireTLS=false', { host: 'relay.internal', requireTLS: false }],
    ['smtp://127.0.0.1:25?requireTLS=true', { requireTLS: true }],
  ])('%s', (url, expected) => {
    expect(parseSmtpUrl(url).options).toMatchObject(expected);
  });

  it('requires TLS for any host that is not loopback', () => {
    for (const h of ['10.0.0.5', '192.168.1.1', 'mail.example.com', '127.example.com'])
      expect(isLoopbackHost(h)).toBe(false);
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost'])
      expect(isLoopbackHost(h)).toBe(true);
  });

  it('refuses a bad URL without echoing it (it holds the password)', () => {
    for (const bad of ['http://u:Sekr1t@x', 'smtp://u:Sekr1t@x?tls=off', 'not a url Sekr1t']) {
      expect(() => parseSmtpUrl(bad)).toThrow(/REGWATCH_SMTP_URL/);
      try {
        parseSmtpUrl(bad);
      } catch (err) {
        expect((err as Error).message).not.toContain('Sekr1t');
      }
    }
  });

  it.each([
    [
      {
        code: 'EENVELOPE',
        responseCode: 550,
        command: 'RCPT TO',
        message: 'Recipient command failed: 550 No such user',
      },
      false,
    ],
    [{ code: 'EMESSAGE', responseCode: 554, command: 'DATA', message: 'Message rejected' }, false],
    [{ code: 'EENVELOPE', responseCode: 450, command: 'RCPT TO', message: 'Mailbox busy' }, true],
    [{ code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN', message: 'Invalid login' }, true],
    [
      { code: 'EENVELOPE', responseCode: 553, command: 'MAIL FROM', message: 'Sender not allowed' },
      true,
    ],
    [{ code: 'ESOCKET', command: 'CONN', message: 'connect ECONNREFUSED 127.0.0.1:25' }, true],
    [{ code: 'ETIMEDOUT', message: 'Greeting never received' }, true],
  ])('%o retryable: %s', (err, retryable) => {
    const e = classifySmtpError(Object.assign(new Error(err.message), err), ['pw']);
    expect(e.status === 'transient').toBe(retryable);
  });
});
