import { readFileSync, writeFileSync } from 'node:fs';
import { startFakeEdgar } from './dist-tools/test/helpers/edgar-server.js';
const e = await startFakeEdgar();
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date());
e.add({ cik: '1234567', company: 'Acme Chips Inc', form: 'S-1', accession: '0001234567-26-000001', filingDate: today, acceptedAt: new Date(Date.now() - 3600e3).toISOString(), fileNumber: '333-280001', primary: { filename: 's1.htm', body: readFileSync('test/fixtures/diff/s1-original.htm') } });
writeFileSync('/tmp/user/url', e.url);
setTimeout(() => { e.add({ cik: '1234567', company: 'Acme Chips Inc', form: 'S-1/A', accession: '0001234567-26-000002', filingDate: today, acceptedAt: new Date().toISOString(), fileNumber: '333-280001', primary: { filename: 's1a.htm', body: readFileSync('test/fixtures/diff/s1-amendment.htm') } }); writeFileSync('/tmp/user/added', '1'); }, 15000);
setTimeout(() => process.exit(0), 60000);
