import { describe, expect, it } from 'vitest';
import {
  isSessionLive,
  newSessionTimes,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  touchedIdleExpiry,
} from '../../worker/domain/session';

const start = new Date('2026-11-25T00:00:00.000Z');
const later = (ms: number) => new Date(start.getTime() + ms);

describe('session lifetime', () => {
  it('is live until the idle deadline when unused', () => {
    const session = newSessionTimes(start);
    expect(isSessionLive(session, later(SESSION_IDLE_MS - 1))).toBe(true);
    expect(isSessionLive(session, later(SESSION_IDLE_MS))).toBe(false);
  });

  it('extends the idle deadline on use, but never past the absolute deadline', () => {
    let session = newSessionTimes(start);
    for (let day = 1; day <= 40; day++) {
      const now = later(day * 24 * 60 * 60 * 1000);
      if (!isSessionLive(session, now)) {
        expect(now.getTime() - start.getTime()).toBeGreaterThanOrEqual(SESSION_ABSOLUTE_MS);
        return;
      }
      const idle = touchedIdleExpiry(session, now);
      if (idle) session = { ...session, lastSeenAt: now.toISOString(), idleExpiresAt: idle };
    }
    throw new Error('a session used every day outlived its absolute lifetime');
  });

  it('does not write on every request: a recent extension is enough', () => {
    const session = newSessionTimes(start);
    expect(touchedIdleExpiry(session, later(60_000))).toBeNull();
    expect(touchedIdleExpiry(session, later(10 * 60_000))).not.toBeNull();
  });
});
