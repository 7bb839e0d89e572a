/** A scan's rows and decisions as what the page shows, the verdict JSON and the GS1 linkset. */
import { localHref } from '../../web/href';
import type { Locale, Messages } from '../../web/messages';
import type {
  PinResultView,
  ScanCertificationNoteView,
  ScanPageView,
  ScanProductView,
  ScanReportView,
  ScanVerdictView,
  TraceEntryView,
} from '../../web/pages/ScanPage';
import type { ScanPageRow } from '../data/scans';
import { provincesByCode } from '../data/reference';
import { certificationStanding, effectiveStatus } from '../domain/certification';
import type { FieldIssue } from '../domain/errors';
import { MAX_PHOTO_BYTES } from '../domain/media';
import type { PinClaimDecision, ScanCertification, ScanVerdict } from '../domain/scan-verdict';
import { formatDate, formatInstant, vietnamDate } from '../domain/time';
import type { LatLng } from '../domain/geo';
import { NEARBY_POINTS } from '../domain/sales-point';
import { pick, productImagePath, provinceName } from './catalogue';
import { toWhereToBuy } from './sales-points';

/** A scan's place as stored (a province code of ours, or a region as Cloudflare names it) in the page language. */
export function scanPlaceName(value: string | null, locale: Locale): string | null {
  if (value === null) return null;
  return provincesByCode.has(value) ? provinceName(value, locale) : value;
}

/** The Vietnam date of a UTC instant, as read: "05/03/2026". */
const dayOf = (instant: string) => formatDate(vietnamDate(new Date(instant)));

const joinPlace = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(', ') || null;

