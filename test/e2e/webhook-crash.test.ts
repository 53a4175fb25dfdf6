import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { webhookIdempotencyKey } from '../../src/notify/transports/webhook.js';
import type { Db } from '../../src/store/open-database.js';
import { CLI } from '../helpers/cli.js';
import {
  openTestDb,
  seedFilingDiff,
  testConfig,
  typicalChanges,
} from '../helpers/smtp-outbox-state.js';
import { refusedPort } from '../helpers/smtp-server.js';
import { useTmpDir } from '../helpers/tmp.js';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';

// The built daemon killed (SIGKILL) while a webhook POST is in flight, then restarted: every
// alert reaches the receiver, the one in flight at most twice and with the same
// Idempotency-Key (so the receiver can drop the repeat), nothing lost, nothing left sending.

const tmp = useTmpDir();
const receivers: WebhookReceiver[] = [];
const dbs: Db[] = [];
afterEach(async () => {
  while (dbs.length) dbs.pop()!.close();
  while (receivers.length) await receivers.pop()!.close();
});

function start(args: string[], env: Record<string, string>, cwd: string) {
  const child = spawn(process.execPath, [CLI, ...args], {
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
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>(
    (resolve) => child.on('close', (code, signal) => resolve({ code, signal, output })),
  );
  return { child, done };
}

/** Sources that never run (their schedules never fire, their hosts refuse); `desk` has a webhook. */
async function world(
  hookUrl: string,
  webhook = `{url: "${hookUrl}", secretEnv: HOOK_SECRET}`,
): Promise<{ dir: string; file: string; db: Db; keys: string[] }> {
  const dir = tmp();
  const file = join(dir, 'regwatch.yml');
  const dead = `http://127.0.0.1:${await refusedPort()}`;
  writeFileSync(
    file,
    `database: {path: ${join(dir, 'regwatch.db')}}
sec: {baseUrl: "${dead}", dataUrl: "${dead}", eftsUrl: "${dead}"}
federalRegister: {baseUrl: "${dead}/api/v1", notify: [desk]}
schedule: {edgar: "0 0 1 1 *", federalRegister: "0 0 1 1 *"}
mail: {from: "regwatch <alerts@regwatch.example>", outboxDir: ${join(dir, 'outbox')}, operator: [ops]}
recipients:
  desk:
    emails: [a@example.com]
    webhooks: [${webhook}]
  ops: {emails: [ops@example.com]}
watches: []
timezone: UTC
`,
  );
  const db = openTestDb(dir);
  dbs.push(db);
  const config = testConfig({
    recipients: {
      desk: { emails: ['a@example.com'], webhooks: [{ url: hookUrl }] },
      ops: { emails: ['ops@example.com'] },
    },
  });
  const keys = [1, 2, 3].map((i) => {
    const seed = {
      cik: `000100000${i}`,
      company: `Company ${i}`,
      form: 'S-1/A',
      previousForm: 'S-1',
      fileNumber: `333-1000${i}`,
      seq: i,
    };
    const { alertId } = seedFilingDiff(db, config, {
      ...seed,
      changes: typicalChanges(),
      recipientGroups: ['desk'],
      createdAt: new Date(Date.now() - 60_000 * (5 - i)),
    });
    return webhookIdempotencyKey(
      db.prepare('SELECT dedupe_key FROM alerts WHERE id = ?').pluck().get(alertId) as string,
      hookUrl,
    );
  });
  return { dir, file, db, keys };
}

async function until(
  check: () => boolean,
  run: { done: Promise<{ output: string }> },
  what: string,
): Promise<void> {
  let exited: string | null = null;
  void run.done.then((r) => (exited = r.output));
  for (let i = 0; i < 600; i++) {
    if (check()) return;
    if (exited !== null) throw new Error(`exited before ${what}:\n${exited}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe(
  'the daemon killed during a webhook delivery (built CLI, real HTTP receiver)',
  { timeout: 120_000 },
  () => {
    it('restarted, it posts the one in flight once more with the same Idempotency-Key; nothing lost', async () => {
      let held = false;
      const first = await startWebhookReceiver({
        answer: (_h, i) => (i === 0 ? 'hold' : 200),
        onHold: () => (held = true),
      });
      receivers.push(first);
      const hookUrl = `${first.url}/hook`;
      const { dir, file, db, keys } = await world(hookUrl);
      const env = { HOOK_SECRET: 'shared-secret' };

      const daemon = start(['--config', file, 'run'], env, dir);
      await until(() => held, daemon, 'the first webhook was posted');
      daemon.child.kill('SIGKILL');
      expect((await daemon.done).signal).toBe('SIGKILL');
      const inFlight = db
        .prepare(
          `SELECT status, data_started_at IS NOT NULL AS started FROM deliveries WHERE channel = 'webhook' ORDER BY id LIMIT 1`,
        )
        .get();
      expect(inFlight).toEqual({ status: 'sending', started: 1 });
      const firstKey = String(first.received[0]!.headers['idempotency-key']);
      expect(firstKey).toBe(keys[0]);

      await receivers.pop()!.close();
      const second = await startWebhookReceiver({ port: first.port });
      receivers.push(second);
      const again = start(['--config', file, 'run'], env, dir);
      const settled = () =>
        db
          .prepare(`SELECT count(*) FROM deliveries WHERE status NOT IN ('sent', 'dead')`)
          .pluck()
          .get() === 0;
      await until(settled, again, 'every delivery was settled');
      again.child.kill('SIGTERM');
      const exit = await again.done;
      expect(exit.code, exit.output).toBe(0);

      // Nothing lost: every alert's key reached the receiver; none more than twice; the repeat is the one in flight.
      const seen = new Map<string, number>();
      for (const h of [...first.received, ...second.received])
        seen.set(
          String(h.headers['idempotency-key']),
          (seen.get(String(h.headers['idempotency-key'])) ?? 0) + 1,
        );
      expect(Object.fromEntries(seen)).toEqual({ [keys[0]!]: 2, [keys[1]!]: 1, [keys[2]!]: 1 });
      for (const h of second.received)
        expect(h.headers['x-regwatch-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
      expect(second.received[0]!.body).toBe(first.received[0]!.body);
      expect(
        db
          .prepare(
            `SELECT channel, status, count(*) AS n, max(reached_attempts) AS reached FROM deliveries GROUP BY channel, status ORDER BY channel`,
          )
          .all(),
      ).toEqual([
        { channel: 'mail', status: 'sent', n: 3, reached: 0 },
        { channel: 'webhook', status: 'sent', n: 3, reached: 1 },
      ]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    });

    it('an unset urlEnv stops the daemon at start-up with exit 78, naming the variable and the key', async () => {
      const { dir, file } = await world(
        'http://127.0.0.1:9/hook',
        '{urlEnv: REGWATCH_TEST_TEAM_HOOK}',
      );
      const r = await start(['--config', file, 'run'], {}, dir).done;
      expect(r.code, r.output).toBe(78);
      expect(r.output).toContain(
        'recipients.desk.webhooks[0].urlEnv: the environment variable REGWATCH_TEST_TEAM_HOOK is not set',
      );
    });
  },
);
