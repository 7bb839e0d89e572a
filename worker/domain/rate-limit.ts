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
