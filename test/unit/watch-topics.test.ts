import { describe, expect, it } from 'vitest';
import { TOPIC_IDS } from '../../src/alerts/topic-vocabulary.js';
import { parseConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/errors.js';

const ENV = { REGWATCH_SEC_USER_AGENT: 'Jane Doe jane@example.com' };

describe('a watch naming topics', () => {
  it('takes topics from the vocabulary, and none by default', () => {
    const cfg = parseConfig(
      {
        watches: [
          { name: 'acme', cik: '1234567', topics: ['taxation', 'international-market-access'] },
          { name: 'other', cik: '7654321' },
        ],
      },
      null,
      ENV,
    );
    expect(cfg.watches[0]!.topics).toEqual(['taxation', 'international-market-access']);
    expect(cfg.watches[1]!.topics).toEqual([]);
  });

  it('refuses a topic the vocabulary does not have, naming the key and the choices', () => {
    let error: unknown;
    try {
      parseConfig({ watches: [{ name: 'acme', cik: '1234567', topics: ['tax'] }] }, null, ENV);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(String((error as Error).message) + JSON.stringify(error)).toMatch(
      /watches\[0\]\.topics\[0\]/,
    );
    expect(JSON.stringify(error) + String((error as Error).message)).toContain(TOPIC_IDS[0]!);
  });
});
