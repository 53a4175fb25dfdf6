import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { alertMessageId } from '../../src/notify/render/message-id.js';
import { CLI } from '../helpers/cli.js';
import {
  openTestDb,
  seedFilingDiff,
  testConfig,
  typicalChanges,
} from '../helpers/smtp-outbox-state.js';
import { startSmtpServer, type TestSmtp } from '../helpers/smtp-server.js';
import { useTmpDir } from '../helpers/tmp.js';

const tmp = useTmpDir();
const servers: TestSmtp[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});

/** The built CLI as a child process, asynchronously (the SMTP server lives in this process). */
function startCli(args: string[], env: Record<string, string>, cwd: string) {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd,
    env: {
      ...process.env,
      REGWATCH_LOG_PRETTY: '0',
      REGWATCH_CONFIG: '',
      REGWATCH_SEC_USER_AGENT: '',
      ...env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

describe('a sender killed mid-run (SIGKILL) and restarted', () => {
  it('delivers each message exactly once; only the one in flight comes twice, with the same Message-ID', async () => {
    const dir = tmp();
    const recipients = { desk: { emails: ['a@example.com', 'b@example.com'], mode: 'immediate' } };
    const configFile = join(dir, 'regwatch.yml');
    writeFileSync(
      configFile,
      `database: {path: ${join(dir, 'regwatch.db')}}\nmail: {from: "regwatch <alerts@regwatch.example>"}\nrecipients:\n  desk: {emails: [a@example.com, b@example.com], mode: immediate}\nwatches: []\ntimezone: UTC\n`,
    );
    const db = openTestDb(dir);
    const config = testConfig({ recipients });
    const alertIds = [1, 2, 3].map(
      (i) =>
        seedFilingDiff(db, config, {
          cik: `000100000${i}`,
          company: `Company ${i}`,
          form: 'S-1/A',
          previousForm: 'S-1',
          fileNumber: `333-1000${i}`,
          seq: i,
          changes: typicalChanges(),
          recipientGroups: ['desk'],
          createdAt: new Date(Date.now() - 60_000),
        }).alertId,
    );
    const expected = alertIds.flatMap((id) =>
      ['a@example.com', 'b@example.com'].map((e) => alertMessageId(id, e, 'regwatch.example')),
    );

    // The server takes the third message's data, then holds its reply: the sender is mid-send.
    let hold = true;
    let inFlight!: () => void;
    const third = new Promise<void>((resolve) => (inFlight = resolve));
    const server = await startSmtpServer({
      beforeReply: (_mail, index) => {
        if (hold && index === 2) {
          inFlight();
          return new Promise<void>(() => undefined);
        }
      },
    });
    servers.push(server);
    const env = { REGWATCH_SMTP_URL: server.url() };

    const first = startCli(['--config', configFile, 'mail', 'flush', '--json'], env, dir);
    await third;
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');
    const states = db
      .prepare('SELECT status, count(*) AS n FROM deliveries GROUP BY status ORDER BY status')
      .all();
    expect(states).toEqual([
      { status: 'pending', n: 3 },
      { status: 'sending', n: 1 },
      { status: 'sent', n: 2 },
    ]);
    const inFlightId = db
      .prepare(`SELECT message_id FROM deliveries WHERE status = 'sending'`)
      .pluck()
      .get() as string;
    expect(server.dataReceived[2]!.messageId).toBe(inFlightId);

    hold = false;
    const second = await startCli(['--config', configFile, 'mail', 'flush', '--json'], env, dir)
      .done;
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout).alerts).toMatchObject({
      sent: 4,
      recovered: 1,
      dead: 0,
      retrying: 0,
    });
    expect(second.stderr).toContain('re-sending with the same Message-ID');

    // Every message reached the server; the in-flight one twice under one Message-ID, the rest once.
    const counts = new Map<string, number>();
    for (const m of server.dataReceived)
      counts.set(m.messageId, (counts.get(m.messageId) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([...expected].sort());
    for (const id of expected) expect(counts.get(id), id).toBe(id === inFlightId ? 2 : 1);
    // Each was acknowledged exactly once.
    expect(server.messages.map((m) => m.messageId).sort()).toEqual([...expected].sort());
    expect(db.prepare(`SELECT count(*) FROM deliveries WHERE status = 'sent'`).pluck().get()).toBe(
      6,
    );
    expect(
      db.prepare(`SELECT attempts FROM deliveries WHERE message_id = ?`).pluck().get(inFlightId),
    ).toBe(2);

    // A third run finds nothing to do.
    const third2 = await startCli(['--config', configFile, 'mail', 'flush', '--json'], env, dir)
      .done;
    expect(JSON.parse(third2.stdout).alerts).toMatchObject({ sent: 0, recovered: 0 });
    expect(server.dataReceived).toHaveLength(7);
    db.close();
  }, 60_000); // each run of the built CLI takes a second or two to start
});
