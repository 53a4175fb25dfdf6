import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.js';
import { createLogger } from '../../src/log/logger.js';
import { sendDueDigests, renderDigest } from '../../src/notify/digests.js';
import { alertMessageId } from '../../src/notify/render/message-id.js';
import { drainOutbox, type SenderDeps } from '../../src/notify/sender.js';
import { resolveTransportSettings } from '../../src/config/resolve.js';
import { createTransport } from '../../src/notify/transports/registry.js';
import type { Db } from '../../src/store/open-database.js';
import { outboxStatus } from '../../src/store/outbox.js';
import {
  openTestDb,
  seedFilingDiff,
  seedFrAlert,
  testConfig,
  typicalChanges,
} from '../helpers/smtp-outbox-state.js';
import { refusedPort, startSmtpServer, type TestSmtp } from '../helpers/smtp-server.js';
import { useTmpDir } from '../helpers/tmp.js';

const tmp = useTmpDir();
const logger = createLogger({ level: 'silent', pretty: false });
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function smtp(options: Parameters<typeof startSmtpServer>[0] = {}): Promise<TestSmtp> {
  const s = await startSmtpServer(options);
  cleanups.push(() => s.close());
  return s;
}

function db(): Db {
  const d = openTestDb(tmp());
  cleanups.push(() => d.close());
  return d;
}

/** Sender deps with a clock the test moves. */
function deps(database: Db, config: Config, url: string, clock: { now: Date }): SenderDeps {
  const transport = createTransport(
    resolveTransportSettings(config, { REGWATCH_SMTP_URL: url }),
    logger,
  );
  cleanups.push(() => transport.close());
  return { db: database, config, transport, logger, now: () => clock.now };
}

const T0 = new Date('2026-12-04T15:00:00Z');
const minutes = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);

const RECIPIENTS = {
  investors: { emails: ['pm@example.com', 'analyst@example.com'], mode: 'immediate' },
  ops: { emails: ['ops@example.com'], mode: 'immediate' },
};

