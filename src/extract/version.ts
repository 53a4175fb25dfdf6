/**
 * The extractor's version, stored with every extracted section (`sections.extractor_version`).
 * Bump it whenever a change to extraction can change what a filing yields: `regwatch
 * reprocess` then re-extracts stored filings, and diffs compare sections of one version only.
 */
export const EXTRACTOR_VERSION = '2026.12.4';
