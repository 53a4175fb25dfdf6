import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/errors.js';
import { resolveWebhookEndpoints } from '../../src/config/webhook-endpoints.js';

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

const parse = (group: Record<string, unknown>) =>
  parseConfig(
    { sec: { userAgent: 'Tests tests@example.com' }, recipients: { team: group } },
    'x.yml',
    {},
  );

describe('recipients.<group>.webhooks', () => {
  it.each([
    [
      'neither url nor urlEnv',
      { webhooks: [{ format: 'json' }] },
      'recipients.team.webhooks[0]: a webhook needs exactly one of url or urlEnv',
    ],
    [
      'both url and urlEnv',
      { webhooks: [{ url: 'https://h.example.com/x', urlEnv: 'X' }] },
      'recipients.team.webhooks[0]: a webhook needs exactly one of url or urlEnv',
    ],
    [
      'a url that is not http(s)',
      { webhooks: [{ url: 'ftp://h.example.com/x' }] },
      'recipients.team.webhooks[0].url: expected an http(s) URL such as "https://hooks.example.com/regwatch"',
    ],
    [
      'an unknown format',
      { webhooks: [{ url: 'https://h.example.com/x', format: 'teams' }] },
      expect.stringMatching(/^recipients\.team\.webhooks\[0\]\.format: .*"json"/),
    ],
    [
      'a variable name with a dash',
      { webhooks: [{ urlEnv: 'SLACK-URL' }] },
      expect.stringMatching(
        /^recipients\.team\.webhooks\[0\]\.urlEnv: expected the name of an environment variable/,
      ),
    ],
    [
      'an unknown key',
      { webhooks: [{ url: 'https://h.example.com/x', secret: 'inline' }] },
      expect.stringMatching(/^recipients\.team\.webhooks\[0\]: unknown key\(s\) "secret"/),
    ],
    [
      'no emails and no webhooks',
      { mode: 'immediate' },
      'recipients.team.emails: a recipient group needs emails or webhooks',
    ],
  ])('%s is refused, naming the key path', (_what, group, expected) => {
    expect(problems(() => parse(group))).toEqual([expected]);
  });

  it('a group of webhooks only is valid; format defaults to json', () => {
    const config = parse({
      webhooks: [
        { url: 'https://h.example.com/x' },
        { urlEnv: 'SLACK_URL', format: 'slack', secretEnv: 'HOOK_SECRET' },
      ],
    });
    expect(config.recipients.team).toMatchObject({
      emails: [],
      webhooks: [
        { url: 'https://h.example.com/x', format: 'json' },
        { urlEnv: 'SLACK_URL', format: 'slack' },
      ],
    });
    const endpoints = resolveWebhookEndpoints(config, {
      SLACK_URL: 'https://hooks.slack.com/services/T/B/s',
      HOOK_SECRET: 'k',
    });
    expect([...endpoints.values()]).toEqual([
      {
        ref: 'https://h.example.com/x',
        url: 'https://h.example.com/x',
        format: 'json',
        secret: null,
      },
      {
        ref: '$SLACK_URL',
        url: 'https://hooks.slack.com/services/T/B/s',
        format: 'slack',
        secret: 'k',
      },
    ]);
  });

  it('a variable that holds no URL is a configuration error naming it, never its value', () => {
    const config = parse({ webhooks: [{ urlEnv: 'SLACK_URL' }] });
    const lines = problems(() =>
      resolveWebhookEndpoints(config, { SLACK_URL: 'hooks.slack.com/services/T/B/secret' }),
    );
    expect(lines).toEqual([
      'recipients.team.webhooks[0].urlEnv: the environment variable SLACK_URL does not hold an http(s) URL',
    ]);
  });
});
