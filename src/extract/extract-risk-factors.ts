import { createHash } from 'node:crypto';
import { blockWords, htmlToBlocks, type Block } from './blocks.js';
import { assessConfidence, notFoundConfidence } from './confidence.js';
import { decodeBytes, primaryDocument } from './decode.js';
import { detectForm, formFamily } from './detect-form.js';
import { findFurniture } from './furniture.js';
import { locateSection, NOT_APPLICABLE } from './locate-section.js';
import { plainTextToHtml } from './plain-text.js';
import { preformattedText } from './preformatted.js';
import { splitRiskFactors } from './split-risk-factors.js';
import { binaryKind } from '../text/binary-kind.js';
import { normalizeForMatch, words } from '../text/normalize.js';
import type { ExtractionResult, RiskFactor } from './types.js';

export type { Confidence, Doubt, ExtractionResult, RiskFactor, SectionInfo } from './types.js';

const FIRST_LAST_WORDS = 12;

export interface ExtractOptions {
  /** The form (S-1, 10-K, 424B4 ...); detected from the document when absent. */
  form?: string;
}

function notFound(
  form: string | null,
  reason: string,
  statedNotApplicable = false,
): ExtractionResult {
  return {
    form,
    found: false,
    reason,
    section: null,
    categories: [],
    riskFactors: [],
    preamble: '',
    summary: null,
    categoryIntros: [],
    warnings: [],
    confidence: notFoundConfidence(reason, statedNotApplicable),
  };
}

/**
 * Finds the Risk Factors section of a filing and splits it into risk factors. Pure: bytes in,
 * a result out. When the section is absent or cannot be delimited with confidence, returns
 * `found: false` with the reason. Only what bad input can cause is caught (a document too
 * large for a string or too deep for the stack: a `RangeError`); any other error is a bug and
 * surfaces as one.
 */
export function extractRiskFactors(
  input: Uint8Array | string,
  options: ExtractOptions = {},
): ExtractionResult {
  try {
    return extract(input, options);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    return notFound(options.form ?? null, `could not read the document: ${err.message}`);
  }
}

function extract(input: Uint8Array | string, options: ExtractOptions): ExtractionResult {
  const read = readBlocks(input, options);
  return 'blocks' in read ? extractFromBlocks(read.blocks, read.form) : read;
}

/** A document read into blocks, with its form; or why it has none. */
export type ReadDocument = { blocks: Block[]; form: string | null } | ExtractionResult;

/** The first half of extraction: bytes to blocks and the form. Exported for the evaluation's damaged copies. */
export function readBlocks(input: Uint8Array | string, options: ExtractOptions = {}): ReadDocument {
  const text = typeof input === 'string' ? input : decodeBytes(input);
  if (text.trim().length === 0) return notFound(options.form ?? null, 'the document is empty');
  const binary = binaryKind(text);
  if (binary) return notFound(options.form ?? null, `the document is not text (${binary.phrase})`);
  const doc = primaryDocument(text, options.form);
  const plain = doc.isHtml ? preformattedText(doc.markup) : doc.markup;
  const blocks = htmlToBlocks(plain === null ? doc.markup : plainTextToHtml(plain));
  const form =
    options.form ??
    doc.sgmlType ??
    detectForm(
      blocks
        .slice(0, 400)
        .map((b) => b.text)
        .join('\n'),
    );
  if (blocks.length === 0) return notFound(form, 'the document has no text');
  return { blocks, form };
}

/**
 * The second half: finds the section among the blocks and splits it. Pure; exported so the
 * evaluation can damage blocks on purpose (bold removed, item numbers removed) and see whether
 * the confidence says so.
 */
export function extractFromBlocks(blocks: Block[], form: string | null): ExtractionResult {
  const furniture = findFurniture(blocks);
  const family = formFamily(form);
  const located = locateSection(blocks, furniture, family);
  if (!located.ok) return notFound(form, located.reason);
  const { start, end, heading } = located.bounds;
  const body: Block[] = [];
  for (let i = start + 1; i < end; i++) if (!furniture[i]) body.push(blocks[i]!);
  const joined = joinPageSplits(body);
  const sectionWords = joined.reduce((n, b) => n + blockWords(b), 0);
  if (sectionWords < 60) {
    const bodyText = joined
      .map((b) => b.text)
      .join(' ')
      .trim();
    if (NOT_APPLICABLE.test(bodyText))
      return notFound(form, `${heading} states: ${bodyText.slice(0, 120)}`, true);
  }
  const split = splitRiskFactors(joined);
  const riskFactors = toRiskFactors(split.factors);
  const lastParagraphs =
    riskFactors.length > 0
      ? split.factors[split.factors.length - 1]!.paragraphs
      : joined.map((b) => b.text);
  return {
    form,
    found: true,
    reason: null,
    section: {
      heading,
      wordCount: sectionWords,
      firstWords: edgeWords(
        joined.map((b) => b.text),
        'first',
      ),
      lastWords: edgeWords(
        lastParagraphs.length > 0 ? lastParagraphs : joined.map((b) => b.text),
        'last',
      ),
    },
    categories: split.categories,
    riskFactors,
    preamble: split.preamble.join('\n\n'),
    summary: split.summary,
    categoryIntros: split.categoryIntros,
    warnings:
      riskFactors.length === 0 && sectionWords >= 1000
        ? [
            ...split.warnings,
            `the section has ${sectionWords} words but no risk-factor headings were recognised (no bold, italic or underlined headings)`,
          ]
        : split.warnings,
    confidence: assessConfidence({
      family,
      blocks,
      furniture,
      bounds: located.bounds,
      sectionWords,
      split,
    }),
  };
}

function toRiskFactors(factors: ReturnType<typeof splitRiskFactors>['factors']): RiskFactor[] {
  const seen = new Map<string, number>();
  return factors.map((f) => {
    const base = createHash('sha256')
      .update(normalizeForMatch(f.heading))
      .digest('hex')
      .slice(0, 16);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return {
      id: n === 1 ? base : `${base}-${n}`,
      category: f.category,
      heading: f.heading,
      text: f.paragraphs.join('\n\n'),
      wordCount: f.wordCount,
    };
  });
}

/**
 * A paragraph broken by a page break (furniture removed between the halves) continues in a
 * block that starts in lower case: join the halves so headings and word lists read whole.
 */
function joinPageSplits(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const b of blocks) {
    const prev = out[out.length - 1];
    if (
      prev &&
      /^[a-z]/.test(b.text) &&
      !/[.:;!?]["”’)]?$/.test(prev.text) &&
      prev.bold < prev.chars * 0.5 &&
      b.bold < b.chars * 0.5
    ) {
      out[out.length - 1] = {
        ...prev,
        text: `${prev.text} ${b.text}`,
        chars: prev.chars + b.chars,
        bold: prev.bold + b.bold,
        italic: prev.italic + b.italic,
        underline: prev.underline + b.underline,
      };
    } else out.push(b);
  }
  return out;
}

/** The first or last 12 words of a run of paragraphs, reading only as many paragraphs as needed. */
function edgeWords(paragraphs: string[], which: 'first' | 'last'): string {
  const out: string[] = [];
  if (which === 'first') {
    for (let i = 0; i < paragraphs.length && out.length < FIRST_LAST_WORDS; i++)
      out.push(...words(paragraphs[i]!));
    return out.slice(0, FIRST_LAST_WORDS).join(' ');
  }
  for (let i = paragraphs.length - 1; i >= 0 && out.length < FIRST_LAST_WORDS; i--)
    out.unshift(...words(paragraphs[i]!));
  return out.slice(-FIRST_LAST_WORDS).join(' ');
}
