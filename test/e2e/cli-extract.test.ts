import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli } from '../helpers/cli.js';
import { startServer, type LocalServer } from '../helpers/http-server.js';

const fixturePath = (name: string) =>
  fileURLToPath(new URL(`../fixtures/extract/${name}`, import.meta.url));

/** The async spawn, for tests where the parent serves HTTP to the child. */
function runCliAsync(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('regwatch extract', () => {
  it('prints the JSON contract', () => {
    const r = runCli(['extract', fixturePath('summary-list.htm'), '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual([
      'form',
      'found',
      'reason',
      'section',
      'categories',
      'riskFactors',
      'preamble',
      'summary',
      'categoryIntros',
      'warnings',
      'confidence',
    ]);
    expect(out.confidence).toEqual({ level: 'high', reasons: [] });
    expect(out).toMatchObject({
      preamble: expect.stringMatching(
        /^Investing in our common stock involves a high degree of risk\./,
      ),
      summary: null,
      categoryIntros: [],
    });
    expect(out).toMatchObject({
      form: 'S-1',
      found: true,
      reason: null,
      section: {
        heading: 'RISK FACTORS',
        firstWords: 'Investing in our common stock involves a high degree of risk. Before',
      },
    });
    expect(Object.keys(out.riskFactors[0])).toEqual([
      'id',
      'category',
      'heading',
      'text',
      'wordCount',
    ]);
    expect(out.riskFactors).toHaveLength(3);
  });

  it('says in the JSON when it is unsure, and why', () => {
    const out = JSON.parse(
      runCli(['extract', fixturePath('confidence-unnumbered-next-item.htm'), '--json']).stdout,
    );
    expect(out.confidence.level).toBe('low');
    expect(out.confidence.reasons.map((r: { code: string }) => r.code)).toEqual([
      'not-next-in-contents',
      'skipped-item',
      'other-item-inside',
      'item-answer-inside',
    ]);
    expect(out.confidence.reasons[0].message).toContain('Item 1B. Unresolved Staff Comments');
  });

  it('prints a readable outline without --json', () => {
    const r = runCli(['extract', fixturePath('toc-links.htm')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('3 risk factors in 2 categories');
    expect(r.stdout).toMatch(
      /Risks Related to Our Stock\n\s+3\. Our stock price may be volatile\. \(\d+ words\)/,
    );
  });

  it('--form overrides detection', () => {
    const out = JSON.parse(
      runCli(['extract', fixturePath('summary-list.htm'), '--form', 'S-1/A', '--json']).stdout,
    );
    expect(out.form).toBe('S-1/A');
  });

  it('reports "not applicable" as found: false with the reason, exit 0', () => {
    const r = runCli(['extract', fixturePath('not-applicable.htm'), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      found: false,
      reason: 'Item 1A. Risk Factors states: Not applicable.',
    });
  });

  it('names a missing file and exits 1; a missing argument is a usage error', () => {
    const r = runCli(['extract', '/no/such/filing.htm']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('/no/such/filing.htm: no such file');
    expect(runCli(['extract']).code).toBe(2);
  });

  describe('from a URL', () => {
    let server: LocalServer;
    beforeAll(async () => {
      server = await startServer((req, res) => {
        if (req.url === '/Archives/edgar/data/1/000000000024000001/d123s1.htm') {
          res.writeHead(200, { 'content-type': 'text/html' });
          res.end(readFileSync(fixturePath('summary-list.htm')));
        } else {
          res.writeHead(404).end('not found');
        }
      });
    });
    afterAll(() => server.close());

    it('fetches the document over HTTP with the configured User-Agent', async () => {
      const r = await runCliAsync(
        ['extract', `${server.url}/Archives/edgar/data/1/000000000024000001/d123s1.htm`, '--json'],
        { REGWATCH_SEC_USER_AGENT: 'Jane Doe jane@example.com' },
      );
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout).riskFactors).toHaveLength(3);
      expect(server.requests.at(-1)!.headers['user-agent']).toBe('Jane Doe jane@example.com');
    });

    it('says which URL failed and how', async () => {
      const r = await runCliAsync(['extract', `${server.url}/missing.htm`]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`${server.url}/missing.htm: HTTP 404`);
    });
  });
});
