import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { STOP_CUT_SHORT_EXIT } from '../../src/daemon/shutdown.js';
import { alertMessageId } from '../../src/notify/render/message-id.js';
import type { Db } from '../../src/store/open-database.js';
import { CLI, ROOT } from '../helpers/cli.js';
import {
  openTestDb,
  seedFilingDiff,
  testConfig,
  typicalChanges,
} from '../helpers/smtp-outbox-state.js';
import { refusedPort, startSmtpServer, type TestSmtp } from '../helpers/smtp-server.js';
import { useTmpDir } from '../helpers/tmp.js';

// Stops, kills and a second signal against the built daemon and a real SMTP server that holds
// its reply to DATA (the sender is mid-send). After each: nothing lost, no message more than
// twice to one recipient, integrity_check ok, no run left running, no delivery left sending.

const tmp = useTmpDir();
const servers: TestSmtp[] = [];
const dbs: Db[] = [];
afterEach(async () => {
  while (dbs.length) dbs.pop()!.close();
  while (servers.length) await servers.pop()!.close();
});

const EMAILS = ['a@example.com', 'b@example.com'];

/** A config whose sources never run (their schedules never fire, their hosts refuse), three alerts queued. */
async function world(): Promise<{ dir: string; file: string; db: Db; expected: string[] }> {
  const dir = tmp();
  const file = join(dir, 'regwatch.yml');
  const dead = `http://127.0.0.1:${await refusedPort()}`;
  writeFileSync(
    file,
    `database: {path: ${join(dir, 'regwatch.db')}}
sec: {baseUrl: "${dead}", dataUrl: "${dead}", eftsUrl: "${dead}"}
federalRegister: {baseUrl: "${dead}/api/v1", notify: [desk]}
schedule: {edgar: "0 0 1 1 *", federalRegister: "0 0 1 1 *"}
mail: {from: "regwatch <alerts@regwatch.example>", operator: [ops]}
recipients:
  desk: {emails: [a@example.com, b@example.com], mode: immediate}
  ops: {emails: [ops@example.com], mode: immediate}
watches: []
timezone: UTC
`,
  );
  const db = openTestDb(dir);
  dbs.push(db);
  const config = testConfig({
    recipients: {
      desk: { emails: EMAILS, mode: 'immediate' },
      ops: { emails: ['ops@example.com'], mode: 'immediate' },
    },
  });
  const ids = [1, 2, 3].map(
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
        createdAt: new Date(Date.now() - 60_000 * (5 - i)),
      }).alertId,
  );
  return {
    dir,
    file,
    db,
    expected: ids.flatMap((id) => EMAILS.map((e) => alertMessageId(id, e, 'regwatch.example'))),
  };
}

/** A server that takes the data of message `index` (0-based, counting every DATA) and holds its reply for `holdMs` (forever: -1). */
async function holdingServer(
  index: number,
  holdMs: number,
): Promise<{ server: TestSmtp; held: Promise<void> }> {
  let heldNow!: () => void;
  const held = new Promise<void>((r) => (heldNow = r));
  const server = await startSmtpServer({
    beforeReply: (_m, i) => {
      if (i !== index) return;
      heldNow();
      return new Promise<void>((r) => (holdMs >= 0 ? setTimeout(r, holdMs) : undefined));
    },
  });
  servers.push(server);
  return { server, held };
}

function start(args: string[], env: Record<string, string>, cwd: string, script?: string) {
  const argv = script ? [script, ...args] : [CLI, ...args];
  const child = spawn(process.execPath, argv, {
    cwd,
    env: {
      ...process.env,
      REGWATCH_LOG_PRETTY: '0',
      REGWATCH_CONFIG: '',
      REGWATCH_SEC_USER_AGENT: 'Jane Doe jane@example.com',
      ...env,
    },
  });
  let output = '';
  let stdout = '';
  child.stdout.on('data', (d) => {
    output += d;
    stdout += d;
  });
  child.stderr.on('data', (d) => (output += d));
  const done = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    output: string;
    stdout: string;
    at: number;
  }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, output, stdout, at: Date.now() })),
  );
  return { child, done };
}

/** The built daemon with a grace of GRACE_MS (the CLI's is 25 s): createApp, the schedules, the sender, signals. */
function daemonScript(dir: string): string {
  const dist = (p: string) => JSON.stringify(pathToFileURL(join(ROOT, 'dist/src', p)).href);
  const file = join(dir, 'daemon.mjs');
  writeFileSync(
    file,
    `import { createApp } from ${dist('app.js')};
import { loadConfig } from ${dist('config/load.js')};
import { resolveConfig } from ${dist('config/resolve.js')};
import { startDaemon } from ${dist('daemon/daemon.js')};
import { buildMailTask, buildTasks } from ${dist('daemon/tasks.js')};
import { createWakeUp } from ${dist('daemon/wake-up.js')};
import { createLogger } from ${dist('log/logger.js')};
const logger = createLogger({ pretty: false, level: 'info' });
const wake = createWakeUp();
const app = createApp(resolveConfig(loadConfig(process.argv[2], process.env), process.env), logger, { alertsCommitted: () => wake.signal() });
await startDaemon({ db: app.db, logger, now: app.now, timezone: 'UTC', graceMs: Number(process.env.GRACE_MS), sender: { task: buildMailTask(app), sender: () => app.sender(), wake }, close: () => app.close() }, buildTasks(app));
`,
  );
  return file;
}

