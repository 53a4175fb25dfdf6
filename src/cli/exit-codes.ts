/** Exit codes, after sysexits(3) where one fits. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  config: 78,
} as const;
