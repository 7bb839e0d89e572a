import { rateLimits } from '../../worker/domain/rate-limit';

const WINDOWS = [...new Set(Object.values(rateLimits).map((rule) => rule.windowMs))];

/**
 * Rate limits count in fixed windows (`windowStart` in worker/domain/rate-limit.ts): a test that
 * counts up to a limit while a window ends sees its count start again and fails by chance. Wait
 * until every window has at least `marginMs` left, so the whole test runs inside one window.
 */
export async function clearOfWindowEdges(marginMs = 20_000): Promise<void> {
  for (;;) {
    const now = Date.now();
    const wait = Math.max(
      0,
      ...WINDOWS.map((windowMs) => {
        const left = windowMs - (now % windowMs);
        return left < marginMs ? left + 100 : 0;
      }),
    );
    if (wait === 0) return;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
