import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { Config } from '../../src/config/schema.js';

const cfg = (raw: Record<string, unknown>) => parseConfig(raw, null, {});
import {
  createFrHttpClient,
  federalRegisterUserAgent,
} from '../../src/sources/federal-register/client.js';
import { startServer } from '../helpers/http-server.js';

const logger = pino({ level: 'silent' });

describe('createFrHttpClient', () => {
  it('runs at the configured rate, 5 per second by default, naming itself on every request', async () => {
    // A virtual clock (time passes only in the limiter's sleeps) and a real local server: the spacing of
    // the requests the server receives is the rate, with no wall-clock timing in the test.
    let t = 0;
    const arrivals: number[] = [];
    const server = await startServer((_req, res) => {
      arrivals.push(t);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    const spacing = async (raw: Record<string, unknown>): Promise<number[]> => {
      arrivals.length = 0;
      const config = cfg({
        ...raw,
        federalRegister: { ...(raw.federalRegister as object), baseUrl: `${server.url}/api/v1` },
      });
      const overrides = { now: () => t, sleep: async (ms: number) => void (t += ms) };
      const client = createFrHttpClient(config, { logger, overrides });
      for (let i = 0; i < 11; i++)
        await client.get(`${server.url}/api/v1/documents.json?page=${i}`);
      await client.close();
      // Gaps rounded to the millisecond: the limiter spaces starts 1.1 x the nominal interval apart (its guard).
      return arrivals.slice(1).map((at, i) => Math.round(at - arrivals[i]!));
    };
    try {
      expect(await spacing({})).toEqual(Array(10).fill(220)); // 5/s, all eleven requests arrived
      expect(await spacing({ federalRegister: { maxRequestsPerSecond: 2 } })).toEqual(
        Array(10).fill(550),
      ); // 2/s
      expect(server.requests.map((r) => r.headers['user-agent'])).toEqual(
        Array(22).fill('regwatch (Federal Register notices)'),
      );
    } finally {
      await server.close();
    }
  });

  it('refuses a rate above what the maintainers ask for, in the config check', () => {
    const r = Config.safeParse({ federalRegister: { maxRequestsPerSecond: 8 } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe(
      'the Federal Register maintainers ask for at most 5 requests per second',
    );
  });

  it('refuses hosts other than the one of federalRegister.baseUrl, before sending', async () => {
    // Two real servers on loopback: the configured one, and another that would answer if asked.
    const home = await startServer((req, res) => {
      if (req.url?.startsWith('/away')) res.writeHead(302, { location: `${other.url}/api/v1/x` });
      else res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
    const other = await startServer((_req, res) => res.writeHead(200).end('{}'));
    const client = createFrHttpClient(cfg({ federalRegister: { baseUrl: `${home.url}/api/v1` } }), {
      logger,
    });
    try {
      expect((await client.get(`${home.url}/api/v1/documents.json`)).status).toBe(200);
      const refusal = {
        code: 'HTTP_HOST_NOT_ALLOWED',
        url: `${other.url}/api/v1/documents.json`,
        allowed: [home.url],
      };
      await expect(client.get(`${other.url}/api/v1/documents.json`)).rejects.toMatchObject(refusal);
      // A redirect off the host is refused the same way.
      await expect(client.get(`${home.url}/away`)).rejects.toMatchObject({
        code: 'HTTP_HOST_NOT_ALLOWED',
        url: `${other.url}/api/v1/x`,
      });
      expect(other.requests).toEqual([]);
      expect(home.requests.map((r) => r.url)).toEqual(['/api/v1/documents.json', '/away']);
    } finally {
      await client.close();
      await Promise.all([home.close(), other.close()]);
    }
  });

  it('names itself, with the operator contact when one is configured', () => {
    expect(federalRegisterUserAgent(cfg({}))).toBe('regwatch (Federal Register notices)');
    expect(
      federalRegisterUserAgent(cfg({ sec: { userAgent: 'Example Research ops@example.com' } })),
    ).toBe('regwatch (Federal Register notices; Example Research ops@example.com)');
  });
});
