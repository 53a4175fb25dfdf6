import { createHmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  buildJsonPayload,
  buildSlackPayload,
  classifyWebhookStatus,
  escapeSlack,
  postWebhook,
  webhookIdempotencyKey,
  type WebhookAlert,
  type WebhookRequest,
} from '../../src/notify/transports/webhook.js';
import { startServer, type LocalServer } from '../helpers/http-server.js';

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ALERT: WebhookAlert = {
  key: 'edgar:diff:0001234567-26-000002',
  kind: 'filing-diff',
  source: 'edgar',
  title: 'Acme <!channel> S-1/A: 1 added & <b>2</b> reworded',
  summary: 'Acme Chips Inc S-1/A compared with S-1: 1 added, 2 reworded.',
  createdAt: '2026-03-11T15:00:00.000Z',
  watches: ['acme'],
  historyUrl: 'https://regwatch.example.com/diff/7',
  sourceUrl: 'https://www.sec.gov/Archives/edgar/data/1234567/000123456726000002/',
  facts: { company: 'Acme Chips Inc', form: 'S-1/A' },
};

/** A receiver that records each POST's headers and exact body, answering per `answer`. */
async function receiver(
  answer: (n: number, res: ServerResponse) => void,
): Promise<{ bodies: string[]; headers: IncomingMessage['headers'][] }> {
  const seen = { bodies: [] as string[], headers: [] as IncomingMessage['headers'][] };
  server = await startServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.bodies.push(Buffer.concat(chunks).toString('utf8'));
      seen.headers.push(req.headers);
      answer(seen.bodies.length, res);
    });
  });
  return seen;
}

const request = (over: Partial<WebhookRequest> = {}): WebhookRequest => ({
  url: `${server!.url}/hook`,
  body: buildJsonPayload(ALERT),
  idempotencyKey: webhookIdempotencyKey(ALERT.key, `${server!.url}/hook`),
  secret: 'shared-secret',
  timeoutMs: 5_000,
  userAgent: 'regwatch/0.1 (ops@example.com)',
  ...over,
});

describe('the webhook transport against a local receiver', () => {
  it('POSTs the JSON payload, signed, with the same Idempotency-Key on a retry after a 503', async () => {
    const seen = await receiver((n, res) => {
      res.writeHead(n === 1 ? 503 : 204, n === 1 ? { 'retry-after': '30' } : {});
      res.end();
    });
    const first = await postWebhook(request());
    expect(first).toEqual({
      result: 'transient',
      status: 503,
      reason: 'HTTP 503',
      retryAfterMs: 30_000,
    });
    expect(await postWebhook(request())).toEqual({ result: 'sent', status: 204 });
    expect(seen.bodies).toHaveLength(2);
    expect(seen.headers[0]!['idempotency-key']).toBe(seen.headers[1]!['idempotency-key']);
    expect(seen.headers[0]!['content-type']).toBe('application/json');
    const expected = `sha256=${createHmac('sha256', 'shared-secret').update(seen.bodies[0]!).digest('hex')}`;
    expect(seen.headers[0]!['x-regwatch-signature']).toBe(expected);
    expect(JSON.parse(seen.bodies[0]!)).toEqual({
      version: 1,
      key: ALERT.key,
      kind: 'filing-diff',
      source: 'edgar',
      title: ALERT.title,
      summary: ALERT.summary,
      createdAt: ALERT.createdAt,
      watches: ['acme'],
      links: { history: ALERT.historyUrl, source: ALERT.sourceUrl },
      facts: ALERT.facts,
    });
  });

  it('sends no signature without a secret', async () => {
    const seen = await receiver((_n, res) => res.writeHead(200).end('ok'));
    expect((await postWebhook(request({ secret: null }))).result).toBe('sent');
    expect(seen.headers[0]!['x-regwatch-signature']).toBeUndefined();
  });

  it.each([
    [200, 'sent'],
    [202, 'sent'],
    [301, 'permanent'],
    [400, 'permanent'],
    [401, 'permanent'],
    [404, 'permanent'],
    [410, 'permanent'],
    [408, 'transient'],
    [429, 'transient'],
    [500, 'transient'],
    [502, 'transient'],
  ])('classifies HTTP %i from a real receiver as %s', async (status, result) => {
    await receiver((_n, res) =>
      res
        .writeHead(status, status === 301 ? { location: 'http://127.0.0.1:1/elsewhere' } : {})
        .end(),
    );
    expect((await postWebhook(request())).result).toBe(result);
    expect(server!.requests).toHaveLength(1); // a redirect is not followed
  });

  it('is transient when the receiver is down or silent, permanent for an unusable URL; never names the URL', async () => {
    await receiver(() => undefined); // reads the body, never answers
    const silent = await postWebhook(request({ timeoutMs: 300 }));
    expect(silent).toEqual({
      result: 'transient',
      status: null,
      reason: 'no answer within 300 ms',
      retryAfterMs: null,
    });
    const toDown = request({ url: `${server!.url}/hooks/T000/SECRET` });
    await server!.close();
    server = undefined;
    const down = await postWebhook(toDown);
    expect(down).toMatchObject({ result: 'transient', status: null });
    expect(JSON.stringify(down)).not.toContain('SECRET');
    expect(
      await postWebhook({
        url: 'not a url',
        body: '{}',
        idempotencyKey: 'k',
        secret: null,
        timeoutMs: 100,
        userAgent: 'x',
      }),
    ).toMatchObject({ result: 'permanent' });
    expect(
      await postWebhook({
        url: 'ftp://127.0.0.1/x',
        body: '{}',
        idempotencyKey: 'k',
        secret: null,
        timeoutMs: 100,
        userAgent: 'x',
      }),
    ).toMatchObject({ result: 'permanent' });
  });
});

