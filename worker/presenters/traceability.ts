/** Lot, event, stamp and scan rows to the views of web/pages/portal: localised and formatted. */
import type { Locale, Messages } from '../../web/messages';
import type { FakeReportView } from '../../web/pages/portal/FakeReportList';
import type { LotView, TraceEventView } from '../../web/pages/portal/LotPage';
import type { TraceEventFormView } from '../../web/pages/portal/TraceEventFormPage';
import type { LotsView } from '../../web/pages/portal/LotsPage';
import type { ScanStatsView } from '../../web/pages/portal/ScanStatsPage';
import type { FakeReportRow } from '../data/fake-reports';
import { provincesByCode } from '../data/reference';
import { PROVINCES_SHOWN, type ScanStats } from '../data/scan-stats';
import type { LotPage, listProducerLots } from '../data/lots';
import type { eventFormChoices } from '../data/trace-events';
import { dailySeries } from '../domain/dashboard';
import { SUSPICIOUS_DEVICE_COUNT, SUSPICIOUS_PROVINCE_COUNT } from '../domain/scan-verdict';
import { formatNumber } from '../domain/numbers';
import { formatDate, formatInstant } from '../domain/time';
import { lotClassUri, toEpcisDocument, type TraceEventType } from '../domain/trace-event';
import { pick, provinceName, provinceOptions } from './catalogue';

type ProducerLots = NonNullable<Awaited<ReturnType<typeof listProducerLots>>>;

const optionalDate = (value: string | null) => (value ? formatDate(value) : null);

export function toLotsView(data: ProducerLots, locale: Locale, producerParam?: number): LotsView {
  const groups = data.products.flatMap((product) => {
    const lots = data.lots.filter((lot) => lot.productId === product.id);
    return lots.length === 0
      ? []
      : [
          {
            productName: pick(locale, product.nameVi, product.nameEn),
            lots: lots.map((lot) => ({
              id: lot.id,
              code: lot.lotCode,
              productionDate: optionalDate(lot.productionDate),
              bestBefore: optionalDate(lot.bestBefore),
              eventCount: lot.eventCount,
              stampCount: lot.stampCount,
            })),
          },
        ];
  });
  return { producerName: data.producer.name, producerParam, groups, hasProducts: data.products.length > 0 };
}

/** Where an event happened, in words: commune and province, a sales point, or what the producer typed. */
export function eventPlace(event: LotPage['events'][number], locale: Locale): string | null {
  if (event.salesPointName) return event.salesPointName;
  if (event.provinceCode) {
    const commune = event.communeVi ? pick(locale, event.communeVi, event.communeEn) : null;
    return [commune, provinceName(event.provinceCode, locale)].filter(Boolean).join(', ');
  }
  return event.placeText;
}

export function toLotView(page: LotPage, locale: Locale, producerParam?: number): LotView {
  const { lot } = page;
  const events: TraceEventView[] = page.events.map((event) => ({
    id: event.id,
    type: event.eventType,
    when: formatInstant(event.occurredAt),
    place: eventPlace(event, locale),
    actor: event.actor,
    description: event.description,
    reportUrl: event.reportUrl,
    isPublic: event.isPublic,
    inputs: event.inputs.map((input) => ({ lotId: input.lotId, label: `${input.lotCode} (${input.productName})` })),
  }));
  return {
    id: lot.id,
    code: lot.lotCode,
    productName: pick(locale, lot.productName, lot.productNameEn),
    producerName: lot.producerName,
    producerParam,
    productionDate: optionalDate(lot.productionDate),
    bestBefore: optionalDate(lot.bestBefore),
    quantity: lot.quantity === null ? null : formatNumber(lot.quantity),
    notes: lot.notes,
    events,
    usedIn: page.usedIn.map((used) => ({ lotId: used.lotId, label: `${used.lotCode} (${used.productName})` })),
    batches: page.batches.map((batch) => ({
      id: batch.id,
      quantity: batch.quantity,
      issuedAt: formatInstant(batch.issuedAt),
      activeCount: batch.activeCount,
    })),
  };
}

/** A scan's place as stored: one of our province codes for Vietnam, else the region Cloudflare named. */
const scanPlace = (place: string | null, locale: Locale): string | null =>
  place === null ? null : provincesByCode.has(place) ? provinceName(place, locale) : place;

