/**
 * The topics a substantive change is tagged with, and the phrases that mark each one: the one
 * reviewed list (a watch names topics by their id under `topics:`). Phrases are matched like
 * watched phrases (word-aligned, case-insensitive, a plural or possessive allowed) on the text
 * a change adds or removes, never on text it left alone.
 *
 * To change it: keep phrases specific enough that a risk-factor sentence holding one is about
 * the topic ("tariff", not "trade"); add a case to the topics table in test/unit/materiality.test.ts for each new
 * phrase family.
 */
export interface Topic {
  id: string;
  /** As a reader sees it in a mail. */
  label: string;
  phrases: string[];
}

export const TOPICS: readonly Topic[] = [
  {
    id: 'government-regulation',
    label: 'Government regulation',
    phrases: [
      'regulation',
      'regulatory',
      'government action',
      'licensing requirements',
      'regulator',
      'executive order',
      'legislation',
      'statute',
      'rulemaking',
      'government agency',
      'governmental authority',
      'Federal Trade Commission',
      'FTC',
      'Food and Drug Administration',
      'FDA',
      'Securities and Exchange Commission',
      'licensing requirement',
      'compliance with laws',
    ],
  },
  {
    id: 'export-controls-sanctions',
    label: 'Export controls and sanctions',
    phrases: [
      'export control',
      'export controls',
      'Department of Commerce',
      'export of',
      'export restriction',
      'restrictions on exports',
      'Export Administration Regulations',
      'EAR',
      'Entity List',
      'Bureau of Industry and Security',
      'BIS',
      'sanction',
      'sanctions',
      'OFAC',
      'Office of Foreign Assets Control',
      'embargo',
      'export license',
      'denied party',
      'ITAR',
      'dual-use',
    ],
  },
  {
    id: 'international-market-access',
    label: 'International market access',
    phrases: [
      'tariff',
      'tariffs',
      'trade war',
      'trade restriction',
      'trade policy',
      'import duty',
      'customs duty',
      'market access',
      'foreign market',
      'international market',
      'international expansion',
      'sovereign technology',
      'localization requirement',
      'foreign ownership restriction',
      'China',
      'PRC',
      "People's Republic of China",
    ],
  },
  {
    id: 'national-security',
    label: 'National security',
    phrases: [
      'national security',
      'CFIUS',
      'Committee on Foreign Investment',
      'foreign investment review',
      'defense',
      'military end use',
      'military end user',
      'critical infrastructure',
      'espionage',
    ],
  },
  {
    id: 'data-privacy',
    label: 'Data privacy and security',
    phrases: [
      'data privacy',
      'privacy',
      'personal data',
      'personal information',
      'data protection',
      'GDPR',
      'General Data Protection Regulation',
      'CCPA',
      'California Consumer Privacy Act',
      'cybersecurity',
      'data breach',
      'security breach',
      'cyber-attack',
      'cyberattack',
      'ransomware',
      'data localization',
    ],
  },
  {
    id: 'taxation',
    label: 'Taxation',
    phrases: [
      'tax',
      'taxes',
      'taxation',
      'income tax',
      'tax rate',
      'tax law',
      'Internal Revenue Service',
      'IRS',
      'Pillar Two',
      'global minimum tax',
      'transfer pricing',
      'excise tax',
      'tax credit',
      'net operating loss',
    ],
  },
  {
    id: 'litigation',
    label: 'Litigation and investigations',
    phrases: [
      'litigation',
      'lawsuit',
      'class action',
      'legal proceeding',
      'legal proceedings',
      'subpoena',
      'investigation',
      'settlement',
      'complaint filed',
      'arbitration',
      'injunction',
      'patent infringement',
    ],
  },
  {
    id: 'financial-reporting',
    label: 'Financial reporting',
    phrases: [
      'restatement',
      'restate',
      'restated',
      'material weakness',
      'internal control over financial reporting',
      'going concern',
      'impairment',
    ],
  },
  {
    id: 'supply-chain',
    label: 'Supply chain',
    phrases: [
      'supply chain',
      'supplier',
      'suppliers',
      'sole source',
      'single source',
      'manufacturing capacity',
      'shortage',
      'shortages',
      'component',
    ],
  },
  {
    id: 'artificial-intelligence',
    label: 'Artificial intelligence',
    phrases: [
      'artificial intelligence',
      'AI',
      'machine learning',
      'generative AI',
      'large language model',
    ],
  },
];

/** Topic ids, for checking a watch's `topics:`. */
export const TOPIC_IDS: readonly string[] = TOPICS.map((t) => t.id);

/** A topic's label for a reader ("Export controls and sanctions"); the id when unknown. */
export function topicLabel(id: string): string {
  return TOPICS.find((t) => t.id === id)?.label ?? id;
}
