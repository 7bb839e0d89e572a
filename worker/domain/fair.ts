/**
 * Trade fairs, exhibitions, festivals and OCOP weeks (DOMAIN.md: trade promotion): their dates,
 * the status shown for them, which products may be entered, booth types and the booth plan.
 * Dates are Vietnam calendar dates ("YYYY-MM-DD"), inclusive at both ends; `today` comes from
 * the caller (vietnamDate in time.ts).
 */
import { z } from 'zod';
import { MIN_CERTIFIED_STARS, type CertificationStatus } from './certification';
import { daysBetween, isIsoDate } from './iso-date';

export const FAIR_KINDS = ['trade_fair', 'exhibition', 'festival', 'ocop_week'] as const;
export type FairKind = (typeof FAIR_KINDS)[number];

/** A fair's own days; anything longer is a typing slip (2062 for 2026) rather than an event. */
export const MAX_FAIR_DAYS = 92;

export interface DailyHours {
  /** "HH:MM", Vietnam time. */
  opens: string;
  /** "HH:MM" or "24:00", after `opens`: a fair's day ends on its own date. */
  closes: string;
}

export interface FairSchedule {
  startsOn: string;
  endsOn: string;
  /** The same every day of the fair; null when the organiser gives none. */
  dailyHours: DailyHours | null;
  /** Applications are taken from this date to `applicationsCloseOn`; both null when staff add exhibitors themselves. */
  applicationsOpenOn: string | null;
  applicationsCloseOn: string | null;
}

type DateField = 'startsOn' | 'endsOn' | 'applicationsOpenOn' | 'applicationsCloseOn';

export type FairScheduleProblem =
  | { field: DateField; code: 'invalid_date' }
  | { field: 'endsOn'; code: 'ends_before_start' | 'too_long' }
  | { field: 'dailyHours.opens' | 'dailyHours.closes'; code: 'invalid_time' }
  | { field: 'dailyHours.closes'; code: 'closes_before_opens' }
  | { field: 'applicationsOpenOn' | 'applicationsCloseOn'; code: 'window_incomplete' }
  | { field: 'applicationsCloseOn'; code: 'window_closes_before_opens' | 'window_closes_after_start' };

const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

/** Every rule the schedule breaks, each with its field, so staff see them all at once. */
export function fairScheduleProblems(schedule: FairSchedule): FairScheduleProblem[] {
  const problems: FairScheduleProblem[] = [];
  const dates: DateField[] = ['startsOn', 'endsOn', 'applicationsOpenOn', 'applicationsCloseOn'];
  for (const field of dates) {
    const value = schedule[field];
    if (value !== null && !isIsoDate(value)) problems.push({ field, code: 'invalid_date' });
  }
  const valid = (value: string | null): value is string => value !== null && isIsoDate(value);
  const { startsOn, endsOn, applicationsOpenOn: opensOn, applicationsCloseOn: closesOn } = schedule;

  if (valid(startsOn) && valid(endsOn)) {
    if (endsOn < startsOn) problems.push({ field: 'endsOn', code: 'ends_before_start' });
    else if (daysBetween(startsOn, endsOn) + 1 > MAX_FAIR_DAYS) problems.push({ field: 'endsOn', code: 'too_long' });
  }

  const { dailyHours } = schedule;
  if (dailyHours) {
    const opensValid = TIME.test(dailyHours.opens);
    const closesValid = TIME.test(dailyHours.closes) || dailyHours.closes === '24:00';
    if (!opensValid) problems.push({ field: 'dailyHours.opens', code: 'invalid_time' });
    if (!closesValid) problems.push({ field: 'dailyHours.closes', code: 'invalid_time' });
    if (opensValid && closesValid && dailyHours.closes <= dailyHours.opens) {
      problems.push({ field: 'dailyHours.closes', code: 'closes_before_opens' });
    }
  }

  if ((opensOn === null) !== (closesOn === null)) {
    problems.push({
      field: opensOn === null ? 'applicationsOpenOn' : 'applicationsCloseOn',
      code: 'window_incomplete',
    });
  } else if (valid(opensOn) && valid(closesOn)) {
    if (closesOn < opensOn) problems.push({ field: 'applicationsCloseOn', code: 'window_closes_before_opens' });
    if (valid(startsOn) && closesOn > startsOn) {
      problems.push({ field: 'applicationsCloseOn', code: 'window_closes_after_start' });
    }
  }
  return problems;
}

export const FAIR_STATUSES = ['draft', 'open_for_applications', 'published', 'running', 'finished'] as const;
export type FairStatus = (typeof FAIR_STATUSES)[number];

