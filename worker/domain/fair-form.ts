/**
 * A fair's floor as staff type it in a form that works without JavaScript on a phone: three
 * text areas, one line per zone, per booth type and per run of booths, fields split by "|".
 *
 *   zones        ocop | Khu sản phẩm OCOP | OCOP products
 *   booth types  standard | Gian tiêu chuẩn | Standard booth | 3x3 | 1.500.000
 *   booths       ocop | standard | A01..A12, A15
 *
 * Sizes are metres ("3x3", "2,5 x 3"), kept in whole centimetres; fees are whole đồng
 * ("1.500.000"). A booth line names its zone, optionally a booth type, and booth codes, where
 * "A01..A12" (or "A01–A12") stands for A01, A02, … A12. Turned into stored values and back.
 */
import type { FairZone } from '../../db/schema';
import { boothTypeSchema, MAX_BOOTHS, type BoothType, type FairScheduleProblem } from './fair';

/** The form field each schedule rule of worker/domain/fair.ts names. */
export const SCHEDULE_FIELDS: Record<FairScheduleProblem['field'], string> = {
  startsOn: 'startsOn',
  endsOn: 'endsOn',
  applicationsOpenOn: 'applicationsOpenOn',
  applicationsCloseOn: 'applicationsCloseOn',
  'dailyHours.opens': 'dailyOpens',
  'dailyHours.closes': 'dailyCloses',
};

export const FLOOR_FIELDS = ['zones', 'boothTypes', 'booths'] as const;
export type FloorField = (typeof FLOOR_FIELDS)[number];
export type FloorFormValues = Partial<Record<FloorField, string>>;

export type FloorRule =
  | 'format'
  | 'zone_code'
  | 'type_code'
  | 'name'
  | 'size'
  | 'fee'
  | 'duplicate'
  | 'unknown_zone'
  | 'unknown_type'
  | 'booth_code'
  | 'range'
  | 'too_many';

/** One line that cannot be read, with the rule it breaks; `line` counts from 1 within its field. */
export interface FloorProblem {
  field: FloorField;
  line: number;
  rule: FloorRule;
  text: string;
}

export interface FloorBooth {
  code: string;
  zoneCode: string;
  typeCode: string | null;
}

export interface FairFloor {
  zones: FairZone[];
  boothTypes: BoothType[];
  booths: FloorBooth[];
}

const ZONE_CODE = /^[a-z0-9_]{1,20}$/;
const TYPE_CODE = /^[a-z0-9_]{1,20}$/;
/** As worker/domain/fair.ts draws them: short upper-case codes that fit a 44 px cell. */
const BOOTH_CODE = /^[A-Z0-9][A-Z0-9-]{0,5}$/;
const SIZE = /^(\d{1,3}(?:[.,]\d{1,2})?)\s*[x×*]\s*(\d{1,3}(?:[.,]\d{1,2})?)\s*m?$/i;
const FEE = /^\d{1,3}(?:[.\s]?\d{3})*\s*(?:₫|đ|d|vnd|đồng)?$/i;
const RANGE = /^(.*?)(\d+)\s*(?:\.\.|–|—)\s*(.*?)(\d+)$/;
const MAX_NAME = 100;

/** Lines of a text area with their numbers, blank lines skipped but counted. */
function lines(text: string | undefined): { line: number; parts: string[]; text: string }[] {
  return (text ?? '')
    .split(/\r\n|\r|\n/)
    .map((raw, index) => ({ line: index + 1, text: raw.trim(), parts: raw.split('|').map((part) => part.trim()) }))
    .filter((entry) => entry.text !== '');
}

const metresToCm = (value: string) => Math.round(Number(value.replace(',', '.')) * 100);

