/** Bodies that are answers, not data: recognised before a parser could mistake them for either. */

/** EDGAR's fair-access block page (HTTP 403), which must never be read as "not found". */
export function isRateThresholdPage(body: string): boolean {
  return /Request Rate Threshold Exceeded/i.test(body);
}

/** The S3 error EDGAR's Archives return for a daily index that does not exist (non-business day, not yet published). */
export function isS3MissingKeyBody(body: string): boolean {
  return /<Error>\s*<Code>\s*(AccessDenied|NoSuchKey)\s*<\/Code>/i.test(body);
}
