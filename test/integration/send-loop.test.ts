import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.js';
import { createLogger } from '../../src/log/logger.js';
import { sendDue } from '../../src/notify/send-loop.js';
import type { SenderDeps } from '../../src/notify/sender.js';
import { resolveTransportSettings } from '../../src/config/resolve.js';
import { createTransport } from '../../src/notify/transports/registry.js';
import type { Db } from '../../src/store/open-database.js';
import { captureLogger } from '../helpers/capture-logger.js';
import {
  openTestDb,
  seedFilingDiff,
  testConfig,
  typicalChanges,
} from '../helpers/smtp-outbox-state.js';
import { startSmtpServer, type TestSmtp } from '../helpers/smtp-server.js';
import { useTmpDir } from '../helpers/tmp.js';

const tmp = useTmpDir();
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

function deps(
  database: Db,
  config: Config,
  url: string,
  clock: { now: Date },
  logger = createLogger({ level: 'silent', pretty: false }),
): SenderDeps {
  return {
    db: database,
    config,
    transport: createTransport(
      resolveTransportSettings(config, { REGWATCH_SMTP_URL: url }),
      logger,
    ),
    logger,
    now: () => clock.now,
  };
}

const T0 = new Date('2026-12-04T15:00:00Z');
const minutes = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);
const RECIPIENTS = {
  investors: { emails: ['pm@example.com'], mode: 'immediate' },
  desk: { emails: ['desk@example.com'], mode: 'digest', digest: { cron: '0 7 * * *' } },
  ops: { emails: ['ops@example.com'], mode: 'immediate' },
};
const seed = (database: Db, config: Config, i: number, groups = ['investors'], createdAt = T0) =>
  seedFilingDiff(database, config, {
    cik: `000100000${i}`,
    company: `Company ${i}`,
    form: 'S-1/A',
    previousForm: 'S-1',
    fileNumber: `333-1000${i}`,
    seq: i,
    changes: typicalChanges(),
    recipientGroups: groups,
    createdAt,
  }).alertId;
const status = (database: Db, email: string) =>
  database
    .prepare(
      `SELECT status, attempts, reached_attempts AS reached FROM deliveries WHERE email = ? ORDER BY id LIMIT 1`,
    )
    .get(email) as { status: string; attempts: number; reached: number };

