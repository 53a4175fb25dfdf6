import type { DiffInput } from '../diff/types.js';
import type { MaterialityClass } from '../diff/types.js';

type Factor = DiffInput['riskFactors'][number];

/** One seeded edit: a real section with one factor edited, and the class a correct diff gives it. */
export interface SeededCase {
  name: string;
  expected: MaterialityClass;
  newSection: DiffInput;
}

/** An edit of one factor; null when the factor has nothing it applies to. */
type Edit = (f: Factor) => Factor | null;

const SENTENCE = /(?<=[.?!]["')\]]?)\s+(?=[A-Z"“(])/;
const sentences = (t: string) => t.split(SENTENCE).filter((s) => s.trim() !== '');
const withBody = (f: Factor, text: string): Factor | null =>
  text === f.text ? null : { ...f, text };

/**
 * New statements of the kinds the issue names (a law, an agency, a country, an event, an
 * obligation), written as real 2024-2025 risk factors word them.
 */
const STATEMENTS = [
  'In January 2025, the U.S. Department of Commerce added several of our customers in China to the Entity List, and we can no longer ship certain products to them without a license.',
  'The One Big Beautiful Bill Act, enacted in July 2025, changes the deductibility of research and development expenses and may increase our effective tax rate.',
  'Executive orders issued in 2025 impose tariffs on imports from Mexico and Canada, which increase the cost of components we purchase from suppliers there.',
  'We have restated our consolidated financial statements for each of the three years in the period ended December 31, 2024 to correct errors in revenue recognition.',
  'The European Commission opened a formal investigation into our data transfers under the General Data Protection Regulation, which could result in fines of up to 4% of our annual revenue.',
  'We are now required to obtain approval from the Committee on Foreign Investment in the United States before accepting investments from foreign persons.',
];

const SYNONYMS: [RegExp, string][] = [
  [/\bsignificant\b/, 'substantial'],
  [/\badversely\b/, 'negatively'],
  [/\bobtain\b/, 'secure'],
  [/\badditional\b/, 'further'],
  [/\bcurrently\b/, 'presently'],
  [/\bdifficult\b/, 'hard'],
];

/** Figures: numbers moved on within the same sentence frame. */
const FIGURE_EDITS: Record<string, Edit> = {
  'year-roll-forward': (f) =>
    withBody(
      f,
      f.text.replace(/\b(20[0-3]\d)\b/g, (y) => String(Number(y) + 1)),
    ),
  'percentage-changed': (f) =>
    withBody(
      f,
      f.text.replace(/\b(\d{1,2})(\.\d+)?%/, (_, n: string) => `${(Number(n) + 7) % 100}%`),
    ),
  'amount-changed': (f) =>
    withBody(
      f,
      f.text.replace(
        /\$(\d[\d,.]*)\s+(million|billion)/,
        (_, n: string, u: string) => `$${(Number(n.replace(/,/g, '')) * 1.5).toFixed(1)} ${u}`,
      ),
    ),
  'qualified-figure': (f) =>
    withBody(
      f,
      f.text.replace(
        /\b(\d{1,2})%/,
        (_, n: string) => `approximately ${Math.max(1, Number(n) - 13)}%`,
      ),
    ),
};

/** Editorial: the same information, worded or ordered differently. */
const EDITORIAL_EDITS: Record<string, Edit> = {
  // Only a comma inside: a case change or a trailing period is already silent (headings compare that way).
  'heading-punctuation': (f) =>
    f.heading.includes(', ') ? { ...f, heading: f.heading.replace(', ', ' ') } : null,
  synonym: (f) => {
    for (const [re, to] of SYNONYMS)
      if (re.test(f.text)) return withBody(f, f.text.replace(re, to));
    return null;
  },
  'sentences-reordered': (f) => {
    const s = sentences(f.text);
    if (s.length < 3) return null;
    [s[1], s[2]] = [s[2]!, s[1]!];
    return withBody(f, s.join(' '));
  },
  'defined-term-abbreviated': (f) => {
    const m =
      /\bthe (Securities and Exchange Commission|Internal Revenue Service|Food and Drug Administration|Federal Trade Commission)\b/.exec(
        f.text,
      );
    if (!m) return null;
    const acronym = m[1]!
      .split(' ')
      .filter((w) => /^[A-Z]/.test(w))
      .map((w) => w[0])
      .join('');
    const [first, ...rest] = f.text.split(m[0]);
    // Defined at its first use, abbreviated after it.
    return withBody(f, `${first}${m[0]} (the "${acronym}")${rest.join(`the ${acronym}`)}`);
  },
};

/** Substantive: a statement added or removed, or what the company says will happen changed. */
const SUBSTANTIVE_EDITS: Record<string, (seed: number) => Edit> = {
  'statement-added': (seed) => (f) => {
    const s = sentences(f.text);
    s.splice(Math.min(1, s.length), 0, STATEMENTS[seed % STATEMENTS.length]!);
    return withBody(f, s.join(' '));
  },
  'statement-removed': () => (f) => {
    const s = sentences(f.text);
    if (s.length < 3) return null;
    const longest = s.slice(1).reduce((a, x, i) => (x.length > s[a]!.length ? i + 1 : a), 1);
    if (s[longest]!.split(/\s+/).length < 8) return null;
    s.splice(longest, 1);
    return withBody(f, s.join(' '));
  },
  'statement-to-cross-reference': () => (f) => {
    const s = sentences(f.text);
    if (s.length < 3 || s[1]!.split(/\s+/).length < 8) return null;
    s[1] = 'See "Business—Government Regulation" for more information.';
    return withBody(f, s.join(' '));
  },
  'modal-changed': () => (f) =>
    /\bcould\b/.test(f.text) ? withBody(f, f.text.replace(/\bcould\b/, 'will')) : null,
};

function apply(section: DiffInput, index: number, f: Factor): DiffInput {
  const riskFactors = section.riskFactors.map((x, i) => (i === index ? f : x));
  return { ...section, riskFactors };
}

/** The first factor at or after `start` (wrapping) an edit applies to. */
function editOne(section: DiffInput, start: number, edit: Edit): DiffInput | null {
  const n = section.riskFactors.length;
  for (let k = 0; k < n; k++) {
    const i = (start + k) % n;
    const edited = edit(section.riskFactors[i]!);
    if (edited) return apply(section, i, edited);
  }
  return null;
}

/**
 * Seeded materiality cases from one real section: each edit applied to `perEdit` factors spread
 * through the section, so every document contributes cases of every class it can. Pure and
 * deterministic (the same section gives the same cases).
 */
export function seedMaterialityCases(doc: string, section: DiffInput, perEdit = 2): SeededCase[] {
  const n = section.riskFactors.length;
  if (n < 4) return [];
  const out: SeededCase[] = [];
  const starts = Array.from({ length: perEdit }, (_, k) => Math.floor(((k + 0.5) * n) / perEdit));
  const push = (name: string, expected: MaterialityClass, edit: Edit) => {
    starts.forEach((start, k) => {
      const newSection = editOne(section, start, edit);
      if (newSection) out.push({ name: `${doc} ${name} #${k + 1}`, expected, newSection });
    });
  };
  for (const [name, edit] of Object.entries(FIGURE_EDITS)) push(name, 'figures', edit);
  for (const [name, edit] of Object.entries(EDITORIAL_EDITS)) push(name, 'editorial', edit);
  Object.entries(SUBSTANTIVE_EDITS).forEach(([name, edit], j) =>
    push(name, 'substantive', edit(j + doc.length)),
  );
  return out;
}
