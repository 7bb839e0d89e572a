/** Facts about the request itself, read the same way by every route. */
import type { Context } from 'hono';

/** The client's address as Cloudflare saw it; "unknown" in local runs without the header. */
export const clientIp = (c: Context) => c.req.header('cf-connecting-ip') ?? 'unknown';