/** Only web links: a producer-entered `javascript:` URL must never become an href. */
const webLink = (url: string | null) => (url && /^https?:\/\//i.test(url) ? url : null);

function certificationNote(certification: ScanCertification): ScanCertificationNoteView {
  switch (certification.state) {
    case 'certified':
      return { state: 'certified', stars: certification.stars, validUntil: formatDate(certification.validUntil) };
    case 'expired':
      return { state: 'expired', stars: certification.stars, since: formatDate(certification.since) };
    case 'revoked':
      return {
        state: 'revoked',
        stars: certification.stars,
        since: formatDate(certification.since),
        reason: certification.reason,
      };
    default:
      return { state: 'uncertified' };
  }
}

export function toVerdictView(verdict: ScanVerdict, locale: Locale): ScanVerdictView {
  const { evidence, pinClaim } = verdict;
  return {
    state: verdict.state,
    tone: verdict.tone,
    evidence: evidence
      ? {
          scans: evidence.scans,
          devices: evidence.devices,
          networks: evidence.networks,
          provinces: evidence.provinces,
          firstDate: evidence.firstScannedAt ? dayOf(evidence.firstScannedAt) : null,
          firstPlace: scanPlaceName(evidence.firstScanProvince, locale),
        }
      : null,
    certification: verdict.certification ? certificationNote(verdict.certification) : null,
    pinClaim: pinClaim ? { date: dayOf(pinClaim.claimedAt), place: scanPlaceName(pinClaim.province, locale) } : null,
    problems: [],
  };
}

/**
 * The page for a path that cannot be a stamp: no verdict can be decided, so the page says the code
 * cannot be verified and offers the report form, with why the path was refused.
 */
export function unreadableView(path: string, problems: FieldIssue[], report: ScanReportView): ScanPageView {
  return {
    path,
    serial: null,
    verdict: {
      state: 'unreadable',
      tone: 'danger',
      evidence: null,
      certification: null,
      pinClaim: null,
      problems: problems.map((problem) => problem.message),
    },
    product: null,
    pin: null,
    report,
    beacon: null,
    maxPhotoMegabytes: MAX_PHOTO_BYTES / 1024 / 1024,
  };
}

type TraceEventRow = ScanPageRow['events'][number];

function toTraceEntry(event: TraceEventRow, locale: Locale): TraceEntryView {
  const area = joinPlace(
    pick(locale, event.communeVi ?? '', event.communeEn),
    event.provinceCode ? provinceName(event.provinceCode, locale) : null,
  );
  return {
    type: event.eventType,
    when: formatInstant(event.occurredAt),
    place: event.salesPoint ?? area ?? event.placeText,
    actor: event.actor,
    description: event.description,
    reportUrl: webLink(event.reportUrl),
  };
}

export function toProductView(
  row: ScanPageRow,
  ctx: { locale: Locale; t: Messages; now: Date; near: LatLng | null },
  today: string,
): ScanProductView {
  const { locale } = ctx;
  const name = pick(locale, row.productNameVi, row.productNameEn);
  const image = row.images[0];
  const standing = certificationStanding(row.history, today);
  const certification = standing.state === 'uncertified' ? null : standing.certification;
  const entries = row.events.map((event) => toTraceEntry(event, locale));
  return {
    name,
    href: localHref(ctx, `/products/${row.productSlug}`),
    imageUrl: image?.url ?? productImagePath(row.productSlug),
    imageAlt: image ? pick(locale, image.altVi, image.altEn) : name,
    producer: {
      name: row.producerName,
      href: localHref(ctx, `/producers/${row.producerSlug}`),
      kind: row.producerKind,
      place:
        joinPlace(
          pick(locale, row.producerCommuneVi ?? '', row.producerCommuneEn),
          provinceName(row.producerProvinceCode, locale),
        ) ?? '',
    },
    certification: certification
      ? {
          stars: certification.stars,
          decisionNumber: certification.decisionNumber,
          issuingBody: certification.issuingBody,
          decisionDate: formatDate(certification.decisionDate),
          validUntil: formatDate(certification.validUntil),
          status: effectiveStatus(certification, today),
          statusReason: certification.statusReason,
        }
      : null,
    lot: {
      code: row.lotCode,
      productionDate: row.lotProductionDate ? formatDate(row.lotProductionDate) : null,
      bestBefore: row.lotBestBefore ? formatDate(row.lotBestBefore) : null,
    },
    tests: entries.filter((entry) => entry.type === 'inspecting'),
    journey: entries,
    whereToBuy: toWhereToBuy(row.productSlug, row.salesPoints, [], ctx, NEARBY_POINTS),
  };
}

/** What the page says about a PIN entry. */
export function toPinResult(decision: PinClaimDecision, locale: Locale): PinResultView {
  switch (decision.outcome) {
    case 'claimed':
      return { outcome: 'claimed' };
    case 'already_claimed':
      return {
        outcome: 'already_claimed',
        date: dayOf(decision.claimedAt),
        place: scanPlaceName(decision.province, locale),
      };
    case 'wrong':
      return { outcome: 'wrong', remaining: decision.remainingAttempts };
    case 'locked':
      return { outcome: 'locked', until: formatInstant(decision.until) };
    default:
      return { outcome: 'no_pin' };
  }
}

/** The verdict for machines (`Accept: application/json`): the stamp's state, evidence, certification and what it is of. */
export function verdictJson(
  verdict: ScanVerdict,
  row: ScanPageRow | null,
  stamp: { serial: string; url: string; origin: string },
) {
  return {
    serial: stamp.serial,
    url: stamp.url,
    state: verdict.state,
    tone: verdict.tone,
    evidence: verdict.evidence ?? null,
    certification: verdict.certification,
    product: row
      ? {
          slug: row.productSlug,
          name: row.productNameVi,
          nameEn: row.productNameEn,
          url: `${stamp.origin}/products/${row.productSlug}`,
        }
      : null,
    producer: row
      ? { slug: row.producerSlug, name: row.producerName, url: `${stamp.origin}/producers/${row.producerSlug}` }
      : null,
    lot: row ? { code: row.lotCode, productionDate: row.lotProductionDate, bestBefore: row.lotBestBefore } : null,
  };
}

const GS1 = 'https://gs1.org/voc/';

/**
 * The stamp's RFC 9264 linkset, with GS1 Digital Link's link types: the product page (pip), its
 * certification, this stamp's traceability page (HTML and JSON) and where the product is sold.
 */
export function stampLinkset(
  row: ScanPageRow,
  verdict: ScanVerdict,
  stamp: { url: string; origin: string; t: Messages },
) {
  const productUrl = `${stamp.origin}/products/${row.productSlug}`;
  const title = row.productNameVi;
  // The stamp's own links carry the verdict the page and the JSON give, as their title.
  const verdictTitle = `${title}: ${stamp.t.scan.verdicts[verdict.state].title}`;
  const languages = ['vi', 'en'];
  return {
    linkset: [
      {
        anchor: stamp.url,
        [`${GS1}pip`]: [{ href: productUrl, title, type: 'text/html', hreflang: languages }],
        [`${GS1}certificationInfo`]: [
          { href: `${productUrl}#certification-title`, title, type: 'text/html', hreflang: languages },
        ],
        [`${GS1}traceability`]: [
          { href: stamp.url, title: verdictTitle, type: 'text/html', hreflang: languages },
          { href: stamp.url, title: verdictTitle, type: 'application/json' },
        ],
        [`${GS1}hasRetailers`]: [{ href: `${productUrl}#buy-title`, title, type: 'text/html', hreflang: languages }],
      },
    ],
  };
}
