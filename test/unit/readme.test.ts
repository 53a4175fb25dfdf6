// The README runs as written: every YAML block in it passes `config check` (the same loading,
// contact and path checks), and every command `regwatch --help` lists appears in it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathProblems } from '../../src/cli/context.js';
import { buildProgram } from '../../src/cli/program.js';
import { loadConfig } from '../../src/config/load.js';
import { resolveMailTransport } from '../../src/config/resolve.js';
import { ROOT } from '../helpers/cli.js';
import { useTmpDir } from '../helpers/tmp.js';

const tmp = useTmpDir();
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
/** A contact of the right shape that is not a placeholder, as a reader's own would be. */
const ENV = { REGWATCH_SEC_USER_AGENT: 'Ada Lovelace ada@lovelace-analytics.co.uk' };

function yamlBlocks(markdown: string): { line: number; text: string }[] {
  const blocks: { line: number; text: string }[] = [];
  for (const m of markdown.matchAll(/^```ya?ml\n([\s\S]*?)^```/gm))
    blocks.push({ line: markdown.slice(0, m.index).split('\n').length, text: m[1]! });
  return blocks;
}

describe('the README', () => {
  const blocks = yamlBlocks(README);

  it('has YAML examples to check (watches, the Federal Register, a test server)', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    expect(blocks.some((b) => /^watches:/m.test(b.text))).toBe(true);
    expect(blocks.some((b) => /^federalRegister:/m.test(b.text))).toBe(true);
  });

  for (const block of blocks) {
    it(`YAML block at line ${block.line} passes config check`, async () => {
      const dir = tmp();
      const file = join(dir, 'regwatch.yml');
      writeFileSync(file, block.text);
      const loaded = loadConfig(file, ENV, dir, { requireContact: true });
      // Mail to .eml files (no SMTP URL): the outbox folder is checked too.
      const eml = resolveMailTransport(loaded.config, null);
      expect(await pathProblems({ ...loaded, mail: eml })).toEqual([]);
    });
  }

  it('names every command that --help lists, with its subcommands', () => {
    const program = buildProgram('0.0.0');
    const names = program.commands.flatMap((c) =>
      c.commands.length > 0 ? c.commands.map((s) => `${c.name()} ${s.name()}`) : [c.name()],
    );
    expect(names.length).toBeGreaterThanOrEqual(12);
    const missing = names.filter((n) => !README.includes(`regwatch ${n}`));
    expect(missing, `commands in --help but not in the README: ${missing.join(', ')}`).toEqual([]);
  });

  it('never shows a placeholder SEC contact against the real SEC', () => {
    // The first command names the template, which regwatch refuses as it stands: a reader replaces it.
    expect(README).toContain(
      'REGWATCH_SEC_USER_AGENT="Your Name you@your-company.com" npx regwatch run',
    );
    for (const m of README.matchAll(/REGWATCH_SEC_USER_AGENT="([^"]*)"/g))
      expect(m[1]).toBe('Your Name you@your-company.com');
  });
});
