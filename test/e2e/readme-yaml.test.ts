import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ROOT, runCli } from '../helpers/cli.js';
import { useTmpDir } from '../helpers/tmp.js';

// Every ```yaml block of the README is a working configuration: each, laid over a base that
// defines the recipient groups the README's examples name, passes the built CLI's `config check`.

const tmp = useTmpDir();

const blocks = [
  ...readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(/^```yaml\n([\s\S]*?)^```$/gm),
].map((m) => m[1]!);

const BASE = {
  recipients: {
    default: { emails: ['ops@example.com'] },
    investors: { emails: ['pm@example.com'] },
    analysts: { emails: ['desk@example.com'] },
  },
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
function merge(base: Obj, over: Obj): Obj {
  const out: Obj = { ...base };
  for (const [k, v] of Object.entries(over))
    out[k] = isObj(v) && isObj(out[k]) ? merge(out[k] as Obj, v) : v;
  return out;
}

const ENV = {
  REGWATCH_SEC_USER_AGENT: 'Ada Lovelace ada@lovelace-analytics.co.uk',
  REGWATCH_HOOK_SECRET: 'x'.repeat(32),
  SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T0/B0/secret',
  REGWATCH_CONFIG: '',
};

function check(block: string, env: Record<string, string | undefined> = ENV) {
  const dir = tmp();
  const file = join(dir, 'regwatch.yml');
  writeFileSync(file, stringify(merge(BASE, parse(block) as Obj)));
  return runCli(['--config', file, 'config', 'check'], { cwd: dir, env });
}

describe('the README configuration examples', () => {
  it('has yaml blocks, among them the webhook example', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    expect(
      blocks.some(
        (b) => b.includes('webhooks:') && b.includes('format: slack') && b.includes('secretEnv:'),
      ),
    ).toBe(true);
  });

  it.each(blocks.map((b, i) => [i, b.split('\n')[0], b] as const))(
    'block %i (%s) passes config check',
    (_i, _first, block) => {
      const r = check(block);
      expect(r.code, r.stderr + r.stdout).toBe(0);
    },
  );

  it('the webhook example without its Slack variable is refused, naming the key and the variable', () => {
    const block = blocks.find((b) => b.includes('urlEnv: SLACK_WEBHOOK_URL'))!;
    const r = check(block, { ...ENV, SLACK_WEBHOOK_URL: undefined });
    expect(r.code).toBe(78);
    expect(r.stderr).toContain(
      'recipients.team-chat.webhooks[0].urlEnv: the environment variable SLACK_WEBHOOK_URL is not set',
    );
  });
});
