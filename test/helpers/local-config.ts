// A config file pointing every source at the local fake servers, with one recipient group
// `desk`, mail written as .eml files to outbox/ and the store in data/: the world the e2e
// tests run the built CLI in, as an operator points regwatch at a test EDGAR.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes `regwatch.yml` in `dir` (a test's temporary folder). `watches` are YAML flow mappings, one per line
 * (`{name: acme, cik: "1234567", notify: [desk]}`); `extra` is YAML appended as it is.
 */
export function writeLocalConfig(
  dir: string,
  servers: { edgarUrl: string; frApiBase: string },
  watches: string[],
  extra = '',
): { dir: string; file: string } {
  const file = join(dir, 'regwatch.yml');
  const e = servers.edgarUrl;
  writeFileSync(
    file,
    `sec: {baseUrl: "${e}", dataUrl: "${e}", eftsUrl: "${e}", maxRequestsPerSecond: 10}
federalRegister: {baseUrl: "${servers.frApiBase}", notify: [desk]}
watches:
${watches.map((w) => `  - ${w}`).join('\n')}
recipients:
  desk: {emails: [desk@example.com]}
mail: {from: "regwatch <alerts@example.com>", outboxDir: outbox}
database: {path: data/regwatch.db}
${extra}`,
  );
  return { dir, file };
}
