/**
 * Secrets for local runs only (`npm start`, the browser tests, the benchmark and the test pool),
 * so they need no `.dev.vars`. Deployed workers get theirs from `wrangler secret put`.
 */
export const LOCAL_SECRETS = {
  STAMP_PIN_KEYS: JSON.stringify({ 1: 'local-development-only-pin-key' }),
} as const;

/** `wrangler dev` arguments that set the local secrets. */
export const localSecretArgs = (): string[] =>
  Object.entries(LOCAL_SECRETS).flatMap(([name, value]) => ['--var', `${name}:${value}`]);
