import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = join(ROOT, 'dist/src/cli/main.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a child process, the way a user or a script does. */
export function runCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; input?: string } = {},
): CliResult {
  const env: Record<string, string | undefined> = {
    ...process.env,
    REGWATCH_SEC_USER_AGENT: undefined,
    REGWATCH_CONFIG: undefined,
    REGWATCH_SMTP_URL: undefined,
    REGWATCH_LOG_PRETTY: '0',
    ...options.env,
  };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    env: env as NodeJS.ProcessEnv,
    encoding: 'utf8',
    input: options.input,
    timeout: 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Runs the built CLI without blocking this process, so local servers in the test can answer it.
 * Kills it after `timeoutMs` (the result then has code -1 and `timedOut`).
 */
export function runCliAsync(
  args: string[],
  options: {
    cwd?: string;
    env?: Record<string, string | undefined>;
    input?: string;
    timeoutMs?: number;
  } = {},
): Promise<CliResult & { ms: number; timedOut: boolean }> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    REGWATCH_SEC_USER_AGENT: undefined,
    REGWATCH_CONFIG: undefined,
    REGWATCH_SMTP_URL: undefined,
    REGWATCH_LOG_PRETTY: '0',
    ...options.env,
  };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? ROOT,
      env: env as NodeJS.ProcessEnv,
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 90_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr, ms: Date.now() - started, timedOut });
    });
    child.stdin.end(options.input ?? '');
  });
}
