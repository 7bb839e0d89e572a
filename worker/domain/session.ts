/** Session lifetime rules: a session ends after a quiet spell or, whatever happens, after a fixed time. */

export const SESSION_IDLE_MS = 3 * 24 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 30 * 24 * 60 * 60 * 1000;
/** Extending the idle deadline at most this often keeps reads from turning into writes. */
export const SESSION_TOUCH_INTERVAL_MS = 5 * 60 * 1000;

export interface SessionTimes {
  lastSeenAt: string;
  idleExpiresAt: string;
  absoluteExpiresAt: string;
}

export function newSessionTimes(now: Date): SessionTimes {
  return {
    lastSeenAt: now.toISOString(),
    idleExpiresAt: new Date(now.getTime() + SESSION_IDLE_MS).toISOString(),
    absoluteExpiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString(),
  };
}

export function isSessionLive(session: SessionTimes, now: Date): boolean {
  const at = now.toISOString();
  return session.idleExpiresAt > at && session.absoluteExpiresAt > at;
}

/** New idle deadline when the session is used, or null when the last extension is recent enough. */
export function touchedIdleExpiry(session: SessionTimes, now: Date): string | null {
  if (now.getTime() - new Date(session.lastSeenAt).getTime() < SESSION_TOUCH_INTERVAL_MS) return null;
  const idle = new Date(now.getTime() + SESSION_IDLE_MS).toISOString();
  return idle < session.absoluteExpiresAt ? idle : session.absoluteExpiresAt;
}