/** Waits for the server to hold a message; fails with the child's output if it exits first. */
async function whenHeld(
  held: Promise<void>,
  run: { done: Promise<{ output: string }> },
): Promise<void> {
  await Promise.race([
    held,
    run.done.then((r) => Promise.reject(new Error(`exited before sending:\n${r.output}`))),
  ]);
}

/** The checks after every stop. */
function afterStop(db: Db): void {
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(db.prepare(`SELECT count(*) FROM runs WHERE status = 'running'`).pluck().get()).toBe(0);
  expect(db.prepare(`SELECT count(*) FROM deliveries WHERE status = 'sending'`).pluck().get()).toBe(
    0,
  );
}

/** Nothing lost, none more than twice: every expected Message-ID accepted, at most 2 copies of any. */
function allDelivered(server: TestSmtp, expected: string[]): Map<string, number> {
  const copies = new Map<string, number>();
  for (const m of server.dataReceived) copies.set(m.messageId, (copies.get(m.messageId) ?? 0) + 1);
  for (const id of expected)
    expect(
      server.messages.some((m) => m.messageId === id),
      id,
    ).toBe(true);
  for (const [id, n] of copies) expect(n, id).toBeLessThanOrEqual(2);
  return copies;
}

const flush = async (file: string, dir: string, url: string) => {
  const r = await start(
    ['--config', file, 'mail', 'flush', '--json'],
    { REGWATCH_SMTP_URL: url },
    dir,
  ).done;
  expect(r.code, r.output).toBe(0);
  return r;
};

describe(
  'stopping the daemon while it sends (built CLI, real SMTP server)',
  { timeout: 60_000 },
  () => {
    it('SIGTERM shorter than the grace: the message in flight is finished, no other is started, exit 0', async () => {
      const { dir, file, db, expected } = await world();
      const { server, held } = await holdingServer(0, 2_000);
      const daemon = start(['--config', file, 'run'], { REGWATCH_SMTP_URL: server.url() }, dir);
      await whenHeld(held, daemon);
      const signalled = Date.now();
      daemon.child.kill('SIGTERM');
      const exit = await daemon.done;
      expect(exit.code, exit.output).toBe(0);
      expect(exit.at - signalled).toBeLessThan(15_000);
      expect(server.dataReceived).toHaveLength(1);
      expect(
        db
          .prepare(`SELECT status, count(*) AS n FROM deliveries GROUP BY status ORDER BY status`)
          .all(),
      ).toEqual([
        { status: 'pending', n: 5 },
        { status: 'sent', n: 1 },
      ]);
      afterStop(db);
      await flush(file, dir, server.url());
      expect([...allDelivered(server, expected).values()].every((n) => n === 1)).toBe(true);
      afterStop(db);
    });

    it('SIGTERM longer than the grace: exit 75, the run recorded as interrupted, the message put back and sent again after restart', async () => {
      const { dir, file, db, expected } = await world();
      const { server, held } = await holdingServer(0, -1);
      const daemon = start(
        [file],
        { REGWATCH_SMTP_URL: server.url(), GRACE_MS: '1500' },
        dir,
        daemonScript(dir),
      );
      await whenHeld(held, daemon);
      const signalled = Date.now();
      daemon.child.kill('SIGTERM');
      const exit = await daemon.done;
      expect(exit.code, exit.output).toBe(STOP_CUT_SHORT_EXIT);
      expect(exit.at - signalled).toBeLessThan(1500 + 2000 + 1000);
      expect(db.prepare(`SELECT status, error FROM runs WHERE source = 'mail'`).all()).toEqual([
        { status: 'failed', error: 'interrupted (process ended during the run)' },
      ]);
      expect(
        db
          .prepare(`SELECT status, reached_attempts AS reached FROM deliveries ORDER BY id LIMIT 1`)
          .get(),
      ).toEqual({ status: 'pending', reached: 1 });
      afterStop(db);
      await servers.pop()!.close();
      const again = await startSmtpServer({ port: server.port });
      servers.push(again);
      await flush(file, dir, again.url());
      allDelivered(again, expected);
      afterStop(db);
    });

    it('a second signal exits at once (143), leaving no run running and no delivery sending', async () => {
      const { dir, file, db } = await world();
      const { server, held } = await holdingServer(0, -1);
      const daemon = start(['--config', file, 'run'], { REGWATCH_SMTP_URL: server.url() }, dir);
      await whenHeld(held, daemon);
      const signalled = Date.now();
      daemon.child.kill('SIGTERM');
      setTimeout(() => daemon.child.kill('SIGTERM'), 300);
      const exit = await daemon.done;
      expect(exit.code, exit.output).toBe(143);
      expect(exit.at - signalled).toBeLessThan(5_000);
      afterStop(db);
      expect(existsSync(join(dir, 'regwatch.db.lock'))).toBe(false);
    });

    it('^C during `run --once` while sending: exit 130 within 10 s, the lock released, the run recorded as interrupted', async () => {
      const { dir, file, db } = await world();
      const { server, held } = await holdingServer(0, -1);
      const once = start(
        ['--config', file, 'run', '--once'],
        { REGWATCH_SMTP_URL: server.url() },
        dir,
      );
      await whenHeld(held, once);
      const signalled = Date.now();
      once.child.kill('SIGINT');
      const exit = await once.done;
      expect(exit.code, exit.output).toBe(130);
      expect(exit.at - signalled).toBeLessThan(10_000);
      expect(existsSync(join(dir, 'regwatch.db.lock'))).toBe(false);
      expect(db.prepare(`SELECT status, error FROM runs WHERE source = 'mail'`).all()).toEqual([
        { status: 'failed', error: 'interrupted (process ended during the run)' },
      ]);
      afterStop(db);
    });

    it('one delivery killed during DATA again and again: sent at most twice, then given up with the alert carried to the operator', async () => {
      const { dir, file, db, expected } = await world();
      // Every DATA for the first message is held forever: each sender is killed mid-send.
      const first = expected[0]!;
      let heldNow: () => void = () => undefined;
      const server = await startSmtpServer({
        beforeReply: (m) => {
          if (m.messageId !== first) return;
          heldNow();
          return new Promise<void>(() => undefined);
        },
      });
      servers.push(server);
      for (let kill = 0; kill < 2; kill++) {
        const held = new Promise<void>((r) => (heldNow = r));
        const run = start(
          ['--config', file, 'mail', 'flush', '--json'],
          { REGWATCH_SMTP_URL: server.url() },
          dir,
        );
        await whenHeld(held, run);
        run.child.kill('SIGKILL');
        expect((await run.done).signal).toBe('SIGKILL');
      }
      const last = await flush(file, dir, server.url());
      expect(JSON.parse(last.stdout).alerts).toMatchObject({ recovered: 1, dead: 1, sent: 6 });
      const copies = allDelivered(server, expected.slice(1));
      expect(copies.get(first)).toBe(2);
      expect(
        db
          .prepare(
            `SELECT status, reached_attempts AS reached FROM deliveries WHERE message_id = ?`,
          )
          .get(first),
      ).toEqual({ status: 'dead', reached: 2 });
      const notice = server.messages.find((m) => m.envelopeTo[0] === 'ops@example.com')!;
      expect(notice.parsed.text).toContain('forward it to a@example.com');
      expect(notice.parsed.text).toContain('Export controls may limit our sales');
      afterStop(db);
    });
  },
);

