/**
 * The request ceilings each host publishes: the schema's bounds, the limiter's cap and the
 * messages that name them all read these, so a ceiling is written once.
 */

/** The SEC's fair-access ceiling, per organisation across www, data and efts (sec.gov/os/accessing-edgar-data). */
export const SEC_MAX_REQUESTS_PER_SECOND = 10;

/** The Federal Register maintainers ask for at most this many requests per second. */
export const FEDERAL_REGISTER_MAX_REQUESTS_PER_SECOND = 5;
