/** Fixed-window limits: how many attempts a key may make per window. */

export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

export const rateLimits = {
  /** Wrong passwords against one account. */
  loginPerAccount: { limit: 5, windowMs: 15 * 60 * 1000 },
  /** Login attempts from one IP address, whatever the account. */
  loginPerIp: { limit: 30, windowMs: 15 * 60 * 1000 },
  /**
   * Look-ups of stamp serials that do not exist, from one IP address (page, JSON and beacon each
   * count). A person meets an unknown code now and then; a run of them is someone walking the
   * serial space. Generous, because Vietnamese mobile carriers put many phones behind one address.
   */
  unknownStampsPerIp: { limit: 60, windowMs: 15 * 60 * 1000 },
  /**
   * Scans counted from one IP address, on any stamps: a shop checking its shelf scans a few dozen
   * packages in a quarter of an hour; a script inflating a stamp's counters is cut off here.
   */
  beaconsPerIp: { limit: 60, windowMs: 15 * 60 * 1000 },
  /** Scratch-PIN entries from one IP address, on any stamps: each stamp also locks itself after 5 wrong ones. */
  stampPinsPerIp: { limit: 60, windowMs: 15 * 60 * 1000 },
  /** Suspected-fake reports from one IP address; each may carry a photo. */
  fakeReportsPerIp: { limit: 10, windowMs: 60 * 60 * 1000 },
} satisfies Record<string, RateLimitRule>;

/** Start of the window that `now` falls in, so every counter of a rule rolls over together. */
export function windowStart(rule: RateLimitRule, now: Date): string {
  return new Date(Math.floor(now.getTime() / rule.windowMs) * rule.windowMs).toISOString();
}

/** Minutes until the window of `now` ends, rounded up, for the "try again in n minutes" message. */
export function minutesUntilReset(rule: RateLimitRule, now: Date): number {
  const end = Math.floor(now.getTime() / rule.windowMs) * rule.windowMs + rule.windowMs;
  return Math.max(1, Math.ceil((end - now.getTime()) / 60_000));
}
