/**
 * Secrets for local runs only (`npm start`, the browser tests, the benchmark and the test pool),
 * so they need no `.dev.vars`. Deployed workers get theirs from `wrangler secret put`.
 */
export const LOCAL_SECRETS = {
  STAMP_PIN_KEYS: JSON.stringify({ 1: 'local-development-only-pin-key' }),
} as const;

/**
 * The environment for a local `wrangler dev`: wrangler reads required secrets from the process
 * environment, and one already set there (or in `.dev.vars`) is left as it is.
 */
export function withLocalSecrets(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const missing = Object.entries(LOCAL_SECRETS).filter(([name]) => env[name] === undefined);
  return { ...Object.fromEntries(missing), ...env };
}
