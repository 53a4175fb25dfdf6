import { parseFeed } from '@rowanmanning/feed-parser';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { Config } from '../../src/config/schema.js';
import { createMetrics } from '../../src/daemon/metrics.js';
import { startHealthServer } from '../../src/daemon/health-server.js';
import { renderDelivery } from '../../src/notify/outbox-render.js';
import { resolveWebOptions } from '../../src/web/options.js';
import { createWebHandler, routeWebRequest, type WebDeps } from '../../src/web/router.js';
import {
  acmeFiling,
  fixture,
  startEdgarPipeline,
  type EdgarPipeline,
} from '../helpers/edgar-pipeline.js';
import { useTmpDir } from '../helpers/tmp.js';

const tmp = useTmpDir();
let pipeline: EdgarPipeline | undefined;
let server: { url: string; close(): Promise<void> } | undefined;
afterEach(async () => {
  await server?.close();
  await pipeline?.close();
  pipeline = server = undefined;
});

const WATCHES = [
  { name: 'acme', cik: '1234567', keywords: ['export control'], notify: ['investors'] },
  { name: 'other', cik: '7654321', notify: ['analysts'] },
];
const CONFIG = Config.parse({
  sec: { userAgent: 'Test Runner test@example.com' },
  recipients: {
    investors: { emails: ['pm@example.com'] },
    analysts: { emails: ['a@example.com'] },
  },
  federalRegister: { notify: ['investors'] },
  watches: WATCHES,
});

/** Acme's S-1 then its S-1/A through the real pipeline (fake EDGAR, real SQLite file), served by the real listener. */
async function servedStore(): Promise<{ base: string; deps: WebDeps }> {
  pipeline = await startEdgarPipeline(tmp(), WATCHES.slice(0, 1), {
    logger: pino({ level: 'silent' }),
  });
  pipeline.edgar.add(acmeFiling());
  await pipeline.poll();
  pipeline.edgar.add(
    acmeFiling({
      form: 'S-1/A',
      accession: '0001234567-26-000002',
      filingDate: '2026-03-11',
      acceptedAt: '2026-03-11T09:30:00-05:00',
      primary: { filename: 'acme-s1a.htm', body: fixture('s1-amendment.htm') },
    }),
  );
  await pipeline.poll();
  const deps: WebDeps = { db: pipeline.app.db, options: resolveWebOptions(CONFIG, {}) };
  server = await startHealthServer({
    listen: '127.0.0.1:0',
    metrics: createMetrics(),
    health: () => ({ ok: true }),
    web: createWebHandler(deps),
  });
  return { base: server.url, deps };
}