/** "A01..A12" → A01 … A12 with the first code's zero padding; null when the range cannot be read. */
function expandRange(text: string): string[] | null {
  const match = RANGE.exec(text);
  if (!match) return null;
  const [, prefix, from, endPrefix, to] = match as unknown as [string, string, string, string, string];
  if (endPrefix !== '' && endPrefix !== prefix) return null;
  const first = Number(from);
  const last = Number(to);
  if (!(first <= last) || last - first >= MAX_BOOTHS) return null;
  const width = from.startsWith('0') ? from.length : 0;
  const codes: string[] = [];
  for (let n = first; n <= last; n++) codes.push(`${prefix}${String(n).padStart(width, '0')}`);
  return codes;
}

/** The three text areas as stored values, or every line that cannot be read. */
export function fairFloorFromForm(
  values: FloorFormValues,
): { ok: true; floor: FairFloor } | { ok: false; problems: FloorProblem[] } {
  const problems: FloorProblem[] = [];
  const fail = (field: FloorField, entry: { line: number; text: string }, rule: FloorRule) =>
    problems.push({ field, line: entry.line, rule, text: entry.text });

  const zones: FairZone[] = [];
  for (const entry of lines(values.zones)) {
    const [code = '', nameVi = '', nameEn = '', ...rest] = entry.parts;
    const zoneCode = code.toLowerCase();
    if (rest.length > 0 || nameVi === '') fail('zones', entry, 'format');
    else if (!ZONE_CODE.test(zoneCode)) fail('zones', entry, 'zone_code');
    else if (nameVi.length > MAX_NAME || nameEn.length > MAX_NAME) fail('zones', entry, 'name');
    else if (zones.some((zone) => zone.code === zoneCode)) fail('zones', entry, 'duplicate');
    else zones.push({ code: zoneCode, nameVi, nameEn: nameEn || null });
  }

  const boothTypes: BoothType[] = [];
  for (const entry of lines(values.boothTypes)) {
    const [code = '', nameVi = '', nameEn = '', size = '', fee = '', ...rest] = entry.parts;
    const typeCode = code.toLowerCase();
    const sizeMatch = SIZE.exec(size);
    const feeText = fee.trim();
    if (rest.length > 0 || nameVi === '' || entry.parts.length < 5) {
      fail('boothTypes', entry, 'format');
      continue;
    }
    if (!TYPE_CODE.test(typeCode)) {
      fail('boothTypes', entry, 'type_code');
      continue;
    }
    if (nameVi.length > MAX_NAME || nameEn.length > MAX_NAME) {
      fail('boothTypes', entry, 'name');
      continue;
    }
    if (!sizeMatch) {
      fail('boothTypes', entry, 'size');
      continue;
    }
    if (!FEE.test(feeText)) {
      fail('boothTypes', entry, 'fee');
      continue;
    }
    const parsed = boothTypeSchema.safeParse({
      code: typeCode,
      nameVi,
      nameEn: nameEn || null,
      widthCm: metresToCm(sizeMatch[1]!),
      depthCm: metresToCm(sizeMatch[2]!),
      feeVnd: Number(feeText.replace(/\D/g, '')),
    });
    if (!parsed.success) {
      const path = parsed.error.issues[0]?.path[0];
      fail('boothTypes', entry, path === 'feeVnd' ? 'fee' : 'size');
    } else if (boothTypes.some((type) => type.code === typeCode)) fail('boothTypes', entry, 'duplicate');
    else boothTypes.push(parsed.data);
  }

  const booths: FloorBooth[] = [];
  const seen = new Set<string>();
  for (const entry of lines(values.booths)) {
    const parts = entry.parts;
    if (parts.length < 2 || parts.length > 3) {
      fail('booths', entry, 'format');
      continue;
    }
    const zoneCode = parts[0]!.toLowerCase();
    const typeText = parts.length === 3 ? parts[1]!.toLowerCase() : '';
    const typeCode = typeText === '' || typeText === '-' ? null : typeText;
    if (!zones.some((zone) => zone.code === zoneCode)) {
      fail('booths', entry, 'unknown_zone');
      continue;
    }
    if (typeCode !== null && !boothTypes.some((type) => type.code === typeCode)) {
      fail('booths', entry, 'unknown_type');
      continue;
    }
    const codes: string[] = [];
    let broken: FloorRule | null = null;
    const list = parts[parts.length - 1]!.toUpperCase().replace(/\s*(\.\.|–|—)\s*/g, '$1');
    for (const token of list.split(/[,;\s]+/)) {
      if (token === '') continue;
      const expanded = /\.\.|–|—/.test(token) ? expandRange(token) : [token];
      if (!expanded) {
        broken = 'range';
        break;
      }
      codes.push(...expanded);
    }
    if (broken === null && codes.length === 0) broken = 'format';
    if (broken === null) broken = codes.some((code) => !BOOTH_CODE.test(code)) ? 'booth_code' : null;
    if (broken === null) broken = codes.some((code) => seen.has(code)) ? 'duplicate' : null;
    if (broken === null && seen.size + codes.length > MAX_BOOTHS) broken = 'too_many';
    if (broken !== null) {
      fail('booths', entry, broken);
      continue;
    }
    for (const code of codes) {
      seen.add(code);
      booths.push({ code, zoneCode, typeCode });
    }
  }

  return problems.length > 0 ? { ok: false, problems } : { ok: true, floor: { zones, boothTypes, booths } };
}