describe('failures through the built CLI and a real SMTP server', { timeout: 60_000 }, () => {
  it('451, 550 and a TypeError in rendering through the built CLI: retried, dead with a notice, dead at once with one stack', async () => {
    const { dir, file, db } = await world();
    const server = await startSmtpServer({
      refuseRcpt: (a) =>
        a === 'a@example.com'
          ? { code: 451, message: '4.7.1 Try again later' }
          : a === 'b@example.com'
            ? { code: 550, message: '5.1.1 No such user' }
            : null,
    });
    servers.push(server);
    // The third alert's stored facts are unreadable: rendering it throws a TypeError.
    db.prepare(`UPDATE alerts SET payload = '{"company":"Company 3"}' WHERE id = 3`).run();
    const r = await flush(file, dir, server.url());
    const report = JSON.parse(r.stdout) as { alerts: Record<string, number> };
    // a@: 451 twice (alerts 1, 2), b@: 550 twice; alert 3: two defects; the notices (4 dead) go to ops.
    expect(report.alerts).toMatchObject({ retrying: 2, dead: 4, defects: 2, sent: 4 });
    expect(
      db
        .prepare(
          `SELECT status, count(*) AS n FROM deliveries WHERE alert_id <= 3 GROUP BY status ORDER BY status`,
        )
        .all(),
    ).toEqual([
      { status: 'dead', n: 4 },
      { status: 'failed', n: 2 },
    ]);
    const lines = r.output
      .split('\n')
      .filter((l) => l.startsWith('{"'))
      .map(
        (l) =>
          JSON.parse(l) as { level: number; msg: string; err?: { stack?: string }; cause?: string },
      );
    expect(lines.filter((l) => l.level === 50).map((l) => l.err?.stack?.split('\n')[0])).toEqual([
      expect.stringMatching(/^TypeError/),
      expect.stringMatching(/^TypeError/),
    ]);
    expect(lines.filter((l) => l.level < 50 && l.err)).toEqual([]);
    expect(lines.filter((l) => l.level === 40 && l.cause === 'reply')).toHaveLength(4);
    expect(server.messages.map((m) => m.envelopeTo[0])).toEqual([
      'ops@example.com',
      'ops@example.com',
      'ops@example.com',
      'ops@example.com',
    ]);
    afterStop(db);
  });
});
