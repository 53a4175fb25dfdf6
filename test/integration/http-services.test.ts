import { afterEach, describe, expect, it } from 'vitest';
import type { ClosableHttpClient } from '../../src/http/client.js';
import {
  HostNotAllowedError,
  NetworkError,
  ServicePausedError,
  UserAgentMissingError,
} from '../../src/http/errors.js';
import { createFederalRegisterHttpClient, createSecHttpClient } from '../../src/http/services.js';
import type { HttpObserver } from '../../src/http/types.js';
import type { Config } from '../../src/config/schema.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { createTestHttpClient } from '../helpers/http-client.js';
import { startServer, type LocalServer } from '../helpers/http-server.js';

const THRESHOLD_PAGE =
  '<html><head><title>SEC.gov | Request Rate Threshold Exceeded</title></head><body></body></html>';
const servers: LocalServer[] = [];
const clients: ClosableHttpClient[] = [];
afterEach(async () => {
  while (clients.length) await clients.pop()!.close();
  while (servers.length) await servers.pop()!.close();
});

async function serve(handler: Parameters<typeof startServer>[0]): Promise<LocalServer> {
  const s = await startServer(handler);
  servers.push(s);
  return s;
}

function secConfig(
  urls: { www: string; data: string; efts: string },
  userAgent?: string,
): Config['sec'] {
  return {
    userAgent,
    baseUrl: urls.www,
    dataUrl: urls.data,
    eftsUrl: urls.efts,
    maxRequestsPerSecond: 10,
  };
}

describe('createSecHttpClient', () => {
  it('serves www, data and efts with one client and refuses other hosts', async () => {
    const seen: string[] = [];
    const mk = (name: string) =>
      serve((req, res) => {
        seen.push(`${name}:${req.headers['user-agent']}`);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      });
    const [www, data, efts] = [await mk('www'), await mk('data'), await mk('efts')];
    const { logger } = captureLogger();
    const client = createSecHttpClient(
      secConfig({ www: www.url, data: data.url, efts: efts.url }, 'Acme Research ops@acme.example'),
      { logger },
    );
    clients.push(client);
    for (const base of [www.url, data.url, efts.url])
      expect((await client.get(`${base}/x`, { expect: 'json' })).status).toBe(200);
    expect(seen).toEqual([
      'www:Acme Research ops@acme.example',
      'data:Acme Research ops@acme.example',
      'efts:Acme Research ops@acme.example',
    ]);
    expect(client.maxRequestsPerSecond).toBe(10);
    await expect(client.get('http://127.0.0.1:1/x')).rejects.toBeInstanceOf(HostNotAllowedError);
  });

  it('without a configured User-Agent refuses before sending', async () => {
    const s = await serve((_req, res) => res.end());
    const { logger } = captureLogger();
    const client = createSecHttpClient(secConfig({ www: s.url, data: s.url, efts: s.url }), {
      logger,
    });
    clients.push(client);
    await expect(client.get(`${s.url}/x`)).rejects.toBeInstanceOf(UserAgentMissingError);
    expect(s.requests).toHaveLength(0);
  });

  it('requests queued behind the threshold page are refused without reaching the server; the observer sees it all', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(403, { 'content-type': 'text/html' });
      res.end(THRESHOLD_PAGE);
    });
    const events: string[] = [];
    const observer: HttpObserver = {
      request: (host, outcome) =>
        events.push(`request ${host === new URL(s.url).host ? 'host' : host} ${outcome}`),
      retry: (host, reason) => events.push(`retry ${host} ${reason}`),
    };
    const { logger, at } = captureLogger();
    const client = createSecHttpClient(
      secConfig({ www: s.url, data: s.url, efts: s.url }, 'Acme Research ops@acme.example'),
      { logger, observer, overrides: { pauseMs: 5_000 } },
    );
    clients.push(client);
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => client.get(`${s.url}/${i}`)),
    );
    expect(
      results.every((r) => r.status === 'rejected' && r.reason instanceof ServicePausedError),
    ).toBe(true);
    expect(s.requests).toHaveLength(1);
    expect(at('error')).toHaveLength(1);
    expect(events).toEqual([
      'request host 403',
      'request host paused',
      'request host paused',
      'request host paused',
      'request host paused',
    ]);
  });
});

describe('createFederalRegisterHttpClient', () => {
  it('talks to the Federal Register base URL at 5 requests per second, no contact required', async () => {
    const s = await serve((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ua: req.headers['user-agent'] }));
    });
    const { logger } = captureLogger();
    const fr: Config['federalRegister'] = {
      baseUrl: `${s.url}/api/v1`,
      agencies: ['commerce-department'],
      types: ['RULE'],
      publicInspection: true,
      keywords: [],
      notify: ['default'],
      maxRequestsPerSecond: 5,
      lookbackDays: 3,
    };
    const client = createFederalRegisterHttpClient(fr, { logger });
    clients.push(client);
    const res = await client.get(`${s.url}/api/v1/documents.json`, { expect: 'json' });
    expect(JSON.parse(res.body.toString())).toEqual({ ua: 'regwatch' });
    expect(client.maxRequestsPerSecond).toBe(5);
  });
});

describe('createTestHttpClient (for tests of sources)', () => {
  it('cannot reach a non-loopback host even when it is allowed', async () => {
    const { client } = createTestHttpClient({
      baseUrls: ['https://www.sec.gov'],
      retries: { attempts: 1 },
    });
    clients.push(client);
    const err = await client
      .get('https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).causeCode).toMatch(/MOCK|NET_CONNECT/i);
  });
});
