import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  entityListFacts,
  parseEntityListChanges,
} from '../../src/pipeline/federal-register/entity-list.js';
import { entityListWhy, readableCountry } from '../../src/notify/render/entity-list-block.js';

// Amendatory text in the shape BIS final rules print it (numbered instructions to Supplement No. 4
// to part 744, curly quotes, names with commas inside the quotes, a nested "Under RUSSIA:" list,
// an instruction that only counts its entities, then the supplement's table rows).
const RULE = readFileSync(
  new URL('../fixtures/federal-register/entity-list-amendment.txt', import.meta.url),
  'utf8',
);

describe('Entity List changes from a rule text', () => {
  const c = parseEntityListChanges(RULE);

  it('lists the entities added, with their countries, from the instructions and the table', () => {
    expect(c.added.map((e) => [e.country, e.name])).toEqual([
      ["CHINA, PEOPLE'S REPUBLIC OF", 'Beijing Zhongke Example Microelectronics Co., Ltd.'],
      ["CHINA, PEOPLE'S REPUBLIC OF", 'Acme Robotics (Shenzhen) Co., Ltd.'],
      ["CHINA, PEOPLE'S REPUBLIC OF", 'Shanghai Example Semiconductor Technology Co., Ltd.'],
      ['IRAN', 'Tehran Example Trading Company'],
      ['UNITED ARAB EMIRATES', 'Gulf Example Logistics FZE'],
      ['UNITED ARAB EMIRATES', 'Desert Example General Trading LLC'],
    ]);
  });

  it('lists removed and revised entries under the country they are nested in', () => {
    expect(c.removed.map((e) => [e.country, e.name])).toEqual([
      ['RUSSIA', 'Example Aviation JSC'],
      ['SINGAPORE', 'Example Components Pte. Ltd.'],
    ]);
    expect(c.revised.map((e) => [e.country, e.name])).toEqual([
      ['RUSSIA', 'Moscow Example Institute'],
    ]);
  });

  it('says what the rule does in words, and names countries as a reader writes them', () => {
    const facts = entityListFacts(c, ['Acme Robotics']);
    expect(facts[0]).toEqual({
      action: 'added',
      name: 'Acme Robotics (Shenzhen) Co., Ltd.',
      country: "CHINA, PEOPLE'S REPUBLIC OF",
      watched: true,
    });
    expect(facts.filter((f) => f.watched)).toHaveLength(1);
    expect(entityListWhy(facts)).toBe(
      'Adds 6 entities to the Entity List, removes 2 entities, revises 1 entity; among them Acme Robotics (Shenzhen) Co., Ltd., a company you follow',
    );
    expect(readableCountry("CHINA, PEOPLE'S REPUBLIC OF")).toBe("China, People's Republic of");
    expect(readableCountry('UNITED ARAB EMIRATES')).toBe('United Arab Emirates');
  });

  it('finds nothing in a rule that does not amend the Entity List', () => {
    expect(
      parseEntityListChanges('This rule revises the license exception in § 740.17 of the EAR.'),
    ).toEqual({ added: [], removed: [], revised: [] });
    expect(entityListWhy([])).toBeNull();
  });
});
