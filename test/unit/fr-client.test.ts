import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { Config } from '../../src/config/schema.js';

const cfg = (raw: Record<string, unknown>) => parseConfig(raw, null, {});
import { createFrHttpClient, federalRegisterUserAgent } from '../../src/sources/federal-register/client.js';

const logger = pino({ level: 'silent' });

describe('createFrHttpClient', () => {
  it('runs at the configured rate, 5 per second by default', async () => {
    const byDefault = createFrHttpClient(cfg({}), { logger });
    const slower = createFrHttpClient(cfg({ federalRegister: { maxRequestsPerSecond: 2 } }), { logger });
    expect([byDefault.name, byDefault.maxRequestsPerSecond, slower.maxRequestsPerSecond]).toEqual(['federal-register', 5, 2]);
    await Promise.all([byDefault.close(), slower.close()]);
  });

  it('refuses a rate above what the maintainers ask for, in the config check', () => {
    const r = Config.safeParse({ federalRegister: { maxRequestsPerSecond: 8 } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('the Federal Register maintainers ask for at most 5 requests per second');
  });

  it('refuses hosts other than the one of federalRegister.baseUrl, before sending', async () => {
    const client = createFrHttpClient(cfg({ federalRegister: { baseUrl: 'http://127.0.0.1:9/api/v1' } }), { logger });
    await expect(client.get('https://elsewhere.example/api/v1/documents.json')).rejects.toMatchObject({ code: expect.stringMatching(/HOST/) });
    await client.close();
  });

  it('names itself, with the operator contact when one is configured', () => {
    expect(federalRegisterUserAgent(cfg({}))).toBe('regwatch (Federal Register notices)');
    expect(federalRegisterUserAgent(cfg({ sec: { userAgent: 'Example Research ops@example.com' } }))).toBe('regwatch (Federal Register notices; Example Research ops@example.com)');
  });
});
