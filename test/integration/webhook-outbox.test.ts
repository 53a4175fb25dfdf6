import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app.js';
import type { Config } from '../../src/config/schema.js';
import { ConfigError } from '../../src/errors.js';
import { createLogger } from '../../src/log/logger.js';
import { sendDue } from '../../src/notify/send-loop.js';
import type { SenderDeps } from '../../src/notify/sender.js';
import { resolveConfig, resolveTransportSettings } from '../../src/config/resolve.js';
import { createTransport } from '../../src/notify/transports/registry.js';
import { webhookIdempotencyKey } from '../../src/notify/transports/webhook.js';
import type { Db } from '../../src/store/open-database.js';
import { acmeFiling, startEdgarPipeline, type EdgarPipeline } from '../helpers/edgar-pipeline.js';
import {
  openTestDb,
  seedFilingDiff,
  testConfig,
  typicalChanges,
  type ChangeSeed,
} from '../helpers/smtp-outbox-state.js';
import { useTmpDir } from '../helpers/tmp.js';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';

// Webhooks through the real outbox: alerts queued by the EDGAR pipeline (or seeded in its
// shape), the one send loop, the webhook transport, a real node:http receiver.

const tmp = useTmpDir();
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  while (cleanups.length) await cleanups.pop()!();
});

async function receiver(
  options: Parameters<typeof startWebhookReceiver>[0] = {},
): Promise<WebhookReceiver> {
  const r = await startWebhookReceiver(options);
  cleanups.push(() => r.close());
  return r;
}

const silent = () => createLogger({ level: 'silent', pretty: false });
const T0 = new Date('2026-12-04T15:00:00Z');
const minutes = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);

function seeded(config: Config, dir: string): { db: Db; alertId: number } {
  const db = openTestDb(dir);
  cleanups.push(() => db.close());
  const alertId = seedFilingDiff(db, config, {
    ...{
      cik: '0001000001',
      company: 'Company 1',
      form: 'S-1/A',
      previousForm: 'S-1',
      fileNumber: '333-10001',
      seq: 1,
    },
    ...{ changes: typicalChanges(), recipientGroups: ['hooks'], createdAt: T0 },
  }).alertId;
  return { db, alertId };
}

const deps = (db: Db, config: Config, clock: { now: Date }): SenderDeps => ({
  db,
  config,
  transport: createTransport(resolveTransportSettings(config, {}), silent()),
  logger: silent(),
  now: () => clock.now,
});

const rows = (db: Db) =>
  db
    .prepare(
      `SELECT channel, email, status, attempts, reached_attempts AS reached, message_id AS key, last_error AS error FROM deliveries ORDER BY id`,
    )
    .all() as {
    channel: string;
    email: string;
    status: string;
    attempts: number;
    reached: number;
    key: string;
    error: string | null;
  }[];

