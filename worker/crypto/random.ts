/** Every random value the platform makes comes from here: WebCrypto's CSPRNG, never Math.random. */
import { toBase64Url } from './encoding';

export const randomBytes = (count: number): Uint8Array<ArrayBuffer> => crypto.getRandomValues(new Uint8Array(count));

/** A URL-safe random token with `bytes` bytes of entropy (32 by default: 256 bits). */
export const randomToken = (bytes = 32): string => toBase64Url(randomBytes(bytes));

export const randomUuid = (): string => crypto.randomUUID();

/** A random whole number below 2³². */
export const randomWord = (): number => crypto.getRandomValues(new Uint32Array(1))[0]!;
