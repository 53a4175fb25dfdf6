import { tokenize } from './tokens.js';

/** How many times a phrase occurs in a text, word-aligned, case- and noise-insensitive. */
export function countPhrase(text: string, phrase: string): number {
  const t = ` ${tokenize(text).norm.join(' ').toLowerCase().replace(/[^\p{L}\p{N}' -]+/gu, ' ').replace(/\s+/g, ' ')} `;
  const p = ` ${tokenize(phrase).norm.join(' ').toLowerCase().replace(/[^\p{L}\p{N}' -]+/gu, ' ').replace(/\s+/g, ' ').trim()}`;
  if (p.trim() === '') return 0;
  let n = 0;
  // Allow a plural or possessive ending: "export control" finds "export controls".
  const re = new RegExp(`${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(s|es|'s)?(?= )`, 'g');
  while (re.exec(t) !== null) n++;
  return n;
}
