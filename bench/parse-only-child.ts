// The baseline process of bench:startup: read one filing and parse it with htmlparser2, nothing
// else (the floor for any HTML extractor, as in bench:extract, but as a whole process).
import { readFileSync } from 'node:fs';
import { Parser } from 'htmlparser2';
import { decodeBytes } from '../src/extract/decode.js';

const p = new Parser({}, { decodeEntities: true });
p.write(decodeBytes(readFileSync(process.argv[2]!)));
p.end();