describe('webhooks through the outbox', () => {
  let pipeline: EdgarPipeline | undefined;
  afterEach(async () => {
    await pipeline?.close();
    pipeline = undefined;
  });

  it('the EDGAR pipeline queues one delivery per endpoint beside the mail; each endpoint gets the alert once, signed, with its key', async () => {
    const hooks = await receiver();
    vi.stubEnv('TEAM_HOOK_URL', `${hooks.url}/json`);
    vi.stubEnv('TEAM_HOOK_SECRET', 's3cret');
    const dir = tmp();
    const recipients = {
      investors: {
        emails: ['pm@example.com'],
        webhooks: [
          { urlEnv: 'TEAM_HOOK_URL', secretEnv: 'TEAM_HOOK_SECRET' },
          { url: `${hooks.url}/slack`, format: 'slack' },
        ],
      },
    };
    const config = {
      recipients,
      mail: { outboxDir: join(dir, 'outbox') },
      http: { publicUrl: 'https://regwatch.example.com/' },
    };
    pipeline = await startEdgarPipeline(
      dir,
      [{ name: 'acme', cik: '1234567', notify: ['investors'] }],
      { logger: pino({ level: 'silent' }), config },
    );
    pipeline.edgar.add(acmeFiling());
    expect((await pipeline.poll()).stats).toMatchObject({ alertsQueued: 1 });
    const db = pipeline.app.db;
    // Queued with the alert, in its transaction: one mail row, one row per endpoint (the secret URL never stored).
    expect(rows(db).map((r) => [r.channel, r.email, r.status])).toEqual([
      ['mail', 'pm@example.com', 'pending'],
      ['webhook', '$TEAM_HOOK_URL', 'pending'],
      ['webhook', `${hooks.url}/slack`, 'pending'],
    ]);

    expect(await sendDue(pipeline.app.sender())).toMatchObject({ sent: 3, retrying: 0, dead: 0 });
    expect(await sendDue(pipeline.app.sender())).toMatchObject({ sent: 0 });
    expect(readdirSync(join(dir, 'outbox'))).toHaveLength(1);
    expect(hooks.received.map((h) => h.path).sort()).toEqual(['/json', '/slack']);

    const key = db.prepare('SELECT dedupe_key FROM alerts').pluck().get() as string;
    const json = hooks.received.find((h) => h.path === '/json')!;
    expect(json.headers['content-type']).toBe('application/json');
    expect(json.headers['idempotency-key']).toBe(webhookIdempotencyKey(key, '$TEAM_HOOK_URL'));
    const hmac = createHmac('sha256', 's3cret').update(json.body, 'utf8').digest('hex');
    expect(json.headers['x-regwatch-signature']).toBe(`sha256=${hmac}`);
    const payload = JSON.parse(json.body);
    expect(payload).toMatchObject({
      version: 1,
      key,
      kind: 'filing-new',
      source: 'edgar',
      title: 'Acme Chips Inc filed S-1: 4 risk factors in 2 categories',
      watches: ['acme'],
      links: {
        history: 'https://regwatch.example.com/watch/acme',
        source: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/Archives\//),
      },
      facts: { cik: '0001234567', form: 'S-1', riskFactorCount: 4 },
    });
    expect(payload.summary).toMatch(/first version seen, 4 risk factors/);

    const slack = hooks.received.find((h) => h.path === '/slack')!;
    expect(slack.headers['x-regwatch-signature']).toBeUndefined();
    expect(slack.headers['idempotency-key']).toBe(webhookIdempotencyKey(key, `${hooks.url}/slack`));
    expect(JSON.parse(slack.body)).toMatchObject({
      text: 'Acme Chips Inc filed S-1: 4 risk factors in 2 categories',
      blocks: [{ type: 'section' }],
    });
    expect(JSON.parse(slack.body).blocks[0].text.text).toContain(
      '<https://regwatch.example.com/watch/acme|History and redline>',
    );
    expect(rows(db).every((r) => r.status === 'sent')).toBe(true);
  });

  it('without http.publicUrl the json payload has no history link', async () => {
    const hooks = await receiver();
    const dir = tmp();
    const config = testConfig({
      recipients: { hooks: { webhooks: [{ url: hooks.url }] } },
      mail: { outboxDir: join(dir, 'outbox') },
    });
    const { db } = seeded(config, dir);
    expect(await sendDue(deps(db, config, { now: T0 }))).toMatchObject({ sent: 1 });
    expect(JSON.parse(hooks.received[0]!.body).links.history).toBeNull();
  });

  it("a diff alert's summary counts what matters, as its mail's subject does", async () => {
    const hooks = await receiver();
    const dir = tmp();
    const recipients = {
      hooks: { emails: ['pm@example.com'], webhooks: [{ url: `${hooks.url}/in` }] },
    };
    const config = testConfig({ recipients, mail: { outboxDir: join(dir, 'outbox') } });
    const db = openTestDb(dir);
    cleanups.push(() => db.close());
    // A new risk factor (substantive) and a factor whose two figures were rolled forward.
    const figures: ChangeSeed = {
      kind: 'modified',
      heading: 'We depend on a limited number of suppliers',
      redline: [
        { op: 'equal', text: 'In fiscal 2025 our revenue was' },
        { op: 'delete', text: '$1.2 billion' },
        { op: 'insert', text: '$1.5 billion' },
        { op: 'equal', text: 'and we had' },
        { op: 'delete', text: '1,200' },
        { op: 'insert', text: '1,450' },
        { op: 'equal', text: 'employees.' },
      ],
    };
    seedFilingDiff(db, config, {
      ...{ cik: '0001000001', company: 'Company 1', form: 'S-1/A', previousForm: 'S-1' },
      ...{ fileNumber: '333-10001', seq: 1, changes: [typicalChanges()[0]!, figures] },
      ...{ recipientGroups: ['hooks'], createdAt: T0 },
    });
    expect(await sendDue(deps(db, config, { now: T0 }))).toMatchObject({ sent: 2 });
    const [eml] = readdirSync(join(dir, 'outbox'));
    const { subject } = await simpleParser(readFileSync(join(dir, 'outbox', eml!)));
    expect(subject).toBe('[regwatch] Company 1 S-1/A: 1 substantive change, 2 figures updated');
    const payload = JSON.parse(hooks.received[0]!.body);
    expect(payload.summary).toBe(
      'Company 1 S-1/A (2026-12-01) compared with S-1 (2026-11-02): 1 substantive change, 2 figures updated (1 added, 1 reworded; similarity 0.910).',
    );
  });

  it('a 503 then a 200: retried at its due time with the same Idempotency-Key, sent once', async () => {
    const hooks = await receiver({ answer: (_h, i) => (i === 0 ? 503 : 200) });
    const dir = tmp();
    const config = testConfig({
      recipients: { hooks: { webhooks: [{ url: `${hooks.url}/in`, format: 'json' }] } },
      mail: { outboxDir: join(dir, 'outbox') },
    });
    const { db } = seeded(config, dir);
    const clock = { now: T0 };
    expect(await sendDue(deps(db, config, clock))).toMatchObject({
      sent: 0,
      retrying: 1,
      dead: 0,
      stoppedBy: null,
    });
    expect(rows(db)[0]).toMatchObject({
      status: 'failed',
      attempts: 1,
      reached: 0,
      error: 'HTTP 503',
    });
    clock.now = minutes(T0, 1);
    expect(await sendDue(deps(db, config, clock))).toMatchObject({ sent: 0, retrying: 0 }); // not due yet
    clock.now = minutes(T0, 5);
    expect(await sendDue(deps(db, config, clock))).toMatchObject({ sent: 1, retrying: 0 });
    expect(hooks.received).toHaveLength(2);
    expect([...hooks.byKey().entries()]).toEqual([[rows(db)[0]!.key, 2]]);
    expect(rows(db)[0]).toMatchObject({ status: 'sent', attempts: 2, reached: 0 });
  });

  it('a 410 is dead at once, never retried; the operator is told once by mail', async () => {
    const hooks = await receiver({ answer: () => 410 });
    const dir = tmp();
    const recipients = {
      hooks: { webhooks: [{ url: `${hooks.url}/gone` }] },
      ops: { emails: ['ops@example.com'] },
    };
    const config = testConfig({
      recipients,
      mail: { operator: ['ops'], outboxDir: join(dir, 'outbox') },
    });
    const { db } = seeded(config, dir);
    const clock = { now: T0 };
    expect(await sendDue(deps(db, config, clock))).toMatchObject({ sent: 1, dead: 1, retrying: 0 });
    expect(rows(db)[0]).toMatchObject({
      channel: 'webhook',
      status: 'dead',
      attempts: 1,
      error: 'HTTP 410',
    });
    const notice = db
      .prepare(`SELECT title, payload FROM alerts WHERE kind = 'operator'`)
      .all() as { title: string; payload: string }[];
    expect(notice).toHaveLength(1);
    expect(notice[0]!.title).toBe(`Undeliverable: alert 1 to ${hooks.url}/gone`);
    expect(JSON.parse(notice[0]!.payload).message).toContain('HTTP 410');
    expect(rows(db)[1]).toMatchObject({
      channel: 'mail',
      email: 'ops@example.com',
      status: 'sent',
    });
    clock.now = minutes(T0, 600);
    expect(await sendDue(deps(db, config, clock))).toMatchObject({ sent: 0, dead: 0 });
    expect(hooks.received).toHaveLength(1);
  });

  it('a POST answered by a dropped connection may have reached the receiver: sent again once with its key, then given up to the operator', async () => {
    const hooks = await receiver({ answer: () => 'drop' });
    const dir = tmp();
    const recipients = {
      hooks: { webhooks: [{ url: `${hooks.url}/in` }] },
      ops: { emails: ['ops@example.com'] },
    };
    const config = testConfig({
      recipients,
      mail: { operator: ['ops'], outboxDir: join(dir, 'outbox') },
    });
    const { db } = seeded(config, dir);
    const clock = { now: T0 };
    expect(await sendDue(deps(db, config, clock))).toMatchObject({ sent: 0, retrying: 1, dead: 0 });
    expect(rows(db)[0]).toMatchObject({ status: 'failed', attempts: 1, reached: 1 });
    clock.now = minutes(T0, 5);
    expect(await sendDue(deps(db, config, clock))).toMatchObject({ sent: 1, retrying: 0, dead: 1 });
    expect(rows(db)[0]).toMatchObject({ status: 'dead', attempts: 2, reached: 2 });
    clock.now = minutes(T0, 600);
    expect(await sendDue(deps(db, config, clock))).toMatchObject({ sent: 0, dead: 0 });
    // Two posts, one key: never a third copy; the operator's message carries the alert to pass on.
    expect([...hooks.byKey().values()]).toEqual([2]);
    const notice = JSON.parse(
      db.prepare(`SELECT payload FROM alerts WHERE kind = 'operator'`).pluck().get() as string,
    );
    expect(notice.message).toContain(`forward it to ${hooks.url}/in`);
    expect(notice.message).toContain('"title":"Company 1 S-1/A');
  });

  it('a receiver that is down (connection refused) is retried; mail to others goes on in the same pass', async () => {
    const hooks = await receiver();
    const url = hooks.url;
    await hooks.close();
    const dir = tmp();
    const recipients = { hooks: { emails: ['pm@example.com'], webhooks: [{ url }] } };
    const config = testConfig({ recipients, mail: { outboxDir: join(dir, 'outbox') } });
    const { db } = seeded(config, dir);
    expect(await sendDue(deps(db, config, { now: T0 }))).toMatchObject({
      sent: 1,
      retrying: 1,
      stoppedBy: null,
    });
    expect(rows(db).find((r) => r.channel === 'webhook')).toMatchObject({
      status: 'failed',
      reached: 0,
      error: 'ECONNREFUSED',
    });
  });
});

describe('webhook variables are checked at start-up', () => {
  it('an unset urlEnv or secretEnv is a configuration error naming the key path and the variable', () => {
    const dir = tmp();
    const config = testConfig({
      recipients: {
        team: {
          webhooks: [
            { urlEnv: 'REGWATCH_TEST_UNSET_URL' },
            { url: 'https://hooks.example.com/x', secretEnv: 'REGWATCH_TEST_UNSET_SECRET' },
          ],
        },
      },
      database: { path: join(dir, 'regwatch.db') },
    });
    let error: unknown;
    try {
      createApp(resolveConfig({ config, file: null }, process.env), silent()).close();
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'recipients.team.webhooks[0].urlEnv: the environment variable REGWATCH_TEST_UNSET_URL is not set',
      'recipients.team.webhooks[1].secretEnv: the environment variable REGWATCH_TEST_UNSET_SECRET is not set',
    ]);
    expect(readdirSync(dir)).toEqual([]); // refused before the store was opened
  });
});
