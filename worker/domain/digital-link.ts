/**
 * The URL printed in a stamp's QR code, in GS1 Digital Link form:
 *
 *   https://{HOST}/01/{GTIN-14}/10/{LOT}/21/{SERIAL}   a product with a GTIN
 *   https://{HOST}/T/{TRACE-CODE}/{SERIAL}             a product without one
 *
 * After its lower-case scheme it is printed in upper case, because a QR code holding only digits,
 * upper-case letters and ` $%*+-./:` can use alphanumeric mode, which stores 5.5 bits a character
 * instead of 8: the longest allowed URL (68 characters) then fits QR version 4 at error-correction
 * level M, the scheme in a short byte segment of its own. Phones may show or send it in lower case,
 * so the parser accepts either, and a trailing slash; stamps printed wholly upper case
 * (`HTTPS://…`) before the scheme was lower-cased keep working, as the server reads only the path.
 */

import { gtinCheckDigit, isValidGtin } from './gtin';
import { isSerial } from './stamp-codes';

/** GS1 application identifiers used in the path, in the order Digital Link requires. */
export const GS1_AI_GTIN = '01';
export const GS1_AI_LOT = '10';
export const GS1_AI_SERIAL = '21';
/** First path segment of a stamp for a product without a GTIN; not a GS1 identifier, so it cannot clash with one. */
export const TRACE_PATH_PREFIX = 'T';

export const GTIN14_LENGTH = 14;

/** A producer's batch number: a subset of GS1's lot characters that needs no percent-encoding and stays alphanumeric. */
export const LOT_MAX_LENGTH = 10;
export const LOT_PATTERN = /^[0-9A-Z]{1,10}$/;

/**
 * The platform's own identifier for a product that has no GTIN: 4 to 12 upper-case letters or
 * digits. At least 4 so codes are not guessed by walking a short range; at most 12 so a trace
 * stamp's URL is never longer than a GTIN stamp's.
 */
export const TRACE_CODE_MIN_LENGTH = 4;
export const TRACE_CODE_MAX_LENGTH = 12;
export const TRACE_CODE_PATTERN = /^[0-9A-Z]{4,12}$/;

/**
 * The host printed on stamps (configuration): a host name of at most 12 characters, which keeps
 * the longest URL within QR version 4 at level M. Its last label starts with a letter, as a
 * top-level domain does; URL parsers take a host ending in a number for an IPv4 address.
 */
export const STAMP_HOST_MAX_LENGTH = 12;
export const STAMP_HOST_PATTERN = /^(?:[A-Z0-9](?:[A-Z0-9-]*[A-Z0-9])?\.)*[A-Z](?:[A-Z0-9-]*[A-Z0-9])?$/i;

export interface GtinStamp {
  kind: 'gtin';
  /** Always 14 digits once parsed or printed. */
  gtin: string;
  lot: string;
  serial: string;
}

export interface TraceStamp {
  kind: 'trace';
  traceCode: string;
  serial: string;
}

export type StampIdentity = GtinStamp | TraceStamp;

/** Why a path is not a stamp; every one of them is a 400. */
export type StampPathError =
  'malformed' | 'invalid_gtin' | 'check_digit' | 'invalid_lot' | 'invalid_trace_code' | 'invalid_serial';

export type StampPathResult = StampIdentity | { error: StampPathError };

/** A valid GTIN-8, -12, -13 or -14 padded with leading zeros to the 14 digits Digital Link prints. */
export const toGtin14 = (gtin: string): string => gtin.padStart(GTIN14_LENGTH, '0');

/** Whether `candidate` is all digits, as many as a GTIN has, whatever its check digit says. */
function hasGtinShape(candidate: string): boolean {
  const body = candidate.slice(0, -1);
  return /\d$/.test(candidate) && isValidGtin(body + gtinCheckDigit(body));
}

/** The path of a stamp's URL, upper case. Throws on an identity that must never be printed. */
export function buildStampPath(stamp: StampIdentity): string {
  if (!isSerial(stamp.serial)) throw new RangeError(`not a stamp serial: ${stamp.serial}`);
  if (stamp.kind === 'trace') {
    if (!TRACE_CODE_PATTERN.test(stamp.traceCode)) throw new RangeError(`not a trace code: ${stamp.traceCode}`);
    return `/${TRACE_PATH_PREFIX}/${stamp.traceCode}/${stamp.serial}`;
  }
  if (!isValidGtin(stamp.gtin)) throw new RangeError(`not a valid GTIN: ${stamp.gtin}`);
  if (!LOT_PATTERN.test(stamp.lot)) throw new RangeError(`not a stamp lot: ${stamp.lot}`);
  return `/${GS1_AI_GTIN}/${toGtin14(stamp.gtin)}/${GS1_AI_LOT}/${stamp.lot}/${GS1_AI_SERIAL}/${stamp.serial}`;
}

/**
 * The URL printed in the stamp's QR code: a lower-case scheme, as GS1's own toolkit and scanner
 * apps that look for "http" at the start expect, and the rest upper case, which the QR code keeps
 * in its compact alphanumeric mode (the encoder puts the scheme in a short byte segment of its own).
 */
export function buildStampUrl(host: string, stamp: StampIdentity): string {
  if (host.length > STAMP_HOST_MAX_LENGTH || !STAMP_HOST_PATTERN.test(host)) {
    throw new RangeError(`not a stamp host: ${host}`);
  }
  return `https://${host.toUpperCase()}${buildStampPath(stamp)}`;
}

// Only ASCII letters are folded: String#toUpperCase would turn "ß" into "SS" or "ı" into "I"
// and let characters that were never printed pass for a lot or a serial.
const asciiUpperCase = (text: string) => text.replace(/[a-z]+/g, (letters) => letters.toUpperCase());

/**
 * Reads a request path (without the query string) as printed or in lower case, with or without
 * one trailing slash. Never throws: anything that is not a stamp comes back as an error reason.
 */
export function parseStampPath(path: string): StampPathResult {
  const segments = asciiUpperCase(path.endsWith('/') ? path.slice(0, -1) : path).split('/');
  const [root, first] = segments;
  if (root !== '') return { error: 'malformed' };

  if (first === TRACE_PATH_PREFIX && segments.length === 4) {
    const [, , traceCode, serial] = segments as [string, string, string, string];
    if (!TRACE_CODE_PATTERN.test(traceCode)) return { error: 'invalid_trace_code' };
    if (!isSerial(serial)) return { error: 'invalid_serial' };
    return { kind: 'trace', traceCode, serial };
  }

  if (first === GS1_AI_GTIN && segments.length === 7 && segments[3] === GS1_AI_LOT && segments[5] === GS1_AI_SERIAL) {
    const [, , gtin, , lot, , serial] = segments as [string, string, string, string, string, string, string];
    // Digital Link resolvers also accept GTIN-8, -12 and -13 in the path; they name the same product.
    if (!hasGtinShape(gtin)) return { error: 'invalid_gtin' };
    if (!isValidGtin(gtin)) return { error: 'check_digit' };
    if (!LOT_PATTERN.test(lot)) return { error: 'invalid_lot' };
    if (!isSerial(serial)) return { error: 'invalid_serial' };
    return { kind: 'gtin', gtin: toGtin14(gtin), lot, serial };
  }

  return { error: 'malformed' };
}