export function toScanStatsView(
  stats: ScanStats,
  t: Messages,
  locale: Locale,
  today: string,
  producerParam?: number,
): ScanStatsView {
  const series = dailySeries(stats.byDay, today);
  const shown = stats.byProvince.slice(0, PROVINCES_SHOWN);
  const rest = stats.byProvince.slice(PROVINCES_SHOWN).reduce((sum, row) => sum + row.count, 0);
  const places = shown.map((row) => ({
    label: scanPlace(row.province, locale) ?? t.portal.scans.unknownPlace,
    value: row.count,
  }));
  if (rest > 0) places.push({ label: t.portal.scans.otherPlaces, value: rest });
  return {
    producerName: stats.producer.name,
    producerParam,
    days: series.map((point) => ({ label: formatDate(point.day).slice(0, 5), value: point.count })),
    total: series.reduce((sum, point) => sum + point.count, 0),
    places,
    suspicious: stats.suspicious.map((stamp) => ({
      serial: stamp.serial,
      productName: stamp.productName,
      lotId: stamp.lotId,
      lotCode: stamp.lotCode,
      batchId: stamp.batchId,
      scans: stamp.scans,
      devices: stamp.devices,
      provinces: stamp.provinces,
      firstScan: stamp.firstScannedAt ? formatInstant(stamp.firstScannedAt) : null,
      firstScanPlace: scanPlace(stamp.firstScanProvince, locale),
      lastScan: stamp.lastScannedAt ? formatInstant(stamp.lastScannedAt) : null,
      placesSeen: stamp.provincesSeen.map((place) => scanPlace(place, locale) ?? place),
      pinClaimedAt: stamp.pinClaimedAt ? formatInstant(stamp.pinClaimedAt) : null,
      isVoid: stamp.status === 'void',
    })),
    thresholds: { devices: SUSPICIOUS_DEVICE_COUNT, provinces: SUSPICIOUS_PROVINCE_COUNT },
  };
}

export function toFakeReportView(report: FakeReportRow, locale: Locale): FakeReportView {
  return {
    id: report.id,
    status: report.status,
    productName: report.productName,
    producerName: report.producerName,
    serial: report.serial,
    scannedPath: report.scannedPath,
    message: report.message,
    contact: report.contact,
    province: scanPlace(report.province, locale),
    receivedAt: formatInstant(report.createdAt),
    reviewedAt: report.reviewedAt ? formatInstant(report.reviewedAt) : null,
    hasPhoto: report.photoKey !== null,
  };
}

export function toEventFormView(
  page: LotPage,
  type: TraceEventType,
  choices: Awaited<ReturnType<typeof eventFormChoices>>,
  context: { t: Messages; locale: Locale; producerParam: number | undefined },
): TraceEventFormView {
  const { lot } = page;
  const { locale } = context;
  return {
    lotId: lot.id,
    lotLabel: context.t.portal.lots.lotTitle(lot.lotCode, pick(locale, lot.productName, lot.productNameEn)),
    producerName: lot.producerName,
    producerParam: context.producerParam,
    type,
    provinces: provinceOptions(locale),
    communes: choices.communes.map((commune) => ({
      value: commune.code,
      label: pick(locale, commune.nameVi, commune.nameEn),
    })),
    salesPoints: choices.salesPoints.map((point) => ({ value: String(point.id), label: point.name })),
    inputLots: choices.inputLots.map((input) => ({
      value: String(input.id),
      label: `${input.lotCode} (${input.productName})`,
    })),
  };
}

/** A lot's events as an EPCIS 2.0 JSON-LD document, places written in Vietnamese. */
export function toLotEpcis(page: LotPage, origin: string, now: Date) {
  const { lot } = page;
  return toEpcisDocument({
    origin,
    lotClass: lotClassUri({ id: lot.productId, gtin: lot.gtin }, lot.lotCode),
    createdAt: now.toISOString(),
    events: page.events.map((event) => ({
      id: event.id,
      type: event.eventType,
      occurredAt: event.occurredAt,
      recordedAt: event.createdAt,
      placeName: eventPlace(event, 'vi'),
      actor: event.actor,
      description: event.description,
      reportUrl: event.reportUrl,
      inputClasses: event.inputs.map((input) => lotClassUri({ id: input.productId, gtin: input.gtin }, input.lotCode)),
    })),
  });
}