describe('webhook payloads and keys (pure)', () => {
  it('builds Slack JSON with stored text unable to mention or link', () => {
    const slack = JSON.parse(
      buildSlackPayload({
        ...ALERT,
        summary: 'see <https://evil.example|here> & <@U123>',
        sourceUrl: 'javascript:alert(1)',
      }),
    );
    expect(slack.text).toBe(
      'Acme &lt;!channel&gt; S-1/A: 1 added &amp; &lt;b&gt;2&lt;/b&gt; reworded',
    );
    const text: string = slack.blocks[0].text.text;
    expect(text).not.toMatch(/<!channel>|<@U123>|<https:\/\/evil/);
    expect(text).toContain('<https://regwatch.example.com/diff/7|History and redline>');
    expect(text).not.toContain('javascript:');
    expect(slack.blocks[0].text.type).toBe('mrkdwn');
  });

  it('keeps one Idempotency-Key per alert and endpoint', () => {
    const a = webhookIdempotencyKey('k1', 'https://a.example/h');
    expect(webhookIdempotencyKey('k1', 'https://a.example/h')).toBe(a);
    expect(webhookIdempotencyKey('k1', 'https://b.example/h')).not.toBe(a);
    expect(webhookIdempotencyKey('k2', 'https://a.example/h')).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{40}$/);
  });

  it.each([
    ['&<>', '&amp;&lt;&gt;'],
    ['plain', 'plain'],
  ])('escapeSlack(%j) = %j', (input, out) => expect(escapeSlack(input)).toBe(out));

  it('reads Retry-After as seconds or as a date', () => {
    const now = new Date('2026-03-11T15:00:00Z');
    expect(classifyWebhookStatus(429, '120', now)).toMatchObject({
      result: 'transient',
      retryAfterMs: 120_000,
    });
    expect(classifyWebhookStatus(503, 'Wed, 11 Mar 2026 15:01:00 GMT', now)).toMatchObject({
      retryAfterMs: 60_000,
    });
    expect(classifyWebhookStatus(503, 'soon', now)).toMatchObject({ retryAfterMs: null });
  });
});