describe('immediate alerts over a real SMTP server', () => {
  it('arrive once per recipient, with the subject, both parts, links and threading headers', async () => {
    const server = await smtp();
    const database = db();
    const config = testConfig({
      recipients: RECIPIENTS,
      mail: { from: 'regwatch <alerts@regwatch.example>', operator: ['ops'] },
    });
    const first = seedFilingDiff(database, config, {
      cik: '0001234567',
      company: 'Example Corp',
      form: 'S-1/A',
      previousForm: 'S-1',
      fileNumber: '333-280001',
      seq: 1,
      changes: typicalChanges(),
      recipientGroups: ['investors'],
      createdAt: T0,
    });
    const second = seedFilingDiff(database, config, {
      cik: '0001234567',
      company: 'Example Corp',
      form: 'S-1/A',
      previousForm: 'S-1/A',
      fileNumber: '333-280001',
      seq: 2,
      changes: typicalChanges().slice(0, 1),
      recipientGroups: ['investors'],
      createdAt: minutes(T0, 1),
    });
    const clock = { now: minutes(T0, 2) };
    const stats = await drainOutbox(deps(database, config, server.url(), clock));
    expect(stats).toMatchObject({ sent: 4, retrying: 0, dead: 0 });
    expect(server.messages).toHaveLength(4);

    const to = (m: (typeof server.messages)[number]) => m.envelopeTo[0];
    const pm = server.messages.filter((m) => to(m) === 'pm@example.com');
    expect(pm.map((m) => m.parsed.subject)).toEqual([
      '[regwatch] Example Corp S-1/A: 3 substantive changes, 5 editorial changes',
      '[regwatch] Example Corp S-1/A: 1 substantive change',
    ]);
    const [a, b] = pm;
    expect(a!.messageId).toBe(alertMessageId(first.alertId, 'pm@example.com', 'regwatch.example'));
    expect(b!.messageId).toBe(alertMessageId(second.alertId, 'pm@example.com', 'regwatch.example'));
    expect(b!.parsed.inReplyTo).toBe(a!.messageId);
    expect(b!.parsed.references).toEqual(a!.messageId);
    expect(a!.parsed.from?.value[0]).toMatchObject({
      name: 'regwatch',
      address: 'alerts@regwatch.example',
    });
    expect(a!.parsed.headers.get('x-regwatch-alert')).toBe(String(first.alertId));
    // Both parts: the HTML redline and a readable plain-text alternative.
    expect(a!.parsed.html).toContain('Export controls may limit our sales to customers in China');
    expect(a!.parsed.html).toContain('text-decoration:line-through');
    expect(a!.parsed.html).toContain('href="https://www.sec.gov/Archives/edgar/data/1234567/');
    // Substantive changes in full; the five editorial rewordings ("most" -> "substantially all") as
    // one line, their redline in the attached full report.
    expect(a!.parsed.text).toContain(
      '* New risk factor: Export controls may limit our sales to customers in China\n  Topics: Export controls and sanctions, International market access',
    );
    expect(a!.parsed.text).toContain('The Department of Commerce has expanded export controls');
    expect(a!.parsed.text).toContain(
      '* Risk factor removed: The COVID-19 pandemic may disrupt our operations\n  Topics: Supply chain\n\nThe pandemic has disrupted supply chains.',
    );
    expect(a!.parsed.text).toContain(
      '5 editorial changes (wording, punctuation or order; no new information): their redline is in the full report attached',
    );
    expect(a!.parsed.text).not.toContain('substantially all');
    expect(a!.parsed.attachments.map((x) => x.content.toString('utf8')).join('')).toContain(
      'substantially all',
    );
    expect(a!.parsed.text).toContain('https://www.sec.gov/Archives/edgar/data/1234567/');
    expect(a!.parsed.text).not.toMatch(/<(span|td|table|p)\b/);
    // Each recipient gets its own Message-ID; the analyst's thread is the analyst's.
    const analyst = server.messages.filter((m) => to(m) === 'analyst@example.com');
    expect(analyst[1]!.parsed.inReplyTo).toBe(
      alertMessageId(first.alertId, 'analyst@example.com', 'regwatch.example'),
    );

    // Nothing is sent twice.
    clock.now = minutes(T0, 60);
    expect(await drainOutbox(deps(database, config, server.url(), clock))).toMatchObject({
      sent: 0,
    });
    expect(server.messages).toHaveLength(4);
    expect(outboxStatus(database, clock.now)).toMatchObject({
      pending: 0,
      dead: 0,
      sentLast24h: 4,
      oldestPendingAt: null,
    });
  });

  it('a server refusing connections for a while, then accepting: everything arrives once', async () => {
    const port = await refusedPort();
    const database = db();
    const config = testConfig({ recipients: RECIPIENTS });
    for (let i = 0; i < 3; i++)
      seedFilingDiff(database, config, {
        cik: `000100000${i}`,
        company: `Company ${i}`,
        form: 'S-1/A',
        previousForm: 'S-1',
        fileNumber: `333-10000${i}`,
        seq: i,
        changes: typicalChanges(),
        recipientGroups: ['investors'],
        createdAt: T0,
      });
    const clock = { now: T0 };
    const url = `smtp://127.0.0.1:${port}`;

    const down1 = await drainOutbox(deps(database, config, url, clock));
    expect(down1.sent).toBe(0);
    expect(down1.retrying).toBe(1);
    expect(down1.stoppedBy).toMatch(/ECONNECTION|ECONNREFUSED|ESOCKET/);
    let status = outboxStatus(database, clock.now);
    expect(status).toMatchObject({
      pending: 6,
      retrying: 1,
      dead: 0,
      oldestPendingAt: T0.toISOString(),
    });
    // Backoff: the failed one waits 5 minutes, then 10; the others are tried meanwhile.
    const failed = database
      .prepare(
        `SELECT attempts, next_attempt_at AS next, last_error AS error FROM deliveries WHERE status = 'failed'`,
      )
      .get() as { attempts: number; next: string; error: string };
    expect(failed.attempts).toBe(1);
    expect(failed.next).toBe(minutes(T0, 5).toISOString());
    clock.now = minutes(T0, 1);
    await drainOutbox(deps(database, config, url, clock));
    // Oldest alert first among those due: at +6 the first delivery's retry (due at +5), at +7
    // the second's (due at +6) go before the never-tried deliveries of later alerts.
    for (const m of [6, 7, 8, 9, 10]) {
      clock.now = minutes(T0, m);
      await drainOutbox(deps(database, config, url, clock));
    }
    clock.now = minutes(T0, 11);
    await drainOutbox(deps(database, config, url, clock));
    const retried = database
      .prepare(`SELECT attempts, next_attempt_at AS next FROM deliveries WHERE id = 1`)
      .get() as { attempts: number; next: string };
    expect(retried).toEqual({ attempts: 2, next: minutes(T0, 16).toISOString() });
    expect(
      database.prepare(`SELECT count(*) FROM deliveries WHERE status = 'failed'`).pluck().get(),
    ).toBe(6);

    const server = await smtp({ port });
    clock.now = minutes(T0, 90);
    const up = await drainOutbox(deps(database, config, server.url(), clock));
    expect(up).toMatchObject({ sent: 6, dead: 0, stoppedBy: null });
    const ids = server.messages.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(6);
    expect(ids).toHaveLength(6);
    status = outboxStatus(database, clock.now);
    expect(status).toMatchObject({ pending: 0, retrying: 0, dead: 0, sentLast24h: 6 });
  });

  it('a 550 makes that delivery dead at once, the others go through, the operator is told once', async () => {
    const server = await smtp({
      refuseRcpt: (a) =>
        a === 'gone@example.com' ? { code: 550, message: '5.1.1 No such user here' } : null,
    });
    const database = db();
    const config = testConfig({
      recipients: {
        investors: {
          emails: ['pm@example.com', 'gone@example.com', 'cfo@example.com'],
          mode: 'immediate',
        },
        ops: { emails: ['ops@example.com'], mode: 'immediate' },
      },
      mail: { operator: ['ops'] },
    });
    const { alertId } = seedFilingDiff(database, config, {
      cik: '0001234567',
      company: 'Example Corp',
      form: 'S-1/A',
      previousForm: 'S-1',
      fileNumber: '333-280001',
      seq: 1,
      changes: typicalChanges(),
      recipientGroups: ['investors'],
      createdAt: T0,
    });
    const clock = { now: T0 };
    const stats = await drainOutbox(deps(database, config, server.url(), clock));
    expect(stats).toMatchObject({ sent: 3, dead: 1, retrying: 0 }); // pm, cfo, then the operator's notice
    const gone = database
      .prepare(
        `SELECT status, attempts, last_error AS error FROM deliveries WHERE email = 'gone@example.com'`,
      )
      .get() as { status: string; attempts: number; error: string };
    expect(gone).toMatchObject({ status: 'dead', attempts: 1 });
    expect(gone.error).toMatch(/550/);
    expect(server.messages.map((m) => m.envelopeTo[0]).sort()).toEqual([
      'cfo@example.com',
      'ops@example.com',
      'pm@example.com',
    ]);
    const notice = server.messages.find((m) => m.envelopeTo[0] === 'ops@example.com')!;
    expect(notice.parsed.subject).toBe(
      `[regwatch] Undeliverable: alert ${alertId} to gone@example.com`,
    );
    expect(notice.parsed.text).toMatch(/550/);

    clock.now = minutes(T0, 120);
    expect(await drainOutbox(deps(database, config, server.url(), clock))).toMatchObject({
      sent: 0,
      dead: 0,
    });
    expect(
      database.prepare(`SELECT count(*) FROM alerts WHERE kind = 'operator'`).pluck().get(),
    ).toBe(1);
    const status = outboxStatus(database, clock.now);
    expect(status.dead).toBe(1);
    expect(status.deadDeliveries[0]).toMatchObject({
      kind: 'alert',
      alertId,
      email: 'gone@example.com',
    });
  });

  it('after five days of transient failures a delivery is dead, and the operator is told once', async () => {
    const port = await refusedPort();
    const database = db();
    const config = testConfig({ recipients: RECIPIENTS, mail: { operator: ['ops'] } });
    seedFilingDiff(database, config, {
      cik: '0001234567',
      company: 'Example Corp',
      form: 'S-1/A',
      previousForm: 'S-1',
      fileNumber: '333-280001',
      seq: 1,
      changes: typicalChanges(),
      recipientGroups: ['ops'],
      createdAt: T0,
    });
    const clock = { now: minutes(T0, 4 * 24 * 60) };
    const url = `smtp://127.0.0.1:${port}`;
    expect(await drainOutbox(deps(database, config, url, clock))).toMatchObject({
      retrying: 1,
      dead: 0,
    });
    // Five days old, but tried only twice: one more try before giving up.
    clock.now = minutes(T0, 5 * 24 * 60 + 1);
    expect(await drainOutbox(deps(database, config, url, clock))).toMatchObject({
      retrying: 1,
      dead: 0,
    });
    clock.now = minutes(T0, 5 * 24 * 60 + 30);
    expect(await drainOutbox(deps(database, config, url, clock))).toMatchObject({ dead: 1 });
    expect(database.prepare(`SELECT attempts, status FROM deliveries`).get()).toEqual({
      attempts: 3,
      status: 'dead',
    });
    expect(
      database.prepare(`SELECT count(*) FROM alerts WHERE kind = 'operator'`).pluck().get(),
    ).toBe(1);
    // The notice to ops fails too (same server), but it never raises a notice about itself.
    for (const hours of [0, 2, 4, 6]) {
      clock.now = minutes(T0, 11 * 24 * 60 + hours * 60);
      await drainOutbox(deps(database, config, url, clock));
    }
    expect(
      database.prepare(`SELECT count(*) FROM alerts WHERE kind = 'operator'`).pluck().get(),
    ).toBe(1);
    expect(outboxStatus(database, clock.now).dead).toBe(2);
  });

  it('two overlapping drains in one process never send a message twice', async () => {
    const server = await smtp({ beforeReply: () => new Promise((r) => setTimeout(r, 50)) });
    const database = db();
    const config = testConfig({ recipients: RECIPIENTS });
    seedFilingDiff(database, config, {
      cik: '0001234567',
      company: 'Example Corp',
      form: 'S-1/A',
      previousForm: 'S-1',
      fileNumber: '333-280001',
      seq: 1,
      changes: typicalChanges(),
      recipientGroups: ['investors'],
      createdAt: T0,
    });
    const clock = { now: T0 };
    const [a, b] = await Promise.all([
      drainOutbox(deps(database, config, server.url(), clock)),
      drainOutbox(deps(database, config, server.url(), clock)),
    ]);
    expect(a.sent + b.sent).toBe(2);
    expect([a.lockedBy, b.lockedBy].filter(Boolean)).toHaveLength(1);
    expect(server.dataReceived).toHaveLength(2);
  });

  it('quiet hours hold immediate alerts until they end, and never drop them', async () => {
    const server = await smtp();
    const database = db();
    const config = testConfig({
      recipients: RECIPIENTS,
      mail: { quietHours: { start: '22:00', end: '07:00' } },
    });
    seedFilingDiff(database, config, {
      cik: '0001234567',
      company: 'Example Corp',
      form: 'S-1/A',
      previousForm: 'S-1',
      fileNumber: '333-280001',
      seq: 1,
      changes: typicalChanges(),
      recipientGroups: ['ops'],
      createdAt: new Date('2026-12-04T23:10:00Z'),
    });
    const clock = { now: new Date('2026-12-04T23:11:00Z') };
    expect(await drainOutbox(deps(database, config, server.url(), clock))).toMatchObject({
      sent: 0,
      deferred: 1,
    });
    expect(database.prepare('SELECT next_attempt_at FROM deliveries').pluck().get()).toBe(
      '2026-12-05T07:00:00.000Z',
    );
    clock.now = new Date('2026-12-05T06:59:00Z');
    expect(await drainOutbox(deps(database, config, server.url(), clock))).toMatchObject({
      sent: 0,
    });
    clock.now = new Date('2026-12-05T07:00:30Z');
    expect(await drainOutbox(deps(database, config, server.url(), clock))).toMatchObject({
      sent: 1,
    });
    expect(server.messages).toHaveLength(1);
  });
});