export interface FairStatusFacts {
  isPublished: boolean;
  startsOn: string;
  endsOn: string;
  applicationsOpenOn: string | null;
  applicationsCloseOn: string | null;
}

/**
 * The status is derived, never stored, so it moves on with the calendar without a job:
 * - draft: not published; staff only, whatever the dates.
 * - finished: published and `today` is after the last day.
 * - running: published and `today` is one of the fair's days.
 * - open_for_applications: published, not started, and `today` is inside the application window.
 * - published: announced but not taking applications: before the window opens, after it closes,
 *   or without a window.
 * Checked in that order, so a window reaching the first day yields to "running" that day.
 */
export function fairStatus(fair: FairStatusFacts, today: string): FairStatus {
  if (!fair.isPublished) return 'draft';
  if (today > fair.endsOn) return 'finished';
  if (today >= fair.startsOn) return 'running';
  const { applicationsOpenOn: opensOn, applicationsCloseOn: closesOn } = fair;
  if (opensOn !== null && closesOn !== null && opensOn <= today && today <= closesOn) return 'open_for_applications';
  return 'published';
}

/** The product's current certification, as plain facts. */
export interface EntryCertification {
  stars: number;
  status: CertificationStatus;
  /** Last day the certificate is valid ("YYYY-MM-DD"). */
  validUntil: string;
}

export type EntryDecision =
  | { allowed: true }
  | { allowed: false; reason: 'not_certified' }
  /** 1 and 2 star results are recorded, but they are not OCOP certifications. */
  | { allowed: false; reason: 'below_minimum_stars'; stars: number }
  | { allowed: false; reason: 'revoked' | 'superseded' }
  /** Not valid on the first day of the fair. */
  | { allowed: false; reason: 'expired'; validUntil: string }
  /** Valid when the fair opens but not to its last day. */
  | { allowed: false; reason: 'lapses_during_fair'; validUntil: string };

/**
 * Whether a product may be entered for a fair: only with an OCOP certification of 3 stars or more
 * valid on every day of the fair. An "expired" status only says that the valid-until date has
 * passed, so the dates decide, which also settles exhibitors added to a past fair.
 */
export function productEntryDecision(
  certification: EntryCertification | null,
  fair: Pick<FairSchedule, 'startsOn' | 'endsOn'>,
): EntryDecision {
  if (!certification) return { allowed: false, reason: 'not_certified' };
  const { stars, status, validUntil } = certification;
  if (stars < MIN_CERTIFIED_STARS) return { allowed: false, reason: 'below_minimum_stars', stars };
  if (status === 'revoked' || status === 'superseded') return { allowed: false, reason: status };
  if (validUntil < fair.startsOn) return { allowed: false, reason: 'expired', validUntil };
  if (validUntil < fair.endsOn) return { allowed: false, reason: 'lapses_during_fair', validUntil };
  return { allowed: true };
}

/** A booth type a fair offers; sizes in whole centimetres and fees in whole đồng, so nothing rounds. */
export const boothTypeSchema = z.strictObject({
  code: z.string().regex(/^[a-z0-9_]{1,20}$/),
  nameVi: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().min(1).max(100).nullable(),
  widthCm: z.number().int().min(100).max(5000),
  depthCm: z.number().int().min(100).max(5000),
  feeVnd: z.number().int().min(0).max(1_000_000_000),
});
export type BoothType = z.infer<typeof boothTypeSchema>;

/** Booth codes are printed on the plan inside a 44 px cell, so they stay short: "A12", "OCOP-3". */
const BOOTH_CODE = /^[A-Z0-9][A-Z0-9-]{0,5}$/;
const ZONE_CODE = /^[a-z0-9_]{1,20}$/;
/** A provincial fair has about 150 booths; a thousand is far beyond any plan staff would draw. */
export const MAX_BOOTHS = 1000;

export const boothPlanSchema = z
  .array(
    z.strictObject({
      code: z.string().regex(ZONE_CODE),
      booths: z.array(
        z.strictObject({
          code: z.string().regex(BOOTH_CODE),
          /** From the booth's type: a double booth is drawn twice as wide as the narrowest. */
          widthCm: z.number().int().positive().optional(),
        }),
      ),
    }),
  )
  .superRefine((zones, ctx) => {
    const zoneCodes = new Set<string>();
    const boothCodes = new Set<string>();
    zones.forEach((zone, zoneIndex) => {
      if (zoneCodes.has(zone.code)) ctx.addIssue({ code: 'custom', path: [zoneIndex, 'code'], message: 'duplicate' });
      zoneCodes.add(zone.code);
      zone.booths.forEach((booth, boothIndex) => {
        if (boothCodes.has(booth.code)) {
          ctx.addIssue({ code: 'custom', path: [zoneIndex, 'booths', boothIndex, 'code'], message: 'duplicate' });
        }
        boothCodes.add(booth.code);
      });
    });
    if (boothCodes.size > MAX_BOOTHS) ctx.addIssue({ code: 'custom', path: [], message: 'too_many_booths' });
  });