/** Centimetres as the metres staff type: 300 → "3", 250 → "2,5". */
const cmToMetres = (cm: number) => String(cm / 100).replace('.', ',');

const formatFee = (fee: number) => String(fee).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

const numbered = (code: string) => /^(.*?)(\d+)$/.exec(code);

/** Codes as the fewest lines' worth of runs: consecutive numbers with one prefix and padding become "A01..A12". */
function compressCodes(codes: string[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < codes.length) {
    const start = numbered(codes[i]!);
    let j = i;
    if (start) {
      const [, prefix, digits] = start as unknown as [string, string, string];
      // What expandRange would write for the number after codes[j]: a run must read back exactly.
      const width = digits.startsWith('0') ? digits.length : 0;
      const after = (k: number) => `${prefix}${String(Number(digits) + (k - i)).padStart(width, '0')}`;
      while (j + 1 < codes.length && codes[j + 1] === after(j + 1)) j++;
    }
    parts.push(j - i >= 2 ? `${codes[i]}..${codes[j]}` : codes.slice(i, j + 1).join(', '));
    i = j + 1;
  }
  return parts.join(', ');
}

/** The stored floor as the form shows it, so that reading it back gives the same floor. */
export function fairFloorToForm(floor: FairFloor): Record<FloorField, string> {
  const trimBars = (parts: string[]) => parts.join(' | ').replace(/(?: \| )+$/, '');
  const booths: string[] = [];
  let run: FloorBooth[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const { zoneCode, typeCode } = run[0]!;
    const codes = compressCodes(run.map((booth) => booth.code));
    booths.push(typeCode === null ? `${zoneCode} | ${codes}` : `${zoneCode} | ${typeCode} | ${codes}`);
    run = [];
  };
  for (const booth of floor.booths) {
    const last = run[run.length - 1];
    if (last && (last.zoneCode !== booth.zoneCode || last.typeCode !== booth.typeCode)) flush();
    run.push(booth);
  }
  flush();
  return {
    zones: floor.zones.map((zone) => trimBars([zone.code, zone.nameVi, zone.nameEn ?? ''])).join('\n'),
    boothTypes: floor.boothTypes
      .map((type) =>
        [
          type.code,
          type.nameVi,
          type.nameEn ?? '',
          `${cmToMetres(type.widthCm)}x${cmToMetres(type.depthCm)}`,
          formatFee(type.feeVnd),
        ].join(' | '),
      )
      .join('\n'),
    booths: booths.join('\n'),
  };
}