describe('digests over a real SMTP server', () => {
  it('one message per digest tick collects every alert since the last one, grouped by company and agency; empty digests are not sent', async () => {
    const server = await smtp();
    const database = db();
    const config = testConfig({
      recipients: {
        desk: { emails: ['desk@example.com'], mode: 'digest', digest: { cron: '0 7 * * *' } },
        ops: { emails: ['ops@example.com'], mode: 'immediate' },
      },
    });
    const d1 = new Date('2026-12-03T10:00:00Z');
    seedFilingDiff(database, config, {
      cik: '0001234567',
      company: 'Example Corp',
      form: 'S-1/A',
      previousForm: 'S-1',
      fileNumber: '333-280001',
      seq: 1,
      changes: typicalChanges(),
      recipientGroups: ['desk'],
      createdAt: d1,
    });
    seedFilingDiff(database, config, {
      cik: '0007654321',
      company: 'Acme Robotics',
      form: '10-K',
      previousForm: '10-K',
      fileNumber: '001-39999',
      seq: 1,
      changes: typicalChanges().slice(0, 3),
      recipientGroups: ['desk'],
      createdAt: minutes(d1, 60),
    });
    seedFrAlert(database, config, {
      documentNumber: '2026-24001',
      title: 'Additions to the Entity List',
      agencies: ['industry-and-security-bureau'],
      recipientGroups: ['desk'],
      createdAt: minutes(d1, 120),
    });
    const clock = { now: new Date('2026-12-04T06:59:00Z') };
    const d = () => deps(database, config, server.url(), clock);
    // Immediate draining never sends digest deliveries.
    expect(await drainOutbox(d())).toMatchObject({ sent: 0 });
    expect(await sendDueDigests(d(), clock.now)).toMatchObject({ gathered: 0, sent: 0 });
    clock.now = new Date('2026-12-04T07:00:10Z');
    expect(await sendDueDigests(d(), clock.now)).toMatchObject({ gathered: 1, sent: 1 });
    expect(server.messages).toHaveLength(1);
    const digest = server.messages[0]!;
    expect(digest.envelopeTo).toEqual(['desk@example.com']);
    expect(digest.parsed.subject).toBe(
      '[regwatch] Digest: 3 alerts (Example Corp, Acme Robotics, Industry and Security Bureau)',
    );
    const text = digest.parsed.text ?? '';
    expect(text.indexOf('Example Corp\n---')).toBeGreaterThan(0);
    expect(text.indexOf('Acme Robotics\n---')).toBeGreaterThan(text.indexOf('Example Corp\n---'));
    expect(text).toContain('Industry and Security Bureau');
    expect(text).toContain(
      '- New: Export controls may limit our sales to customers in China: a new risk factor',
    );
    expect(digest.parsed.html).toContain('Additions to the Entity List');
    expect(digest.parsed.attachments.map((a) => a.filename)).toEqual([
      'example-corp-s-1-a-2026-12-01-redline.html',
      'acme-robotics-10-k-2026-12-01-redline.html',
    ]);
    expect(digest.parsed.attachments[0]!.content.toString('utf8')).toContain('substantially all');

    // Same tick again: nothing. Next tick with nothing new: no empty digest.
    expect(await sendDueDigests(d(), clock.now)).toMatchObject({ gathered: 0, sent: 0 });
    clock.now = new Date('2026-12-05T07:00:10Z');
    expect(await sendDueDigests(d(), clock.now)).toMatchObject({ gathered: 0, sent: 0 });
    // A new alert waits for the next tick and lists only itself, with the period since the last digest.
    seedFrAlert(database, config, {
      documentNumber: '2026-24100',
      title: 'Revisions to the Export Administration Regulations',
      agencies: ['industry-and-security-bureau'],
      recipientGroups: ['desk'],
      createdAt: new Date('2026-12-05T09:00:00Z'),
    });
    clock.now = new Date('2026-12-06T07:00:05Z');
    expect(await sendDueDigests(d(), clock.now)).toMatchObject({ gathered: 1, sent: 1 });
    expect(server.messages).toHaveLength(2);
    expect(server.messages[1]!.parsed.subject).toBe(
      '[regwatch] Digest: 1 alert (Industry and Security Bureau)',
    );
    const rows = database
      .prepare('SELECT period_start AS start, period_end AS end, status FROM digests ORDER BY id')
      .all();
    expect(rows).toEqual([
      { start: null, end: '2026-12-04T07:00:00.000Z', status: 'sent' },
      { start: '2026-12-04T07:00:00.000Z', end: '2026-12-06T07:00:00.000Z', status: 'sent' },
    ]);
    // A digest is rebuilt from stored data: the same message again, byte for byte.
    const at = new Date('2026-12-07T00:00:00Z');
    expect(renderDigest(database, config, 1, at)).toEqual(renderDigest(database, config, 1, at));
    expect(renderDigest(database, config, 1, at).text).toContain('Acme Robotics');
    // And what is rebuilt is the mail that was sent: digest 1 at its sending time, as the server got it.
    const sent = server.messages[0]!.parsed;
    const rebuilt = renderDigest(database, config, 1, new Date('2026-12-04T07:00:10Z'));
    expect(rebuilt.subject).toBe(sent.subject);
    expect(rebuilt.text.trim()).toBe((sent.text ?? '').trim());
    expect(rebuilt.html).toBe(sent.html);
    expect(rebuilt.attachments.map((a) => [a.filename, String(a.content)])).toEqual(
      sent.attachments.map((a) => [a.filename, a.content.toString('utf8')]),
    );
  });

  it('an address in two digest groups ticking together gets one digest listing both', async () => {
    const server = await smtp();
    const database = db();
    const config = testConfig({
      recipients: {
        desk: { emails: ['desk@example.com'], mode: 'digest', digest: { cron: '0 7 * * *' } },
        legal: {
          emails: ['desk@example.com', 'law@example.com'],
          mode: 'digest',
          digest: { cron: '0 7 * * *' },
        },
      },
    });
    seedFilingDiff(database, config, {
      cik: '0001234567',
      company: 'Example Corp',
      form: 'S-1/A',
      previousForm: 'S-1',
      fileNumber: '333-280001',
      seq: 1,
      changes: typicalChanges(),
      recipientGroups: ['desk'],
      createdAt: new Date('2026-12-03T10:00:00Z'),
    });
    seedFrAlert(database, config, {
      documentNumber: '2026-24001',
      title: 'Additions to the Entity List',
      agencies: ['industry-and-security-bureau'],
      recipientGroups: ['legal'],
      createdAt: new Date('2026-12-03T11:00:00Z'),
    });
    const clock = { now: new Date('2026-12-04T07:00:10Z') };
    expect(
      await sendDueDigests(deps(database, config, server.url(), clock), clock.now),
    ).toMatchObject({ sent: 2 });
    const byTo = new Map(server.messages.map((m) => [m.envelopeTo[0], m.parsed.subject]));
    expect(byTo.get('desk@example.com')).toBe(
      '[regwatch] Digest: 2 alerts (Example Corp, Industry and Security Bureau)',
    );
    expect(byTo.get('law@example.com')).toBe(
      '[regwatch] Digest: 1 alert (Industry and Security Bureau)',
    );
  });
});
