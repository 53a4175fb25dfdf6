/**
 * The keys that appear more than once at the top level of one JSON log line (pino writes a
 * child's bindings and a call's fields side by side, so `source` can appear twice; JSON.parse
 * would silently keep the last).
 */
export function repeatedTopLevelKeys(line: string): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  let depth = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    else if (c === '"') {
      let j = i + 1;
      while (j < line.length && line[j] !== '"') j += line[j] === '\\' ? 2 : 1;
      const isKey = depth === 1 && /^\s*:/.test(line.slice(j + 1, j + 3));
      if (isKey) {
        const key = line.slice(i + 1, j);
        if (seen.has(key)) repeated.add(key);
        seen.add(key);
      }
      i = j;
    }
  }
  return [...repeated];
}