describe('the one send loop: how each failure is classified where it is made', () => {
  it('451 at RCPT is transient: one warn line with the reply as its cause, no stack; retried at its due time and sent', async () => {
    let refuse = true;
    const server = await smtp({
      refuseRcpt: () =>
        refuse ? { code: 451, message: '4.7.1 Greylisted, try again later' } : null,
    });
    const database = db();
    const config = testConfig({ recipients: RECIPIENTS, mail: { operator: ['ops'] } });
    seed(database, config, 1);
    const clock = { now: T0 };
    const cap = captureLogger();
    expect(await sendDue(deps(database, config, server.url(), clock, cap.logger))).toMatchObject({
      sent: 0,
      retrying: 1,
      dead: 0,
      stoppedBy: null,
    });
    expect(status(database, 'pm@example.com')).toEqual({
      status: 'failed',
      attempts: 1,
      reached: 0,
    });
    const warns = cap.at('warn');
    expect(warns).toHaveLength(1);
    expect(warns[0]).toMatchObject({ cause: 'reply', msg: 'alert not sent; will retry' });
    expect(String(warns[0]!.reason)).toMatch(/^451 RCPT TO: /);
    expect(JSON.stringify(cap.lines)).not.toMatch(/"stack"|\n\s+at /);
    refuse = false;
    clock.now = minutes(T0, 5);
    expect(await sendDue(deps(database, config, server.url(), clock))).toMatchObject({
      sent: 1,
      dead: 0,
    });
    expect(server.messages).toHaveLength(1);
  });

  it('550 is permanent: dead at once, the others go through, the operator told once (never retried)', async () => {
    const server = await smtp({
      refuseRcpt: (a) =>
        a === 'pm@example.com' ? { code: 550, message: '5.1.1 No such user' } : null,
    });
    const database = db();
    const config = testConfig({
      recipients: {
        ...RECIPIENTS,
        investors: { emails: ['pm@example.com', 'cfo@example.com'], mode: 'immediate' },
      },
      mail: { operator: ['ops'] },
    });
    seed(database, config, 1);
    const clock = { now: T0 };
    expect(await sendDue(deps(database, config, server.url(), clock))).toMatchObject({
      sent: 2,
      dead: 1,
      retrying: 0,
      defects: 0,
    });
    expect(status(database, 'pm@example.com')).toMatchObject({ status: 'dead', attempts: 1 });
    clock.now = minutes(T0, 600);
    expect(await sendDue(deps(database, config, server.url(), clock))).toMatchObject({
      sent: 0,
      dead: 0,
    });
    expect(server.messages.map((m) => m.envelopeTo[0]).sort()).toEqual([
      'cfo@example.com',
      'ops@example.com',
    ]);
  });

  it('a TypeError thrown while rendering is a defect: dead at once (alert and digest alike), one notice each, the stack logged once at error level', async () => {
    const server = await smtp();
    const database = db();
    const config = testConfig({ recipients: RECIPIENTS, mail: { operator: ['ops'] } });
    const broken = seed(
      database,
      config,
      1,
      ['investors', 'desk'],
      new Date('2026-12-03T10:00:00Z'),
    );
    seed(database, config, 2, ['investors'], new Date('2026-12-03T10:00:00Z'));
    // A stored payload the renderer cannot read: describeAlert reads summary.added of nothing.
    database
      .prepare(`UPDATE alerts SET payload = '{"company":"Company 1"}' WHERE id = ?`)
      .run(broken);
    const clock = { now: new Date('2026-12-04T07:00:10Z') };
    const cap = captureLogger();
    const stats = await sendDue(deps(database, config, server.url(), clock, cap.logger));
    expect(stats).toMatchObject({ defects: 2, dead: 2, retrying: 0, gathered: 1 });
    expect(status(database, 'pm@example.com')).toMatchObject({ status: 'dead', attempts: 1 });
    expect(database.prepare(`SELECT status, attempts FROM digests`).get()).toEqual({
      status: 'dead',
      attempts: 1,
    });
    const errors = cap.at('error');
    expect(errors).toHaveLength(2);
    for (const e of errors)
      expect((e.err as { stack: string; type: string }).stack).toMatch(/TypeError[\s\S]*\n\s+at /);
    expect(
      cap.lines.filter((l) => JSON.stringify(l).includes('TypeError') && l.level < 50),
    ).toEqual([]);
    // The good alert and two notices (the alert's, the digest's) went out; nothing is retried later.
    expect(server.messages.map((m) => m.parsed.subject).sort()).toEqual([
      '[regwatch] Company 2 S-1/A: 3 substantive changes, 5 editorial changes',
      `[regwatch] Undeliverable: alert ${broken} to pm@example.com`,
      '[regwatch] Undeliverable: digest 1 to desk@example.com',
    ]);
    clock.now = new Date('2026-12-09T07:00:10Z');
    expect(await sendDue(deps(database, config, server.url(), clock))).toMatchObject({
      sent: 0,
      dead: 0,
      defects: 0,
    });
  });
});

