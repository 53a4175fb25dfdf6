// The table of user mistakes run against the built CLI (issue 13, 22): each row one command, its
// files and environment, the exit code and the one line on stderr it must give; the network rows
// use real local servers that misbehave in one way each. Used by test/e2e/cli-mistakes*.test.ts.
import { closeSync, mkdirSync, openSync, writeFileSync, ftruncateSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCliAsync } from './cli.js';

const FIX = join(ROOT, 'test/fixtures');
export const S1 = join(FIX, 'diff/s1-original.htm');
export const S1A = join(FIX, 'diff/s1-amendment.htm');
export const TEN_K = join(FIX, 'extract/ixbrl.htm');
export const UA = { REGWATCH_SEC_USER_AGENT: 'Jane Doe jane@example.com' };
/**
 * The SEC and the Federal Register on loopback, where nothing answers: a placeholder contact is
 * refused only when the SEC URLs point at the SEC, so these tests keep their example.com contact
 * and never reach the internet.
 */
export const LOCAL_URLS =
  'baseUrl: "http://127.0.0.1:9", dataUrl: "http://127.0.0.1:9", eftsUrl: "http://127.0.0.1:9"';
/** Both services at `url`: by default a closed port; a server answering 404 makes a cycle fail fast (no retries). */
export const local = (url = 'http://127.0.0.1:9') =>
  `sec: {baseUrl: "${url}", dataUrl: "${url}", eftsUrl: "${url}"}\nfederalRegister: {baseUrl: "${url}/api/v1"}`;
export const LOCAL = local();

/** A file a byte longer than the longest string V8 holds: sparse, so it costs nothing to make. */
export const TOO_LARGE = 536_870_888 + 1;

export interface Ctx {
  dir: string;
  /** A loopback port nothing listens on. */
  refused: string;
  /** A server that accepts the connection and never answers. */
  silent: string;
  /** A server that answers 404 to everything. */
  missing: string;
  /** A server that hangs up on every request. */
  hangup: string;
  /** A plain-HTTP server, for an https:// URL (a TLS handshake that fails). */
  plain: string;
  /** A server that declares a body larger than a string can hold. */
  huge: string;
}

export type FileSpec = string | Buffer | { sparse: number } | { folder: true };

export interface Case {
  name: string;
  args: string[] | ((c: Ctx) => string[]);
  env?: Record<string, string> | ((c: Ctx) => Record<string, string>);
  files?: Record<string, FileSpec> | ((c: Ctx) => Record<string, FileSpec>);
  input?: string;
  code: 0 | 1 | 2 | 78;
  /** What the one line on stderr must say. */
  stderr: RegExp;
  /** Lines expected on stderr (a list of configuration problems is several). */
  lines?: number;
  stdout?: RegExp;
  check?: (c: Ctx, r: { stdout: string; stderr: string }) => void;
}

export const yml = (s: string) => `${s.trim()}\n`;

/** Starts the misbehaving servers for the file's tests (closed after them); their URLs fill in once started. */
export function useMistakeServers(): Omit<Ctx, 'dir'> {
  let servers: Server[] = [];
  const ctxBase = { refused: '', silent: '', missing: '', hangup: '', plain: '', huge: '' };
  async function listen(server: Server): Promise<string> {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  beforeAll(async () => {
    ctxBase.silent = await listen(createServer(() => undefined));
    ctxBase.missing = await listen(createServer((_req, res) => res.writeHead(404).end('not here')));
    ctxBase.hangup = await listen(createServer((req) => req.socket.destroy()));
    ctxBase.plain = (
      await listen(
        createServer((req, res) =>
          res.end(
            req.url?.endsWith('.pdf') ? '%PDF-1.7\n1 0 obj\n<<>>\nendobj\n' : '<html>plain</html>',
          ),
        ),
      )
    ).replace('http:', 'https:');
    ctxBase.huge = await listen(
      createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(TOO_LARGE) });
        res.write('<html>');
      }),
    );
    const closed = createServer();
    const url = await listen(closed);
    servers = servers.filter((s) => s !== closed);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    ctxBase.refused = url;
  });

  afterAll(async () => {
    for (const s of servers) {
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    }
  });
  return ctxBase;
}

function materialise(dir: string, files: Record<string, FileSpec>): void {
  for (const [name, spec] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    if (typeof spec === 'string' || Buffer.isBuffer(spec)) writeFileSync(path, spec);
    else if ('folder' in spec) mkdirSync(path, { recursive: true });
    else {
      const fd = openSync(path, 'w');
      ftruncateSync(fd, spec.sparse);
      closeSync(fd);
    }
  }
}

/** One test per case: one clear line on stderr (or `lines`), no stack trace, the documented exit code. */
export function runMistakeTable(
  title: string,
  cases: Case[],
  ctxBase: Omit<Ctx, 'dir'>,
  tmp: () => string,
): void {
  describe(title, () => {
    for (const c of cases) {
      it(c.name, async () => {
        const ctx: Ctx = { dir: tmp(), ...ctxBase };
        const files = typeof c.files === 'function' ? c.files(ctx) : c.files;
        if (files) materialise(ctx.dir, files);
        const args = typeof c.args === 'function' ? c.args(ctx) : c.args;
        const env = typeof c.env === 'function' ? c.env(ctx) : c.env;
        const r = await runCliAsync(args, { cwd: ctx.dir, env, input: c.input, timeoutMs: 10_000 });
        const summary = `exit ${r.code} after ${r.ms} ms\n--- stderr\n${r.stderr}--- stdout\n${r.stdout.slice(0, 2000)}`;
        expect(r.timedOut, summary).toBe(false);
        // Generous for a loaded machine (the CLI alone starts in 0.3-3 s); the bugs were minutes and forever.
        expect(r.ms, summary).toBeLessThan(8_000);
        expect(r.code, summary).toBe(c.code);
        expect(r.stderr, summary).not.toMatch(/^\s+at /m);
        expect(r.stderr, summary).not.toMatch(/unexpected error/);
        const lines = r.stderr.split('\n').filter((l) => l.length > 0);
        const want = c.lines ?? 1;
        if (want >= 0) expect(lines.length, summary).toBe(want);
        if (want !== 0) expect(lines[0] ?? '', summary).toMatch(c.stderr);
        if (c.stdout) expect(r.stdout, summary).toMatch(c.stdout);
        c.check?.(ctx, r);
      });
    }
  });
}
