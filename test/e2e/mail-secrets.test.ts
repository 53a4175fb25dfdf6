import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';
import {
  openTestDb,
  seedFilingDiff,
  testConfig,
  typicalChanges,
} from '../helpers/smtp-outbox-state.js';
import { refusedPort, startSmtpServer, type TestSmtp } from '../helpers/smtp-server.js';
import { useTmpDir } from '../helpers/tmp.js';

const tmp = useTmpDir();
const servers: TestSmtp[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});

// A password with characters that must be URL-encoded, so both spellings are searched for.
const SECRET = 'S3cr3t hunter2/x';
const WRONG = 'Wr0ng-hunter3';
const UA = { REGWATCH_SEC_USER_AGENT: 'Jane Doe jane@example.com' };

interface Run {
  code: number | null;
  out: string;
}

function cli(
  args: string[],
  env: Record<string, string>,
  cwd: string,
  until?: RegExp,
): Promise<Run> {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd,
    env: { ...process.env, REGWATCH_LOG_PRETTY: '0', REGWATCH_CONFIG: '', ...env },
  });
  let out = '';
  const collect = (d: Buffer) => {
    out += d;
    if (until && until.test(out)) child.kill('SIGTERM');
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    }),
  );
}

function expectNoSecret(label: string, text: string): void {
  for (const s of [SECRET, encodeURIComponent(SECRET), 'hunter2', WRONG, 'hunter3'])
    expect(text, `${label} printed "${s}"`).not.toContain(s);
}

describe('REGWATCH_SMTP_URL never leaks its password', () => {
  it('not from the daemon, mail flush, mail test, status or config check, even when the server echoes it back', async () => {
    const dir = tmp();
    const server = await startSmtpServer({
      auth: { user: 'alice', pass: SECRET, echoPassword: true },
      refuseRcpt: (a) => (a === 'gone@example.com' ? { code: 550, message: 'No such user' } : null),
    });
    servers.push(server);
    const right = `smtp://alice:${encodeURIComponent(SECRET)}@127.0.0.1:${server.port}`;
    const wrong = `smtp://alice:${WRONG}@127.0.0.1:${server.port}`;
    const down = `smtp://alice:${encodeURIComponent(SECRET)}@127.0.0.1:${await refusedPort()}`;
    const configFile = join(dir, 'regwatch.yml');
    // The SEC on loopback: nothing real is reached, and the example.com contact is exempt there.
    const local = 'http://127.0.0.1:9';
    writeFileSync(
      configFile,
      `sec: {baseUrl: "${local}", dataUrl: "${local}", eftsUrl: "${local}"}\nfederalRegister: {baseUrl: "${local}/api/v1", notify: [desk]}\ndatabase: {path: ${join(dir, 'regwatch.db')}}\nrecipients:\n  desk: {emails: [pm@example.com, gone@example.com], mode: immediate}\nwatches: []\ntimezone: UTC\n`,
    );
    const cfg = ['--config', configFile];
    const outputs: [string, Run][] = [];

    // The daemon, started with the secret in its environment, then stopped.
    const daemon = await cli(
      [...cfg, 'run'],
      { ...UA, REGWATCH_SMTP_URL: right },
      dir,
      /waiting; press Ctrl-C/,
    );
    expect(daemon.out).toContain('regwatch started');
    outputs.push(['run', daemon]);

    const db = openTestDb(dir);
    seedFilingDiff(
      db,
      testConfig({
        recipients: { desk: { emails: ['pm@example.com', 'gone@example.com'], mode: 'immediate' } },
      }),
      {
        cik: '0001234567',
        company: 'Example Corp',
        form: 'S-1/A',
        previousForm: 'S-1',
        fileNumber: '333-1',
        seq: 1,
        changes: typicalChanges(),
        recipientGroups: ['desk'],
        createdAt: new Date(Date.now() - 60_000),
      },
    );
    db.close();

    // A wrong password: the server's 535 reply repeats it; the sender must not.
    const badLogin = await cli(
      [...cfg, 'mail', 'flush', '--json'],
      { REGWATCH_SMTP_URL: wrong },
      dir,
    );
    expect(badLogin.out).toMatch(/535 Authentication failed for alice with password \[redacted\]/);
    outputs.push(['flush, wrong password', badLogin]);
    outputs.push([
      'flush, server down',
      await cli([...cfg, 'mail', 'flush'], { REGWATCH_SMTP_URL: down }, dir),
    ]);
    outputs.push([
      'mail test, server down',
      await cli([...cfg, 'mail', 'test', 'pm@example.com'], { REGWATCH_SMTP_URL: down }, dir),
    ]);
    outputs.push([
      'mail test, wrong password',
      await cli([...cfg, 'mail', 'test', 'pm@example.com'], { REGWATCH_SMTP_URL: wrong }, dir),
    ]);
    const malformed = await cli(
      [...cfg, 'mail', 'flush'],
      { REGWATCH_SMTP_URL: `${right}?tls=bogus` },
      dir,
    );
    expect(malformed.code).toBe(78);
    expect(malformed.out).toContain('REGWATCH_SMTP_URL: unknown parameter "tls"');
    outputs.push(['malformed URL', malformed]);
    // The retries are due later; a flush with the right password after the backoff is what the daemon will do.
    const dbNow = openTestDb(dir);
    dbNow
      .prepare(
        `UPDATE deliveries SET next_attempt_at = '2000-01-01T00:00:00.000Z' WHERE status = 'failed'`,
      )
      .run();
    dbNow.close();
    const good = await cli([...cfg, 'mail', 'flush', '--json'], { REGWATCH_SMTP_URL: right }, dir);
    expect(good.code, good.out).toBe(0);
    outputs.push(['flush', good]);
    const test = await cli(
      [...cfg, 'mail', 'test', 'pm@example.com'],
      { REGWATCH_SMTP_URL: right },
      dir,
    );
    expect(test.code, test.out).toBe(0);
    expect(test.out).toContain(`smtp://127.0.0.1:${server.port} (loopback, TLS optional)`);
    outputs.push(['mail test', test]);
    const status = await cli([...cfg, 'status', '--json'], { REGWATCH_SMTP_URL: right }, dir);
    outputs.push(['status --json', status]);
    outputs.push(['status', await cli([...cfg, 'status'], { REGWATCH_SMTP_URL: right }, dir)]);
    outputs.push([
      'config check',
      await cli([...cfg, 'config', 'check', '--json'], { ...UA, REGWATCH_SMTP_URL: right }, dir),
    ]);

    // The runs did real work, so the search below covered real errors and real sends.
    // pm: the alert, the operator's notice about gone@ (desk is the first group, so the operator), the test.
    expect(server.messages.map((m) => `${m.envelopeTo[0]} ${m.parsed.subject}`)).toEqual([
      'pm@example.com [regwatch] Example Corp S-1/A: 3 substantive changes, 5 editorial changes',
      'pm@example.com [regwatch] Undeliverable: alert 1 to gone@example.com',
      'pm@example.com [regwatch] Test message',
    ]);
    expect(JSON.parse(status.out).mail).toMatchObject({ dead: 2, pending: 0 });
    expect(JSON.parse(status.out).mail.deadDeliveries[0].lastError).toMatch(/550/);
    for (const [label, r] of outputs) expectNoSecret(label, r.out);
    // Nor in what the store keeps (last_error is shown by status).
    const check = openTestDb(dir);
    expectNoSecret(
      'deliveries.last_error',
      JSON.stringify(check.prepare('SELECT last_error FROM deliveries').all()),
    );
    check.close();
  }, 120_000); // each run of the built CLI takes a second or two to start
});