describe('the web views on the daemon listener', () => {
  it('serves the feed, narrowed by watch and group, with stable ids and conditional GET', async () => {
    const { base } = await servedStore();
    const res = await fetch(`${base}/feed.atom`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const body = await res.text();
    const feed = parseFeed(body);
    expect(feed.items.map((i) => i.title)).toEqual([
      expect.stringMatching(/^Acme Chips Inc S-1\/A/),
      'Acme Chips Inc filed S-1: 4 risk factors in 2 categories',
    ]);
    expect(feed.items[0]!.url).toMatch(new RegExp(`^${base}/diff/\\d+$`));
    expect(feed.items[0]!.content).toContain('<ins>');
    expect(feed.items[0]!.content).toContain(
      'Export controls imposed by the U.S. Department of Commerce',
    );
    // The S-1/A's entry counts what matters, in the words of its mail's subject.
    const db = pipeline!.app.db;
    const delivery = db
      .prepare(
        `SELECT d.alert_id AS alertId, d.email, d.recipient_group AS recipientGroup FROM deliveries d
         JOIN alerts a ON a.id = d.alert_id WHERE a.kind = 'filing-diff'`,
      )
      .get() as { alertId: number; email: string; recipientGroup: string };
    const { subject } = renderDelivery(db, pipeline!.app.config, delivery, new Date());
    const counts = /^\[regwatch\] Acme Chips Inc S-1\/A: (.+)$/.exec(subject)?.[1];
    expect(counts).toMatch(/^\d+ substantive changes?/);
    expect(feed.items[0]!.description).toMatch(
      /^Acme Chips Inc S-1\/A \(2026-03-11\) compared with S-1 \(2026-03-10\): /,
    );
    expect(feed.items[0]!.description).toContain(`: ${counts} (1 added, `);

    const etag = res.headers.get('etag')!;
    const lastModified = res.headers.get('last-modified')!;
    expect((await fetch(`${base}/feed.atom`, { headers: { 'if-none-match': etag } })).status).toBe(
      304,
    );
    expect(
      (await fetch(`${base}/feed.atom`, { headers: { 'if-modified-since': lastModified } })).status,
    ).toBe(304);
    expect(
      (await fetch(`${base}/feed.atom`, { headers: { 'if-none-match': '"stale"' } })).status,
    ).toBe(200);
    expect(await (await fetch(`${base}/feed.atom`)).text()).toBe(body); // same store, same bytes

    expect(
      parseFeed(await (await fetch(`${base}/feed.atom?watch=acme`)).text()).items,
    ).toHaveLength(2);
    expect(
      parseFeed(await (await fetch(`${base}/feed.atom?group=investors`)).text()).items,
    ).toHaveLength(2);
    const analysts = parseFeed(await (await fetch(`${base}/feed.atom?group=analysts`)).text());
    expect(analysts.items).toHaveLength(0);
    expect((await fetch(`${base}/feed.atom?watch=nobody`)).status).toBe(404);
    expect((await fetch(`${base}/feed.atom?group=constructor`)).status).toBe(404);
  });

  it('shows the index, the watch timeline with the redline one click away, and the redline', async () => {
    const { base } = await servedStore();
    const index = await fetch(`${base}/`);
    expect(index.headers.get('content-security-policy')).toMatch(
      /^default-src 'none'; style-src 'sha256-/,
    );
    const html = await index.text();
    expect(html).toContain('<a href="/watch/acme"><strong>acme</strong></a> · Acme Chips Inc');
    const watch = await (await fetch(`${base}/watch/acme`)).text();
    expect(watch).toContain('Offering 333-280001');
    expect(watch).toContain('first version seen: 4 risk factors');
    const link = /vs S-1 \(2026-03-10\): ([^<]+) · <a href="(\/diff\/\d+)">redline<\/a>/.exec(
      watch,
    );
    expect(link?.[1]).toMatch(/^1 added, .*reworded/);
    const redline = await (await fetch(`${base}${link![2]}`)).text();
    expect(redline).toContain('Acme Chips Inc S-1/A (2026-03-11) vs S-1 (2026-03-10)');
    expect(redline).toMatch(/<ins>Export controls imposed/);
    expect((await fetch(`${base}/watch/nobody`)).status).toBe(404);
    expect((await fetch(`${base}/diff/999999`)).status).toBe(404);
    expect((await fetch(`${base}/watch/%E0%A4%A`)).status).toBe(404);
    expect((await fetch(`${base}/healthz`)).status).toBe(200); // the listener's own routes are untouched
  });

  it('is read-only and answers HEAD without a body', async () => {
    const { base } = await servedStore();
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const r = await fetch(`${base}/feed.atom`, { method });
      expect(r.status, method).toBe(405);
      expect(r.headers.get('allow')).toBe('GET, HEAD');
    }
    const head = await fetch(`${base}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('refuses clients beyond loopback without the token, and a request forwarded by a proxy', async () => {
    const { deps } = await servedStore();
    const token = 'a-long-enough-secret-token';
    const ask = (remoteAddress: string, headers: Record<string, string>, tok: string | null) =>
      routeWebRequest(
        { ...deps, options: { ...deps.options, token: tok } },
        { method: 'GET', url: '/feed.atom', headers, remoteAddress },
      )!.status;
    expect(ask('10.1.2.3', {}, null)).toBe(403);
    expect(ask('10.1.2.3', {}, token)).toBe(401);
    expect(ask('10.1.2.3', { authorization: `Bearer ${token}` }, token)).toBe(200);
    expect(ask('127.0.0.1', { 'x-forwarded-for': '10.1.2.3' }, token)).toBe(401);
    expect(ask('127.0.0.1', {}, null)).toBe(200);
  });

  it('stops the start when the named token variable is unset or short', () => {
    const config = Config.parse({
      ...CONFIG,
      http: { listen: '0.0.0.0:9464', tokenEnv: 'REGWATCH_WEB_TOKEN' },
    });
    expect(() => resolveWebOptions(config, {})).toThrow(
      /REGWATCH_WEB_TOKEN \(named by http.tokenEnv\) is not set/,
    );
    expect(() => resolveWebOptions(config, { REGWATCH_WEB_TOKEN: 'short' })).toThrow(
      /at least 16 characters/,
    );
    expect(
      resolveWebOptions(config, { REGWATCH_WEB_TOKEN: 'a-long-enough-secret-token' }).token,
    ).toBe('a-long-enough-secret-token');
  });
});