describe('the pace', () => {
  it('keeps mail.maxPerMinute between messages, also for a backlog', async () => {
    const server = await smtp();
    const database = db();
    const config = testConfig({ recipients: RECIPIENTS, mail: { maxPerMinute: 300 } }); // one every 200 ms
    for (let i = 1; i <= 4; i++) seed(database, config, i);
    // The pace spaces the moments messages are handed to the mail server. Those are read where the
    // loop hands them over (the real SMTP transport, timed on the way in): arrival times at the server
    // add the connection's own jitter, which a loaded machine stretches past any fixed tolerance.
    const d = deps(database, config, server.url(), { now: T0 });
    const starts: number[] = [];
    const send = d.transport.send.bind(d.transport);
    d.transport.send = (message, hooks) => {
      starts.push(Date.now());
      return send(message, hooks);
    };
    expect(await sendDue(d)).toMatchObject({ sent: 4 });
    expect(server.messages).toHaveLength(4);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
    expect(gaps).toHaveLength(3);
    for (const g of gaps) expect(g).toBeGreaterThanOrEqual(199); // timers never fire early; Date.now() is whole milliseconds
  });
});

describe('re-sends are capped without losing anything', () => {
  /** What a sender killed at some point of a send leaves behind. */
  const killedWhileSending = (database: Db, email: string, dataStarted: boolean) =>
    database
      .prepare(
        `UPDATE deliveries SET status = 'sending', attempts = attempts + 1, data_started_at = ? WHERE email = ?`,
      )
      .run(dataStarted ? T0.toISOString() : null, email);

  it('attempts killed before DATA do not count: after three of them the alert is still sent', async () => {
    const server = await smtp();
    const database = db();
    const config = testConfig({ recipients: RECIPIENTS });
    seed(database, config, 1);
    for (let i = 0; i < 3; i++) killedWhileSending(database, 'pm@example.com', false);
    expect(await sendDue(deps(database, config, server.url(), { now: T0 }))).toMatchObject({
      recovered: 1,
      sent: 1,
      dead: 0,
    });
    expect(status(database, 'pm@example.com')).toEqual({ status: 'sent', attempts: 4, reached: 0 });
  });

  it('after two attempts killed once DATA started, the delivery is given up and the operator gets the alert itself', async () => {
    const server = await smtp();
    const database = db();
    const config = testConfig({ recipients: RECIPIENTS, mail: { operator: ['ops'] } });
    const alertId = seed(database, config, 1);
    const clock = { now: T0 };
    // Killed once during DATA and counted at the restart, which re-sent it (a second copy at
    // most) and was killed during DATA again: this start never sends a third copy.
    database
      .prepare(
        `UPDATE deliveries SET reached_attempts = 1, attempts = 1 WHERE email = 'pm@example.com'`,
      )
      .run();
    killedWhileSending(database, 'pm@example.com', true);
    expect(await sendDue(deps(database, config, server.url(), clock))).toMatchObject({
      recovered: 1,
      sent: 1,
      dead: 1,
    });
    expect(status(database, 'pm@example.com')).toMatchObject({ status: 'dead', reached: 2 });
    expect(server.messages.map((m) => m.envelopeTo[0])).toEqual(['ops@example.com']);
    const notice = server.messages[0]!.parsed;
    expect(notice.subject).toBe(`[regwatch] Undeliverable: alert ${alertId} to pm@example.com`);
    expect(notice.text).toContain('forward it to pm@example.com');
    expect(notice.text).toContain('Export controls may limit our sales to customers in China');
  });

  it('a 4xx reply after the data is a definite answer (not delivered): retried, and not counted towards the cap', async () => {
    let drops = 0;
    const server = await smtp({
      beforeReply: (mail) => {
        if (mail.envelopeTo[0] !== 'pm@example.com') return;
        drops++;
        return Promise.reject(Object.assign(new Error('connection lost'), { responseCode: 421 }));
      },
    });
    const database = db();
    const config = testConfig({ recipients: RECIPIENTS, mail: { operator: ['ops'] } });
    seed(database, config, 1);
    const clock = { now: T0 };
    // A 421 after the data is a definite answer (not delivered): it is retried and not counted.
    expect(await sendDue(deps(database, config, server.url(), clock))).toMatchObject({
      retrying: 1,
      dead: 0,
    });
    expect(status(database, 'pm@example.com')).toEqual({
      status: 'failed',
      attempts: 1,
      reached: 0,
    });
    expect(drops).toBe(1);
  });
});