export type PlanZone = z.infer<typeof boothPlanSchema>[number];

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface BoothPlan {
  /** The SVG viewBox is 0 0 width height; drawn at 360 px it is one unit per CSS pixel. */
  width: number;
  height: number;
  zones: (Rect & { code: string; label: { x: number; y: number } })[];
  booths: (Rect & { code: string; zoneCode: string })[];
}

/**
 * Measures of the plan in CSS pixels at the narrowest common phone width (360 px). A booth cell is
 * at least 44 px wide, the smallest comfortable touch target, and holds a six-character code at
 * 12 px; the zone title sits in a 24 px band above its booths.
 */
export const BOOTH_PLAN_LAYOUT = {
  width: 360,
  margin: 8,
  zoneGap: 12,
  zonePadding: 6,
  headerHeight: 24,
  labelBaseline: 17,
  minCellWidth: 44,
  cellHeight: 40,
  gap: 4,
} as const;

/** "A2" before "A10": runs of digits compare as numbers. */
function naturalCompare(a: string, b: string): number {
  const left = a.match(/\d+|\D+/g) ?? [];
  const right = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(left.length, right.length); i += 1) {
    const x = left[i]!;
    const y = right[i]!;
    if (x === y) continue;
    const numeric = /^\d/.test(x) && /^\d/.test(y);
    if (numeric && Number(x) !== Number(y)) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return left.length - right.length;
}

/**
 * Rectangles for a server-drawn SVG booth plan: zones stacked in the order given, each a titled
 * band of booths in a grid, booths in natural code order, left to right, a wide booth spanning
 * several cells and starting a new row when it does not fit. Integer coordinates only, and the
 * same input always gives the same plan, so the SVG can be cached and compared in tests.
 */
export function boothPlan(zones: PlanZone[]): BoothPlan {
  const layout = BOOTH_PLAN_LAYOUT;
  const zoneWidth = layout.width - 2 * layout.margin;
  const gridWidth = zoneWidth - 2 * layout.zonePadding;
  const columns = Math.floor((gridWidth + layout.gap) / (layout.minCellWidth + layout.gap));
  const cellWidth = Math.floor((gridWidth - (columns - 1) * layout.gap) / columns);
  const gridX =
    layout.margin +
    layout.zonePadding +
    Math.floor((gridWidth - (columns * cellWidth + (columns - 1) * layout.gap)) / 2);
  const narrowest = Math.min(...zones.flatMap((zone) => zone.booths.map((booth) => booth.widthCm ?? Infinity)));

  const plan: BoothPlan = { width: layout.width, height: 0, zones: [], booths: [] };
  let y = layout.margin;
  for (const zone of zones) {
    const gridY = y + layout.headerHeight;
    let row = 0;
    let column = 0;
    const booths = [...zone.booths].sort((a, b) => naturalCompare(a.code, b.code));
    for (const booth of booths) {
      const cells = booth.widthCm === undefined ? 1 : Math.round(booth.widthCm / narrowest);
      const span = Math.min(columns, Math.max(1, cells));
      if (column + span > columns) {
        row += 1;
        column = 0;
      }
      plan.booths.push({
        code: booth.code,
        zoneCode: zone.code,
        x: gridX + column * (cellWidth + layout.gap),
        y: gridY + row * (layout.cellHeight + layout.gap),
        width: span * cellWidth + (span - 1) * layout.gap,
        height: layout.cellHeight,
      });
      column += span;
    }
    const rows = booths.length === 0 ? 0 : row + 1;
    const gridHeight = rows === 0 ? 0 : rows * layout.cellHeight + (rows - 1) * layout.gap;
    const height = layout.headerHeight + gridHeight + layout.zonePadding;
    plan.zones.push({
      code: zone.code,
      x: layout.margin,
      y,
      width: zoneWidth,
      height,
      label: { x: layout.margin + layout.zonePadding, y: y + layout.labelBaseline },
    });
    y += height + layout.zoneGap;
  }
  plan.height = zones.length === 0 ? 2 * layout.margin : y - layout.zoneGap + layout.margin;
  return plan;
}
