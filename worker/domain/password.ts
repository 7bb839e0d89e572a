/** What the platform accepts as a password; hashing lives in worker/crypto/password.ts. */

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;
