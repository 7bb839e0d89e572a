/**
 * Which requests at a stamp URL count as a person's scan, and where a scan comes from. Pure: the
 * caller passes the request's method, headers and Cloudflare's `request.cf` location fields.
 */
import type { StampIdentity } from './digital-link';
import { isRobot } from './user-agent';

/** The cookie with a random id per browser, so repeat scans by one phone are told apart from scans by many. */
export const DEVICE_COOKIE = 'scan_device';

/** Why a request is not counted as a scan; null when it is counted. */
export type UncountedReason = 'not_a_beacon' | 'prefetch' | 'robot';

export interface ScanRequestFacts {
  method: string;
  /** Reads a request header, case-insensitively; null when absent. */
  header: (name: string) => string | null | undefined;
}

/**
 * Browsers announce speculative loads: Chrome and Edge send "Sec-Purpose: prefetch" (with
 * ";prerender" for a prerender), older Chrome and Safari "Purpose: prefetch", Firefox
 * "X-Moz: prefetch"; some link previews send "X-Purpose: preview".
 */
export function isSpeculative(header: ScanRequestFacts['header']): boolean {
  const purpose = [header('sec-purpose'), header('purpose'), header('x-purpose'), header('x-moz')]
    .filter((value): value is string => typeof value === 'string')
    .join(',')
    .toLowerCase();
  return /prefetch|prerender|preview/.test(purpose);
}

/**
 * A scan is counted only from the beacon a page sends once a person has it in front of them:
 * a POST, never a GET or HEAD (which link previews, prefetches and crawlers also send), and not
 * from a robot or a speculative load even then.
 */
export function uncountedReason({ method, header }: ScanRequestFacts): UncountedReason | null {
  if (method.toUpperCase() !== 'POST') return 'not_a_beacon';
  if (isSpeculative(header)) return 'prefetch';
  if (isRobot(header('user-agent'))) return 'robot';
  return null;
}

/**
 * ISO 3166-2:VN subdivision codes (what `request.cf.regionCode` gives for Vietnam; the
 * 63 provinces before July 2025) → the code of the province each one belongs to since the
 * July 2025 reorganisation (db/reference/provinces.json).
 */
const PROVINCE_OF_REGION: Readonly<Record<string, string>> = {
  HN: '01',
  '04': '04',
  '03': '08',
  '07': '08',
  '71': '11',
  '01': '12',
  '05': '14',
  '02': '15',
  '06': '15',
  '53': '19',
  '69': '19',
  '09': '20',
  '13': '22',
  '54': '24',
  '56': '24',
  '14': '25',
  '68': '25',
  '70': '25',
  HP: '31',
  '61': '31',
  '20': '33',
  '66': '33',
  '18': '37',
  '63': '37',
  '67': '37',
  '21': '38',
  '22': '40',
  '23': '42',
  '24': '44',
  '25': '44',
  '26': '46',
  DN: '48',
  '27': '48',
  '28': '51',
  '29': '51',
  '30': '52',
  '31': '52',
  '34': '56',
  '36': '56',
  '32': '66',
  '33': '66',
  '35': '68',
  '40': '68',
  '72': '68',
  '39': '75',
  '58': '75',
  SG: '79',
  '43': '79',
  '57': '79',
  '37': '80',
  '41': '80',
  '45': '82',
  '46': '82',
  '49': '86',
  '50': '86',
  '51': '86',
  '44': '91',
  '47': '91',
  CT: '92',
  '52': '92',
  '73': '92',
  '55': '96',
  '59': '96',
};

/** The location fields of `request.cf` a scan records. */
export interface ScanLocationFacts {
  country?: string | null;
  region?: string | null;
  regionCode?: string | null;
}

export interface ScanLocation {
  /** A province code of ours for a scan in Vietnam; else the region as Cloudflare names it; null when unknown. */
  province: string | null;
  /** ISO 3166-1 alpha-2 country code, when known. */
  country: string | null;
}

/** Where a scan comes from, as precisely as Cloudflare's IP geolocation allows. */
export function scanLocation(cf: ScanLocationFacts | null | undefined): ScanLocation {
  const country = cf?.country?.trim().toUpperCase() || null;
  const regionCode = cf?.regionCode?.trim().toUpperCase().replace(/^VN-/, '');
  const mapped = country === 'VN' && regionCode ? PROVINCE_OF_REGION[regionCode] : undefined;
  return { province: mapped ?? (cf?.region?.trim() || null), country };
}

/** What the scanned path and the stamp's stored product and lot must agree on. */
export interface StampIdentityFacts {
  /** The path's GTIN is the stamp's product's, or one of its pack sizes'. */
  gtinMatches: boolean;
  lotCode: string;
  traceCode: string | null;
}

/**
 * Whether a scanned path names the stamp its serial belongs to. A genuine serial printed under
 * another product's GTIN, another lot or another trace code is a copied serial on a fake label,
 * and is answered as an unknown code.
 */
export function pathNamesStamp(identity: StampIdentity, facts: StampIdentityFacts): boolean {
  if (identity.kind === 'trace') return facts.traceCode === identity.traceCode;
  return facts.gtinMatches && facts.lotCode === identity.lot;
}

export type ScanRepresentation = 'html' | 'json' | 'linkset';

const MEDIA_TYPES: Record<string, ScanRepresentation> = {
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'application/json': 'json',
  'application/linkset+json': 'linkset',
};

const NAMED_TYPE_NUDGE = 0.0001;

/** On an equal preference, a person's page first: browsers list text/html among others. */
const TIE_ORDER: ScanRepresentation[] = ['html', 'linkset', 'json'];

/**
 * Which answer a request at a stamp URL wants: GS1 Digital Link's `?linkType=linkset` (or `all`)
 * asks for the linkset, else the Accept header decides by its q-values, a named type before a
 * wildcard, and anything else, including no header, gets the page.
 */
export function scanRepresentation(
  accept: string | null | undefined,
  linkType: string | undefined,
): ScanRepresentation {
  if (linkType === 'linkset' || linkType === 'all') return 'linkset';
  const best = new Map<ScanRepresentation, number>();
  for (const part of (accept ?? '').split(',')) {
    const [range, ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    if (!range) continue;
    const qParam = params.find((param) => param.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!(q > 0)) continue;
    const named = MEDIA_TYPES[range];
    // q-values have at most three decimals, so the nudge only breaks a tie: a named type then
    // outranks a wildcard of the same q. A wildcard can only ever mean the page.
    const wildcard = range === '*/*' || range === 'text/*';
    const candidate: [ScanRepresentation, number] | null = named
      ? [named, q + NAMED_TYPE_NUDGE]
      : wildcard
        ? ['html', q]
        : null;
    if (candidate) best.set(candidate[0], Math.max(best.get(candidate[0]) ?? 0, candidate[1]));
  }
  let choice: ScanRepresentation = 'html';
  let top = 0;
  for (const representation of TIE_ORDER) {
    const score = best.get(representation) ?? 0;
    if (score > top) [choice, top] = [representation, score];
  }
  return choice;
}
