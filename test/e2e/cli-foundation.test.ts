import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { useTmpDir } from '../helpers/tmp.js';

const tmp = useTmpDir();
const UA = { REGWATCH_SEC_USER_AGENT: 'Jane Doe jane@example.com' };

describe('the built CLI', () => {
  it('teaches with --help and exits 0', () => {
    const r = runCli(['--help']);
    expect(r.code).toBe(0);
    for (const cmd of ['run', 'migrate', 'config', 'status']) expect(r.stdout).toContain(cmd);
    expect(r.stdout).toContain('Exit codes');
  });

  it('exits 2 on usage errors', () => {
    expect(runCli(['frobnicate']).code).toBe(2);
    const missingArg = runCli(['--config']);
    expect(missingArg.code).toBe(2);
    expect(missingArg.stderr).toMatch(/argument missing/);
    expect(runCli(['status', '--no-such-flag']).code).toBe(2);
  });

  it('exits 78 with one line per problem on an invalid config file', () => {
    const dir = tmp();
    const file = join(dir, 'regwatch.yml');
    writeFileSync(
      file,
      'sec:\n  maxRequestsPerSecond: 50\nwatches:\n  - name: x\n    cik: "12ab"\n',
    );
    const r = runCli(['--config', file, 'config', 'check'], { cwd: dir, env: UA });
    expect(r.code).toBe(78);
    expect(r.stderr).toContain(
      'sec.maxRequestsPerSecond: the SEC allows at most 10 requests per second',
    );
    expect(r.stderr).toContain('watches[0].cik: expected a CIK of 1 to 10 digits');
  });

  it('exits 78 when --config names a file that does not exist', () => {
    const dir = tmp();
    const r = runCli(['--config', join(dir, 'nope.yml'), 'status'], { cwd: dir });
    expect(r.code).toBe(78);
    expect(r.stderr).toContain('file not found');
  });

  it('refuses to run without an SEC contact and says how to set one', () => {
    const dir = tmp();
    const r = runCli(['run', '--once'], { cwd: dir });
    expect(r.code).toBe(78);
    expect(r.stderr).toContain('REGWATCH_SEC_USER_AGENT=');
    expect(existsSync(join(dir, 'data/regwatch.db'))).toBe(false);
  });

  it('status before any run says there is no database yet and how to make one', () => {
    const dir = tmp();
    const r = runCli(['status', '--json'], { cwd: dir, env: UA });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no database yet; create it with `regwatch migrate`/);
    expect(existsSync(join(dir, 'data/regwatch.db'))).toBe(false);
  });

  it('migrate reports what it applied, then that the store is up to date', () => {
    const dir = tmp();
    const first = JSON.parse(runCli(['migrate', '--json'], { cwd: dir }).stdout);
    // Every migration of the repository, in order (the runner applies files by number).
    const files = readdirSync(join(import.meta.dirname, '../../migrations'))
      .filter((f) => f.endsWith('.sql'))
      .sort();
    expect(files.length).toBeGreaterThan(0);
    expect(first.applied).toEqual(files);
    const second = JSON.parse(runCli(['migrate', '--json'], { cwd: dir }).stdout);
    expect(second).toMatchObject({ applied: [], alreadyApplied: first.applied.length });
  });
});

/** Starts `regwatch --config regwatch.yml run` in `dir`, waits until it waits for its schedules, then sends SIGTERM. */
async function runDaemonUntilWaiting(
  dir: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { spawn } = await import('node:child_process');
  const { CLI } = await import('../helpers/cli.js');
  const child = spawn(process.execPath, [CLI, '--config', 'regwatch.yml', 'run'], {
    cwd: dir,
    env,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`daemon did not start: ${stdout}${stderr}`)),
      20_000,
    );
    child.stdout.on('data', () => {
      if (stdout.includes('waiting for the schedules')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  child.kill('SIGTERM');
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr };
}

describe('the daemon', () => {
  it('starts on the default schedules, waits, and stops cleanly on SIGTERM', async () => {
    const dir = tmp();
    // The SEC and the Federal Register on loopback, where nothing answers: the test reaches no
    // real service, and its example.com contact is exempt (it is refused when the SEC is the SEC).
    const local = 'http://127.0.0.1:9';
    writeFileSync(
      join(dir, 'regwatch.yml'),
      `sec: {baseUrl: "${local}", dataUrl: "${local}", eftsUrl: "${local}"}\nfederalRegister: {baseUrl: "${local}/api/v1"}\n`,
    );
    // The daemon's logs go to stdout: pm2 files stderr as errors.
    const { code, stdout, stderr } = await runDaemonUntilWaiting(dir, {
      ...process.env,
      ...UA,
      REGWATCH_LOG_PRETTY: '0',
    });
    expect(code).toBe(0);
    expect(stdout).toContain('"signal":"SIGTERM"');
    // Every source is scheduled (edgar on its default 20-second tick, busy hours decided per tick)
    // and the mail sender runs, woken by commits.
    expect(stdout).toMatch(/edgar \\"\*\/20 \* \* \* \* \*\\"/);
    expect(stdout).toMatch(/federal-register .*mail \(woken by each alert and due time\)/);
    expect(stdout).toContain('mail sender started');
    expect(stderr).toBe('');
    expect(existsSync(join(dir, 'data/regwatch.db'))).toBe(true);
  });
});

describe('the README way of running it', () => {
  it("the README's first command, run as written, starts the daemon with EDGAR off and says what to put in", async () => {
    const dir = tmp();
    // The SEC URLs stay the SEC's (so the template contact counts as a placeholder) and nothing
    // may be sent there; the Federal Register points at a closed loopback port (no internet in tests).
    writeFileSync(
      join(dir, 'regwatch.yml'),
      'federalRegister: {baseUrl: "http://127.0.0.1:9/api/v1"}\n',
    );
    const env = {
      ...process.env,
      REGWATCH_SEC_USER_AGENT: 'Your Name you@your-company.com',
      REGWATCH_LOG_PRETTY: '0',
    };
    const { code, stdout, stderr } = await runDaemonUntilWaiting(dir, env);
    expect(code).toBe(0);
    expect(stderr).toMatch(
      /^regwatch: EDGAR is off: the SEC contact "Your Name you@your-company\.com" is the example contact; replace it with your own name .* Set REGWATCH_SEC_USER_AGENT \(or sec\.userAgent\) and restart/,
    );
    expect(stderr.trim().split('\n')).toHaveLength(1);
    // EDGAR is not scheduled; the Federal Register and the mail sender are.
    expect(stdout).not.toMatch(/edgar \\"/);
    expect(stdout).toMatch(/federal-register .*mail \(woken by each alert and due time\)/);
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(join(dir, 'data/regwatch.db'), { readonly: true });
    try {
      expect(db.prepare("SELECT count(*) AS n FROM runs WHERE source = 'edgar'").get()).toEqual({
        n: 0,
      });
    } finally {
      db.close();
    }
  }, 60_000);

  it('`npx regwatch` runs the built bin from the repository root (it must be executable)', async () => {
    const { spawnSync } = await import('node:child_process');
    const { ROOT } = await import('../helpers/cli.js');
    const r = spawnSync('npx', ['--no-install', 'regwatch', '--version'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 90_000,
    });
    expect(r.stderr).not.toMatch(/Permission denied/);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  }, 100_000);
});
