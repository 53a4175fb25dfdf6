import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { startSenderService, type SenderService } from '../../src/daemon/sender-service.js';
import { buildMailTask } from '../../src/daemon/tasks.js';
import { createWakeUp } from '../../src/daemon/wake-up.js';
import { alertMessageId } from '../../src/notify/render/message-id.js';
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
import { refusedPort, startSmtpServer } from '../helpers/smtp-server.js';
import { useTmpDir } from '../helpers/tmp.js';

const tmp = useTmpDir();
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const config = testConfig({
  recipients: { investors: { emails: ['pm@example.com', 'cfo@example.com'], mode: 'immediate' } },
  mail: { from: 'regwatch <alerts@regwatch.example>' },
});
const seed = (database: Db, i: number, createdAt = new Date(Date.now() - 60_000)) =>
  seedFilingDiff(database, config, {
    cik: `00010000${String(i).padStart(2, '0')}`,
    company: `Company ${i}`,
    form: 'S-1/A',
    previousForm: 'S-1',
    fileNumber: `333-100${i}`,
    seq: i,
    changes: typicalChanges(),
    recipientGroups: ['investors'],
    createdAt,
  }).alertId;

/** The daemon's sender on a real SQLite file and a real SMTP server, the real clock, a short probe interval. */
function start(
  database: Db,
  url: string,
  probeIntervalMs: number,
): {
  service: SenderService;
  wake: ReturnType<typeof createWakeUp>;
  log: ReturnType<typeof captureLogger>;
} {
  const log = captureLogger();
  const sender: SenderDeps = {
    db: database,
    config,
    transport: createTransport(
      resolveTransportSettings(config, { REGWATCH_SMTP_URL: url }),
      log.logger,
    ),
    logger: log.logger,
    now: () => new Date(),
  };
  const wake = createWakeUp();
  const task = buildMailTask({ sender: () => sender } as unknown as App);
  const service = startSenderService({
    db: database,
    logger: log.logger,
    now: () => new Date(),
    task,
    sender: () => sender,
    wake,
    probeIntervalMs,
  });
  cleanups.push(() => service.stop(5_000));
  return { service, wake, log };
}

const until = async (what: () => boolean, ms: number): Promise<number> => {
  const t0 = Date.now();
  while (!what()) {
    if (Date.now() - t0 > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - t0;
};

describe('the daemon sender', () => {
  it('wakes when an alert is committed, not at the next minute', async () => {
    const server = await startSmtpServer();
    cleanups.push(() => server.close());
    const database = openTestDb(tmp());
    cleanups.push(() => database.close());
    const { wake } = start(database, server.url(), 15_000);
    await new Promise((r) => setTimeout(r, 300)); // the sender has looked, found nothing and sleeps
    seed(database, 1);
    wake.signal();
    const ms = await until(() => server.messages.length === 2, 10_000);
    expect(ms).toBeLessThan(10_000);
    await until(
      () =>
        database
          .prepare(`SELECT count(*) FROM runs WHERE source = 'mail' AND status = 'running'`)
          .pluck()
          .get() === 0,
      5_000,
    );
    expect(
      database
        .prepare(`SELECT status FROM runs WHERE source = 'mail' ORDER BY id DESC LIMIT 1`)
        .pluck()
        .get(),
    ).toBe('ok');
  });

  it('runs a retry at its due time, not at the next minute', async () => {
    const server = await startSmtpServer();
    cleanups.push(() => server.close());
    const database = openTestDb(tmp());
    cleanups.push(() => database.close());
    seed(database, 1);
    // Both deliveries failed before; their retry is due in 1.5 s.
    const due = new Date(Date.now() + 1_500);
    database
      .prepare(`UPDATE deliveries SET status = 'failed', attempts = 1, next_attempt_at = ?`)
      .run(due.toISOString());
    start(database, server.url(), 15_000);
    await until(() => server.messages.length === 2, 15_000);
    const late = Date.now() - due.getTime();
    expect(late).toBeGreaterThanOrEqual(0);
    expect(late).toBeLessThan(10_000); // the idle wake would be 60 s
  });

  it('an outage: probes while the server is down, then sends the whole backlog at once, oldest alert first, each once', async () => {
    const port = await refusedPort();
    const database = openTestDb(tmp());
    cleanups.push(() => database.close());
    const ids = [1, 2, 3, 4, 5].map((i) =>
      seed(database, i, new Date(Date.now() - (10 - i) * 60_000)),
    );
    const { log } = start(database, `smtp://127.0.0.1:${port}`, 300);
    await until(() => log.lines.some((l) => l.msg.startsWith('no mail server answers')), 10_000);
    await new Promise((r) => setTimeout(r, 1_500)); // several probes fail meanwhile
    expect(
      database.prepare(`SELECT count(*) FROM deliveries WHERE status = 'sent'`).pluck().get(),
    ).toBe(0);
    // Backoff put the failed one 5 minutes away; only the probe can bring it back this soon.
    const server = await startSmtpServer({ port });
    cleanups.push(() => server.close());
    const ms = await until(() => server.messages.length === 10, 30_000);
    expect(ms).toBeLessThan(60_000);
    const expected = ids.flatMap((id) =>
      ['pm@example.com', 'cfo@example.com'].map((e) => alertMessageId(id, e, 'regwatch.example')),
    );
    expect(server.messages.map((m) => m.messageId)).toEqual(expected);
    // One line when it began, one when it ended; the failed probes only at debug.
    expect(
      log.lines.filter((l) => l.level >= 30 && /mail server/.test(l.msg)).map((l) => l.msg),
    ).toEqual([
      'no mail server answers; probing it, then sending the backlog at once',
      'the mail server answers again; sending what waited, oldest alert first',
    ]);
    expect(
      log.lines.filter((l) => l.level === 20 && l.msg === 'mail server still not answering').length,
    ).toBeGreaterThanOrEqual(2);
    // Each failed try is one warn line naming its cause; no stack below error level.
    expect(
      log
        .at('warn')
        .filter((l) => 'reason' in l)
        .every((l) => l.cause === 'refused'),
    ).toBe(true);
    expect(
      log.lines.filter((l) => l.level < 50 && ('err' in l || /\n\s+at /.test(JSON.stringify(l)))),
    ).toEqual([]);
  });
});
