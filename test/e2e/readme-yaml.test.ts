// The owner of "every YAML block of the README passes `config check`": each ```yaml (or ```yml)
// block, written to a file exactly as a reader would copy it (nothing added), passes the built
// CLI's `config check` (the schema, the SEC contact rule, the paths, each webhook's variables).
// test/unit/readme.test.ts keeps the README's other promises (its commands, its contact).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { useTmpDir } from '../helpers/tmp.js';

const tmp = useTmpDir();

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
/** Each YAML block with the README line its fence opens on (for a failure that says where). */
const blocks = [...README.matchAll(/^```ya?ml\n([\s\S]*?)^```/gm)].map((m) => ({
  line: README.slice(0, m.index).split('\n').length,
  text: m[1]!,
}));

/** A contact of the right shape that is not a placeholder, as a reader's own would be. */
const ENV = {
  REGWATCH_SEC_USER_AGENT: 'Ada Lovelace ada@lovelace-analytics.co.uk',
  REGWATCH_HOOK_SECRET: 'x'.repeat(32),
  SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T0/B0/secret',
};

function check(block: string, env: Record<string, string | undefined> = ENV) {
  const dir = tmp();
  const file = join(dir, 'regwatch.yml');
  writeFileSync(file, block);
  return { file, ...runCli(['--config', file, 'config', 'check'], { cwd: dir, env }) };
}

describe('the README configuration examples', () => {
  it('has YAML blocks to check: watches, the Federal Register, a webhook, a test server', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    const some = (re: RegExp) => blocks.some((b) => re.test(b.text));
    expect(some(/^watches:/m)).toBe(true);
    expect(some(/^federalRegister:/m)).toBe(true);
    expect(
      blocks.some(
        (b) =>
          b.text.includes('webhooks:') &&
          b.text.includes('format: slack') &&
          b.text.includes('secretEnv:'),
      ),
    ).toBe(true);
    expect(some(/baseUrl: http:\/\/127\.0\.0\.1/)).toBe(true);
  });

  it.each(blocks.map((b) => [b.line, b.text.split('\n')[0], b.text] as const))(
    'the block at line %i (%s), as written, passes config check',
    (_line, _first, block) => {
      const r = check(block);
      expect(r.code, r.stderr + r.stdout).toBe(0);
      expect(r.stdout.split('\n')[0]).toBe(`${r.file}: OK`);
    },
  );

  it('the webhook example without its Slack variable is refused, naming the key and the variable', () => {
    const block = blocks.find((b) => b.text.includes('urlEnv: SLACK_WEBHOOK_URL'))!.text;
    const r = check(block, { ...ENV, SLACK_WEBHOOK_URL: undefined });
    expect(r.code).toBe(78);
    expect(r.stderr).toContain(
      'recipients.team-chat.webhooks[0].urlEnv: the environment variable SLACK_WEBHOOK_URL is not set',
    );
  });
});
