// Child process for the memory measurement: extracts (or only parses) one file, prints peak RSS in MB.
import { readFileSync } from 'node:fs';
import { Parser } from 'htmlparser2';
import { decodeBytes } from '../src/extract/decode.js';
import { extractRiskFactors } from '../src/extract/extract-risk-factors.js';

const [mode, file] = process.argv.slice(2);
const bytes = readFileSync(file!);
if (mode === 'htmlparser2') {
  const p = new Parser({}, { decodeEntities: true });
  p.write(decodeBytes(bytes));
  p.end();
} else {
  extractRiskFactors(bytes);
}
process.stdout.write(String(process.resourceUsage().maxRSS / 1024));
