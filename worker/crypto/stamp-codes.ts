/** Random serials, PINs and trace codes for stamps (their alphabet and shape: worker/domain/stamp-codes.ts). */
import {
  BITS_PER_CHARACTER,
  encodeCrockford,
  PIN_LENGTH,
  SERIAL_LENGTH,
  TRACE_CODE_LENGTH,
} from '../domain/stamp-codes';
import { randomBytes } from './random';

const randomCrockford = (length: number): string =>
  encodeCrockford(randomBytes(Math.ceil((length * BITS_PER_CHARACTER) / 8)), length);

export const generateSerial = (): string => randomCrockford(SERIAL_LENGTH);

/** `count` distinct serials for one print run. */
export function generateSerials(count: number): string[] {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`not a number of serials: ${count}`);
  const serials = new Set<string>();
  // A repeat among 60-bit values is all but impossible, but a print run must never carry two equal stamps.
  while (serials.size < count) serials.add(generateSerial());
  return [...serials];
}

export const generatePin = (): string => randomCrockford(PIN_LENGTH);

export const generateTraceCode = (): string => randomCrockford(TRACE_CODE_LENGTH);
