/**
 * The SEC blocks an organisation that exceeds 10 requests/second with HTTP 403 (not 429) and an
 * HTML page titled "SEC.gov | Request Rate Threshold Exceeded"; the block lifts after ~10 minutes
 * below the limit and is extended by further traffic
 * (https://www.sec.gov/os/webmaster-faq#code-support). A plain 403 is something else.
 */
export function isSecThresholdPage(status: number, body: Buffer | string): boolean {
  if (status !== 403) return false;
  const text = typeof body === 'string' ? body : body.subarray(0, 64 * 1024).toString('latin1');
  return (
    /<title>[^<]*Request Rate Threshold Exceeded[^<]*<\/title>/i.test(text) ||
    /Request Rate Threshold Exceeded/i.test(text)
  );
}

/** How long all SEC traffic stops after the threshold page: the SEC's own ~10 minutes. */
export const SEC_THRESHOLD_PAUSE_MS = 10 * 60 * 1000;
