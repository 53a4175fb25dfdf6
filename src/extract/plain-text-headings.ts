import { wordCount } from '../text/normalize.js';
import {
  CENTRED_INDENT,
  escapeHtml,
  MIN_PHRASE_BODY_WORDS,
  type Paragraph,
} from './plain-text-paragraph.js';

// Which of the paragraphs whose reading depends on their neighbours are headings: a sentence
// wrapped over a few lines, a Title-Case line, a one-line sentence.

/**
 * Which one-line sentences are headings. A heading introduces a body, so in a run of one-line
 * sentences headings and bodies alternate, and the run's last sentence is a heading only when
 * a body paragraph follows the run (page numbers between them aside). "We have never made a
 * profit." / "We have lost money in every quarter." / "We need more money." / <paragraph> reads
 * heading, body, heading.
 */
export function findSentenceHeadings(paras: Paragraph[]): Set<number> {
  const headings = new Set<number>();
  let i = 0;
  while (i < paras.length) {
    if (paras[i]!.kind !== 'sentence-line') {
      i++;
      continue;
    }
    const run: number[] = [];
    let j = i;
    for (; j < paras.length; j++) {
      const k = paras[j]!.kind;
      if (k === 'sentence-line') run.push(j);
      else if (k !== 'page') break;
    }
    const next = paras[j];
    let heading = next !== undefined && next.kind === 'other' && next.plain;
    for (let r = run.length - 1; r >= 0; r--) {
      if (heading) headings.add(run[r]!);
      heading = !heading;
    }
    i = j;
  }
  return headings;
}

/**
 * A sentence wrapped over a few lines is a heading when set flush against a body indented
 * further ("We have a history of losses and may not\nbecome profitable." then an indented
 * paragraph); otherwise it is a short body paragraph. Headings are then decided with the
 * one-line sentences.
 */
export function resolveWrappedSentences(paras: Paragraph[]): void {
  // From the end, so that the paragraph after each one is already decided (bodies can be wrapped sentences too).
  for (let i = paras.length - 1; i >= 0; i--) {
    const p = paras[i]!;
    if (p.kind !== 'wrapped-sentence') continue;
    let j = i + 1;
    while (j < paras.length && paras[j]!.kind === 'page') j++;
    const next = paras[j];
    paras[i] =
      next !== undefined && next.kind === 'other' && next.plain && next.indent > p.indent
        ? { kind: 'sentence-line', text: p.text }
        : { kind: 'other', html: `<p>${escapeHtml(p.text)}</p>`, plain: true, indent: p.indent };
  }
}

/**
 * A Title-Case line is a heading when a body paragraph follows it ("Raw Material Costs" over
 * the paragraph on them), centred when indented far (a section title); otherwise it is text.
 */
export function resolveTitleLines(paras: Paragraph[]): void {
  for (let i = 0; i < paras.length; i++) {
    const p = paras[i]!;
    if (p.kind !== 'title-line') continue;
    let j = i + 1;
    while (j < paras.length && paras[j]!.kind === 'page') j++;
    const next = paras[j];
    const fullBody = (html: string) =>
      wordCount(html.replace(/<[^>]*>/g, ' ')) >= MIN_PHRASE_BODY_WORDS;
    const heading =
      next !== undefined &&
      next.kind === 'other' &&
      next.plain &&
      (!p.sentenceCase || fullBody(next.html));
    const center = p.indent >= CENTRED_INDENT ? ' align="center"' : '';
    paras[i] = {
      kind: 'other',
      html: heading
        ? `<p${center}><b>${escapeHtml(p.text)}</b></p>`
        : `<p>${escapeHtml(p.text)}</p>`,
      plain: !heading,
      indent: p.indent,
    };
  }
}
