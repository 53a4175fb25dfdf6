/** Named scores, higher is better. */
export type Scores = Record<string, number>;

const EPSILON = 1e-9;

/**
 * Compares scores with the best recorded: any drop is a failure; improvements are reported
 * and merged into `next` so the bar only rises. Scores absent from the record are new bars.
 */
export function checkRatchet(
  best: Scores,
  current: Scores,
): { drops: string[]; improved: string[]; next: Scores } {
  const drops: string[] = [];
  const improved: string[] = [];
  const next: Scores = { ...best };
  for (const [k, v] of Object.entries(current)) {
    if (k === 'documents' || k === 'cases') continue;
    const was = best[k];
    if (was === undefined || v > was + EPSILON) {
      improved.push(`${k} ${was === undefined ? '(new)' : was.toFixed(4)} -> ${v.toFixed(4)}`);
      next[k] = v;
    } else if (v < was - EPSILON) drops.push(`${k} fell from ${was.toFixed(4)} to ${v.toFixed(4)}`);
  }
  for (const k of Object.keys(best))
    if (!(k in current)) drops.push(`${k} was recorded (${best[k]}) but is no longer measured`);
  return { drops, improved, next };
}
