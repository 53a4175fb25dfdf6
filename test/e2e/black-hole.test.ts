/**
 * Issue 19: a server that accepts connections and never answers must not hold `run --once`:
 * each request ends at its 30 s deadline, each source's cycle at 90 s (both defaults), the
 * sources side by side. The run ends well under 120 s, exits 1, and says on stderr, one line
 * per failed source, which source failed and why. Slow by nature: about 95 s.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliAsync } from '../helpers/cli.js';
import { useTmpDir } from '../helpers/tmp.js';

const tmp = useTmpDir();
let server: Server | undefined;
const sockets = new Set<Socket>();
afterEach(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

/** Accepts every connection, reads what is sent, never writes a byte. */
async function startBlackHole(): Promise<string> {
  server = createServer((socket) => {
    sockets.add(socket);
    socket.on('data', () => undefined);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return `http://127.0.0.1:${port}`;
}

describe('run --once against servers that never answer', () => {
  it('ends within the default deadlines, exits 1, and names each failed source on stderr', async () => {
    const url = await startBlackHole();
    const dir = tmp();
    const file = join(dir, 'regwatch.yml');
    writeFileSync(
      file,
      `sec: {baseUrl: "${url}", dataUrl: "${url}", eftsUrl: "${url}"}
federalRegister: {baseUrl: "${url}/api/v1"}
watches:
  - {name: acme, cik: "1234567"}
mail: {outboxDir: outbox}
database: {path: data/regwatch.db}
`,
    );
    const r = await runCliAsync(['--config', file, 'run', '--once'], {
      cwd: dir,
      env: { REGWATCH_SEC_USER_AGENT: 'Jane Doe jane@example.com' },
      timeoutMs: 200_000,
    });
    expect(r.timedOut).toBe(false);
    expect(r.ms).toBeLessThan(120_000);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(
        /^regwatch: edgar failed: CYCLE_DEADLINE: edgar did not finish within the cycle deadline \(90 s/,
      ),
      expect.stringMatching(
        /^regwatch: federal-register failed: CYCLE_DEADLINE: federal-register did not finish within the cycle deadline \(90 s/,
      ),
    ]);
    // Each request gave up at its own 30 s deadline (no headers by then) and was retried, before the cycle's.
    expect(r.stdout).toMatch(/"reason":"timeout \((headers|request)\)","attempt":2/);
  }, 240_000);
});
