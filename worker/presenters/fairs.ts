/**
 * Fairs as pages show them (worded, Vietnam dates and times, đồng) and as the API and calendar
 * files serialise them: the public calendar and fair page with its booth plan, schema.org Event
 * JSON-LD, the staff and producer pages, and the exhibitor list staff export.
 */
import type { z } from '@hono/zod-openapi';
import type { Locale, Messages } from '../../web/messages';
import type {
  FairCalendarView,
  FairCardView,
  FairDetailView,
  FairExhibitorView,
  FairPlanView,
} from '../../web/pages/FairPages';
import type { AdminFairRowView, AdminFairView } from '../../web/pages/admin/AdminFairPages';
import type { Values } from '../../web/pages/portal/Fields';
import type { PortalApplyView, PortalFairsView } from '../../web/pages/portal/PortalFairPages';
import type { Option } from '../../web/views';
import type {
  FairForEdit,
  FairPage,
  FairRow,
  FairSummaryRow,
  FairWorkspace,
  listFairsForStaff,
  listProducerFairs,
} from '../data/fairs';
import type { CalendarFair } from '../domain/calendar';
import { isListed } from '../domain/certification';
import { writeCsv } from '../domain/csv';
import { boothPlan, FAIR_KINDS, fairStatus, type EntryDecision, type FairStatus } from '../domain/fair';
import { applicationRefusal, applicationTransition, canWithdraw, takesExhibitors } from '../domain/fair-application';
import { fairFloorToForm } from '../domain/fair-form';
import { addDays } from '../domain/iso-date';
import { formatVnd } from '../domain/money';
import { formatPhone } from '../domain/phone';
import type { FieldIssue } from '../domain/errors';
import { formatDate, formatInstant } from '../domain/time';
import type { ExhibitorListInput } from '../print/exhibitor-list';
import type { FairPosterInput, PosterSize } from '../print/fair-poster';
import type { fairDetailSchema, fairSummarySchema } from '../schemas/fair-api';
import type { applicationChoices } from '../services/fairs';
import { pick, provinceName } from './catalogue';
import { filterProblems } from './filter-problems';
import { directionLinks } from './sales-points';

type PublicStatus = z.infer<typeof fairSummarySchema>['status'];

const joinPlace = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(', ');

/** "8:00" rather than "08:00", as times are printed on Vietnamese posters. */
const shortTime = (time: string) => time.replace(/^0(\d)/, '$1');

interface FairDates {
  startsOn: string;
  endsOn: string;
  dailyOpens: string | null;
  dailyCloses: string | null;
}

export const fairDatesText = (t: Messages, fair: Pick<FairDates, 'startsOn' | 'endsOn'>) =>
  t.fairs.dateRange(formatDate(fair.startsOn), formatDate(fair.endsOn));

const hoursText = (t: Messages, fair: FairDates) =>
  fair.dailyOpens && fair.dailyCloses ? t.fairs.hours(shortTime(fair.dailyOpens), shortTime(fair.dailyCloses)) : null;

interface FairPlace {
  street: string | null;
  provinceCode: string;
  communeVi: string | null;
  communeEn: string | null;
}

const addressOf = (fair: FairPlace, locale: Locale) =>
  joinPlace(fair.street, pick(locale, fair.communeVi ?? '', fair.communeEn), provinceName(fair.provinceCode, locale));

const statusOf = (fair: Parameters<typeof fairStatus>[0], today: string) => fairStatus(fair, today);

export function toFairCard(row: FairSummaryRow, t: Messages, locale: Locale, today: string): FairCardView {
  const status = statusOf(row, today);
  return {
    slug: row.slug,
    name: pick(locale, row.nameVi, row.nameEn),
    kindName: t.fairs.kinds[row.kind],
    status,
    statusText: t.fairs.statuses[status],
    dates: fairDatesText(t, row),
    hours: hoursText(t, row),
    venue: row.venue,
    place: addressOf(row, locale),
    exhibitors: row.exhibitorCount > 0 ? t.fairs.exhibitorCount(row.exhibitorCount) : null,
  };
}

/** The month options of the calendar: this month and the next eleven. */
export function monthOptions(t: Messages, today: string): Option[] {
  const [year, month] = today.split('-').map(Number) as [number, number];
  return Array.from({ length: 12 }, (_, i) => {
    const m = ((month - 1 + i) % 12) + 1;
    const y = year + Math.floor((month - 1 + i) / 12);
    return { value: `${y}-${String(m).padStart(2, '0')}`, label: t.fairs.monthLabel(m, y) };
  });
}

/** First and last day of a "YYYY-MM" month. */
export function monthRange(month: string): { from: string; to: string } {
  const from = `${month}-01`;
  const [year, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${year + 1}-01-01` : `${year}-${String(m + 1).padStart(2, '0')}-01`;
  return { from, to: addDays(next, -1) };
}

/** Fairs grouped under the month they start in; those already running come first, under their status. */
export function fairCalendarView(input: {
  rows: FairSummaryRow[];
  total: number;
  page: number;
  limit: number;
  values: FairCalendarView['values'];
  provinces: Option[];
  t: Messages;
  locale: Locale;
  today: string;
  /** Filters refused and left out of `rows`, and the query as typed. */
  issues: FieldIssue[];
  typed: Record<string, string>;
}): FairCalendarView {
  const { t, locale, today } = input;
  const labels = { province: t.fairs.province, month: t.fairs.month, page: t.fairs.pageField };
  const groups: FairCalendarView['groups'] = [];
  for (const row of input.rows) {
    const card = toFairCard(row, t, locale, today);
    const label =
      card.status === 'running'
        ? t.fairs.statuses.running
        : t.fairs.monthLabel(Number(row.startsOn.slice(5, 7)), Number(row.startsOn.slice(0, 4)));
    const last = groups[groups.length - 1];
    if (last && last.label === label) last.fairs.push(card);
    else groups.push({ label, fairs: [card] });
  }
  return {
    values: input.values,
    provinces: input.provinces,
    months: monthOptions(t, today),
    groups,
    total: input.total,
    page: input.page,
    pageCount: Math.max(1, Math.ceil(input.total / input.limit)),
    problems: filterProblems(input.issues, labels, input.typed),
  };
}

type BoothRow = FairPage['booths'][number];

/** The plan of the fair's zones in their order, each booth as wide as its type says. */
function planOf(page: FairPage, t: Messages, locale: Locale): FairPlanView | null {
  const { fair } = page;
  if (page.booths.length === 0) return null;
  const widths = new Map(fair.boothTypes.map((type) => [type.code, type.widthCm]));
  const zoneCodes = [...fair.zones.map((zone) => zone.code)];
  for (const booth of page.booths) if (!zoneCodes.includes(booth.zoneCode)) zoneCodes.push(booth.zoneCode);
  const byZone = new Map<string, BoothRow[]>(zoneCodes.map((code) => [code, []]));
  for (const booth of page.booths) byZone.get(booth.zoneCode)!.push(booth);
  const plan = boothPlan(
    zoneCodes.map((code) => ({
      code,
      booths: byZone.get(code)!.map((booth) => {
        const width = booth.typeCode ? widths.get(booth.typeCode) : undefined;
        return width === undefined ? { code: booth.code } : { code: booth.code, widthCm: width };
      }),
    })),
  );
  const taken = new Set(page.booths.filter((booth) => booth.exhibitorId !== null).map((booth) => booth.code));
  const zoneName = zoneNames(page, t, locale);
  return {
    width: plan.width,
    height: plan.height,
    zones: plan.zones.map((zone) => ({
      code: zone.code,
      name: zoneName(zone.code),
      x: zone.x,
      y: zone.y,
      width: zone.width,
      height: zone.height,
      labelX: zone.label.x,
      labelY: zone.label.y,
    })),
    booths: plan.booths.map((booth) => ({
      code: booth.code,
      x: booth.x,
      y: booth.y,
      width: booth.width,
      height: booth.height,
      taken: taken.has(booth.code),
    })),
  };
}

function zoneNames(page: FairPage, t: Messages, locale: Locale) {
  const names = new Map(page.fair.zones.map((zone) => [zone.code, pick(locale, zone.nameVi, zone.nameEn)]));
  return (code: string) => names.get(code) ?? (code === '' ? t.fairs.noZone : code);
}

const cmText = (cm: number, locale: Locale) => {
  const metres = String(cm / 100);
  return locale === 'vi' ? metres.replace('.', ',') : metres;
};

export function toFairDetail(page: FairPage, t: Messages, locale: Locale, today: string): FairDetailView {
  const { fair } = page;
  const status = statusOf(fair, today);
  const name = pick(locale, fair.nameVi, fair.nameEn);
  const productsOf = new Map<number, FairExhibitorView['products']>();
  for (const product of page.products) {
    if (!isListed({ ...product, ocopStars: product.stars }, today)) continue;
    const list = productsOf.get(product.exhibitorId) ?? [];
    list.push({
      name: pick(locale, product.nameVi, product.nameEn),
      href: `/products/${product.slug}`,
      stars: product.stars,
    });
    productsOf.set(product.exhibitorId, list);
  }
  const zoneName = zoneNames(page, t, locale);
  const zoneIndex = new Map<string, FairDetailView['zones'][number]>();
  for (const zone of [...fair.zones.map((z) => z.code), ...page.booths.map((booth) => booth.zoneCode)]) {
    if (!zoneIndex.has(zone)) {
      zoneIndex.set(zone, {
        code: zone === '' ? 'other' : zone,
        name: zoneName(zone),
        summary: '',
        booths: [],
        free: [],
      });
    }
  }
  for (const booth of page.booths) {
    const zone = zoneIndex.get(booth.zoneCode)!;
    if (booth.exhibitorId === null || booth.producerSlug === null || booth.producerName === null) {
      zone.free.push(booth.code);
      continue;
    }
    zone.booths.push({
      code: booth.code,
      exhibitor: {
        name: booth.producerName,
        href: `/producers/${booth.producerSlug}`,
        place: provinceName(booth.producerProvince ?? '', locale),
        products: productsOf.get(booth.exhibitorId) ?? [],
      },
    });
  }
  const zones = [...zoneIndex.values()].filter((zone) => zone.booths.length + zone.free.length > 0);
  for (const zone of zones)
    zone.summary = t.fairs.zoneBooths(zone.booths.length + zone.free.length, zone.booths.length);
  const taken = zones.reduce((sum, zone) => sum + zone.booths.length, 0);
  return {
    id: fair.id,
    slug: fair.slug,
    name,
    kindName: t.fairs.kinds[fair.kind],
    status,
    statusText: t.fairs.statuses[status],
    description: pick(locale, fair.descriptionVi ?? '', fair.descriptionEn) || null,
    dates: fairDatesText(t, fair),
    hours: hoursText(t, fair),
    venue: fair.venue,
    address: joinPlace(
      fair.street,
      pick(locale, page.communeVi ?? '', page.communeEn),
      pick(locale, page.provinceVi, page.provinceEn),
    ),
    organiser: fair.organiser,
    directions: directionLinks({ latitude: fair.latitude, longitude: fair.longitude, name: fair.venue }),
    applications:
      fair.applicationsOpenOn && fair.applicationsCloseOn
        ? t.fairs.applicationWindow(formatDate(fair.applicationsOpenOn), formatDate(fair.applicationsCloseOn))
        : null,
    calendar: { ics: `/api/v1/fairs/${fair.id}.ics`, google: googleCalendarLink(page, name, locale) },
    exhibitorCount: t.fairs.exhibitorCount(taken),
    plan: planOf(page, t, locale),
    boothTypes: fair.boothTypes.map((type) => ({
      name: pick(locale, type.nameVi, type.nameEn),
      size: t.fairs.boothSize(cmText(type.widthCm, locale), cmText(type.depthCm, locale)),
      fee: formatVnd(type.feeVnd),
    })),
    zones,
  };
}

const compactDate = (isoDate: string) => isoDate.replaceAll('-', '');

/** Google Calendar's event template: the fair as an all-day event over its dates (end exclusive). */
function googleCalendarLink(page: FairPage, name: string, locale: Locale) {
  const { fair } = page;
  const params = new URLSearchParams({
    action: 'TEMPLATE',
    text: name,
    dates: `${compactDate(fair.startsOn)}/${compactDate(addDays(fair.endsOn, 1))}`,
    ctz: 'Asia/Ho_Chi_Minh',
    location: joinPlace(fair.venue, fair.street, pick(locale, page.provinceVi, page.provinceEn)),
    details: pick(locale, fair.descriptionVi ?? '', fair.descriptionEn),
  });
  return `https://calendar.google.com/calendar/render?${params.toString()}`;
}

/** A Vietnam wall-clock moment as ISO 8601 with its offset: "2026-12-18T08:00:00+07:00". */
const vietnamMoment = (date: string, time: string) => `${date}T${time === '24:00' ? '23:59' : time}:00+07:00`;

/** schema.org Event (a festival as Festival, the rest as ExhibitionEvent), offline at its venue. */
export function fairJsonLd(page: FairPage, origin: string) {
  const { fair } = page;
  return {
    '@context': 'https://schema.org',
    '@type': fair.kind === 'festival' ? 'Festival' : 'ExhibitionEvent',
    name: fair.nameVi,
    ...(fair.nameEn ? { alternateName: fair.nameEn } : {}),
    ...(fair.descriptionVi ? { description: fair.descriptionVi } : {}),
    url: `${origin}/fairs/${fair.slug}`,
    startDate: fair.dailyOpens ? vietnamMoment(fair.startsOn, fair.dailyOpens) : fair.startsOn,
    endDate: fair.dailyCloses ? vietnamMoment(fair.endsOn, fair.dailyCloses) : fair.endsOn,
    eventStatus: 'https://schema.org/EventScheduled',
    eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
    location: {
      '@type': 'Place',
      name: fair.venue,
      address: {
        '@type': 'PostalAddress',
        streetAddress: joinPlace(fair.street, page.communeVi) || undefined,
        addressRegion: page.provinceVi,
        addressCountry: 'VN',
      },
      ...(fair.latitude !== null && fair.longitude !== null
        ? { geo: { '@type': 'GeoCoordinates', latitude: fair.latitude, longitude: fair.longitude } }
        : {}),
    },
    ...(fair.organiser ? { organizer: { '@type': 'Organization', name: fair.organiser } } : {}),
    image: `${origin}/images/share/fairs/${fair.slug}.png`,
  };
}

/** The facts the Open Graph builder needs, in the page's language. */
export const fairShareFacts = (view: FairDetailView) => ({
  slug: view.slug,
  name: view.name,
  dates: view.dates,
  venue: `${view.venue}, ${view.address}`,
});

// ---------------------------------------------------------------- calendar files

interface CalendarRow extends FairPlace, FairDates {
  id: number;
  slug: string;
  nameVi: string;
  nameEn: string | null;
  descriptionVi: string | null;
  descriptionEn: string | null;
  venue: string;
  latitude: number | null;
  longitude: number | null;
  updatedAt: string;
}

export function toCalendarFair(row: CalendarRow, origin: string, locale: Locale): CalendarFair {
  return {
    id: row.id,
    name: pick(locale, row.nameVi, row.nameEn),
    description: pick(locale, row.descriptionVi ?? '', row.descriptionEn) || null,
    venue: row.venue,
    address: addressOf(row, locale) || null,
    latitude: row.latitude,
    longitude: row.longitude,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    dailyHours: row.dailyOpens && row.dailyCloses ? { opens: row.dailyOpens, closes: row.dailyCloses } : null,
    url: `${origin}/fairs/${row.slug}`,
    updatedAt: row.updatedAt,
  };
}

/** A fair page row as the calendar needs it. */
export const pageCalendarRow = (page: FairPage): CalendarRow => ({
  ...page.fair,
  communeVi: page.communeVi,
  communeEn: page.communeEn,
});

// ---------------------------------------------------------------- API

const publicStatus = (status: FairStatus): PublicStatus => (status === 'draft' ? 'published' : status);

type SummaryInput = Omit<FairSummaryRow, 'communeVi' | 'communeEn' | 'exhibitorCount' | 'total'> &
  FairPlace & { exhibitorCount: number };

export function presentFairSummary(
  row: SummaryInput,
  origin: string,
  today: string,
): z.infer<typeof fairSummarySchema> {
  return {
    id: row.id,
    slug: row.slug,
    url: `${origin}/fairs/${row.slug}`,
    calendar_url: `${origin}/api/v1/fairs/${row.id}.ics`,
    kind: row.kind,
    name: { vi: row.nameVi, en: row.nameEn },
    status: publicStatus(statusOf(row, today)),
    starts_on: row.startsOn,
    ends_on: row.endsOn,
    daily_hours: row.dailyOpens && row.dailyCloses ? { opens: row.dailyOpens, closes: row.dailyCloses } : null,
    applications:
      row.applicationsOpenOn && row.applicationsCloseOn
        ? { opens_on: row.applicationsOpenOn, closes_on: row.applicationsCloseOn }
        : null,
    province_code: row.provinceCode,
    venue: row.venue,
    address: addressOf(row, 'vi'),
    latitude: row.latitude,
    longitude: row.longitude,
    organiser: row.organiser,
    exhibitor_count: row.exhibitorCount,
  };
}

export function presentFairDetail(page: FairPage, origin: string, today: string): z.infer<typeof fairDetailSchema> {
  const { fair } = page;
  const products = new Map<number, z.infer<typeof fairDetailSchema>['exhibitors'][number]['products']>();
  for (const product of page.products) {
    if (!isListed({ ...product, ocopStars: product.stars }, today)) continue;
    const list = products.get(product.exhibitorId) ?? [];
    list.push({
      slug: product.slug,
      url: `${origin}/products/${product.slug}`,
      name: { vi: product.nameVi, en: product.nameEn },
      stars: product.stars,
    });
    products.set(product.exhibitorId, list);
  }
  const summary = presentFairSummary(
    {
      ...fair,
      communeVi: page.communeVi,
      communeEn: page.communeEn,
      exhibitorCount: page.booths.filter((booth) => booth.exhibitorId !== null).length,
    },
    origin,
    today,
  );
  return {
    ...summary,
    address: joinPlace(fair.street, page.communeVi, page.provinceVi),
    description: { vi: fair.descriptionVi, en: fair.descriptionEn },
    commune_code: fair.communeCode,
    zones: fair.zones.map((zone) => ({ code: zone.code, name: { vi: zone.nameVi, en: zone.nameEn } })),
    booth_types: fair.boothTypes.map((type) => ({
      code: type.code,
      name: { vi: type.nameVi, en: type.nameEn },
      width_cm: type.widthCm,
      depth_cm: type.depthCm,
      fee_vnd: type.feeVnd,
    })),
    booths: page.booths.map((booth) => ({
      code: booth.code,
      zone: booth.zoneCode,
      type: booth.typeCode,
      exhibitor: booth.exhibitorId === null ? null : booth.producerSlug,
    })),
    exhibitors: page.booths.flatMap((booth) =>
      booth.exhibitorId === null || booth.producerSlug === null || booth.producerName === null
        ? []
        : [
            {
              booth: booth.code,
              zone: booth.zoneCode,
              producer: {
                slug: booth.producerSlug,
                name: booth.producerName,
                url: `${origin}/producers/${booth.producerSlug}`,
                province_code: booth.producerProvince ?? '',
              },
              products: products.get(booth.exhibitorId) ?? [],
            },
          ],
    ),
  };
}

// ---------------------------------------------------------------- staff

type StaffListRow = Awaited<ReturnType<typeof listFairsForStaff>>[number];

export function toAdminFairRows(rows: StaffListRow[], t: Messages, locale: Locale, today: string): AdminFairRowView[] {
  return rows.map((row) => {
    const status = statusOf(row, today);
    return {
      id: row.id,
      name: pick(locale, row.nameVi, row.nameEn),
      dates: t.fairs.dateRange(formatDate(row.startsOn), formatDate(row.endsOn)),
      status,
      statusText: t.fairs.statuses[status],
      waiting: row.waiting,
      booths: t.adminFairs.boothsTaken(row.accepted, row.booths),
    };
  });
}

export const fairKindOptions = (t: Messages): Option[] =>
  FAIR_KINDS.map((kind) => ({ value: kind, label: t.fairs.kinds[kind] }));

/** A stored fair as its edit form shows it. */
export function fairFormValues(fair: FairRow, booths: FairForEdit['booths']): Values {
  const floor = fairFloorToForm({
    zones: fair.zones,
    boothTypes: fair.boothTypes,
    booths: booths.map((booth) => ({ code: booth.code, zoneCode: booth.zoneCode, typeCode: booth.typeCode })),
  });
  return {
    kind: fair.kind,
    nameVi: fair.nameVi,
    nameEn: fair.nameEn,
    descriptionVi: fair.descriptionVi,
    descriptionEn: fair.descriptionEn,
    organiser: fair.organiser,
    provinceCode: fair.provinceCode,
    communeCode: fair.communeCode,
    venue: fair.venue,
    street: fair.street,
    location: fair.latitude !== null && fair.longitude !== null ? `${fair.latitude}, ${fair.longitude}` : null,
    startsOn: fair.startsOn,
    endsOn: fair.endsOn,
    dailyOpens: fair.dailyOpens,
    dailyCloses: fair.dailyCloses,
    applicationsOpenOn: fair.applicationsOpenOn,
    applicationsCloseOn: fair.applicationsCloseOn,
    ...floor,
  };
}

export function toAdminFairView(workspace: FairWorkspace, t: Messages, locale: Locale, today: string): AdminFairView {
  const { fair } = workspace;
  const status = statusOf(fair, today);
  const zoneNames = new Map(fair.zones.map((zone) => [zone.code, pick(locale, zone.nameVi, zone.nameEn)]));
  const a = t.adminFairs;
  return {
    id: fair.id,
    name: pick(locale, fair.nameVi, fair.nameEn),
    status,
    statusText: t.fairs.statuses[status],
    isPublished: fair.isPublished,
    dates: fairDatesText(t, fair),
    hours: hoursText(t, fair),
    venue: `${fair.venue}, ${provinceName(fair.provinceCode, locale)}`,
    applications:
      fair.applicationsOpenOn && fair.applicationsCloseOn
        ? t.fairs.applicationWindow(formatDate(fair.applicationsOpenOn), formatDate(fair.applicationsCloseOn))
        : null,
    publicHref: fair.isPublished ? `/fairs/${fair.slug}` : null,
    boothCount: workspace.booths.length,
    freeBooths: workspace.booths
      .filter((booth) => booth.heldBy === null)
      .map((booth) => ({ value: booth.code, label: zoneNames.get(booth.zoneCode) ?? booth.zoneCode })),
    canAddExhibitors: takesExhibitors(status) && workspace.booths.some((booth) => booth.heldBy === null),
    exhibitors: workspace.exhibitors.map((row) => ({
      id: row.id,
      producerName: row.producerName,
      producerHref: `/producers/${row.producerSlug}`,
      taxCode: row.taxCode,
      place: provinceName(row.producerProvince, locale),
      status: row.status,
      statusText: a.exhibitorStatuses[row.status],
      booth: row.boothCode,
      appliedOn: a.appliedOn(formatInstant(row.createdAt).slice(0, 10)),
      decided: row.decidedAt && row.deciderName ? a.decidedBy(row.deciderName, formatInstant(row.decidedAt)) : null,
      note: row.note,
      reason: row.status === 'rejected' ? row.decisionReason : null,
      products: row.products.map((product) => pick(locale, product.nameVi, product.nameEn)),
      canAccept: applicationTransition(row.status, 'accept', status) !== null,
      canReject: applicationTransition(row.status, 'reject', status) !== null,
    })),
  };
}

/** The accepted exhibitors in booth order, as staff export them. */
function exportRows(workspace: FairWorkspace, locale: Locale) {
  const { fair } = workspace;
  const zoneNames = new Map(fair.zones.map((zone) => [zone.code, pick(locale, zone.nameVi, zone.nameEn)]));
  const typeNames = new Map(fair.boothTypes.map((type) => [type.code, pick(locale, type.nameVi, type.nameEn)]));
  return workspace.exhibitors
    .filter((row) => row.status === 'accepted' && row.boothCode !== null)
    .sort((a, b) => (a.boothCode ?? '').localeCompare(b.boothCode ?? '', 'en', { numeric: true }))
    .map((row) => ({
      booth: row.boothCode ?? '',
      zone: zoneNames.get(row.zoneCode ?? '') ?? row.zoneCode ?? '',
      type: row.typeCode ? (typeNames.get(row.typeCode) ?? row.typeCode) : '',
      name: row.producerName,
      taxCode: row.taxCode ?? '',
      province: provinceName(row.producerProvince, locale),
      phone: row.phone ? formatPhone(row.phone) : '',
      email: row.email ?? '',
      products: row.products.map((product) => pick(locale, product.nameVi, product.nameEn)),
    }));
}

export function exhibitorsCsv(workspace: FairWorkspace, t: Messages, locale: Locale): string {
  return writeCsv([
    t.adminFairs.csvHeader,
    ...exportRows(workspace, locale).map((row) => [
      row.booth,
      row.zone,
      row.type,
      row.name,
      row.taxCode,
      row.province,
      row.phone,
      row.email,
      row.products.join('; '),
    ]),
  ]);
}

export function exhibitorListInput(workspace: FairWorkspace, t: Messages, locale: Locale): ExhibitorListInput {
  const { fair } = workspace;
  const [booth, zone, , name, taxCode, province, phone, , products] = t.adminFairs.csvHeader;
  return {
    title: t.adminFairs.pdfTitle(pick(locale, fair.nameVi, fair.nameEn)),
    subtitle: `${fairDatesText(t, fair)} · ${fair.venue}, ${provinceName(fair.provinceCode, locale)}`,
    columns: [booth!, zone!, name!, taxCode!, province!, phone!, products!],
    rows: exportRows(workspace, locale).map((row) => [
      row.booth,
      row.zone,
      row.name,
      row.taxCode,
      row.province,
      row.phone,
      row.products.join(', '),
    ]),
    page: t.adminFairs.pdfPage,
  };
}

export function fairPosterInput(
  fair: FairRow,
  size: PosterSize,
  t: Messages,
  locale: Locale,
  origin: string,
): FairPosterInput {
  return {
    size,
    kind: t.fairs.kinds[fair.kind],
    name: pick(locale, fair.nameVi, fair.nameEn),
    dates: fairDatesText(t, fair),
    hours: hoursText(t, fair),
    venue: `${fair.venue}, ${provinceName(fair.provinceCode, locale)}`,
    organiser: fair.organiser,
    url: `${origin}/fairs/${fair.slug}`,
    scan: t.adminFairs.posterScan,
  };
}

// ---------------------------------------------------------------- producers

type ProducerFairs = NonNullable<Awaited<ReturnType<typeof listProducerFairs>>>;

export function toPortalFairsView(data: ProducerFairs, t: Messages, locale: Locale, today: string): PortalFairsView {
  const p = t.portalFairs;
  const mineByFair = new Map(data.mine.map((row) => [row.fairId, row]));
  return {
    producerName: data.producerName,
    open: data.open.map((fair) => {
      const mine = mineByFair.get(fair.id);
      return {
        id: fair.id,
        name: pick(locale, fair.nameVi, fair.nameEn),
        href: `/fairs/${fair.slug}`,
        dates: fairDatesText(t, fair),
        place: `${fair.venue}, ${provinceName(fair.provinceCode, locale)}`,
        closes: p.closesOn(formatDate(fair.applicationsCloseOn ?? fair.startsOn)),
        applied: mine ? p.statuses[mine.status] : null,
        canApply: applicationRefusal(mine?.status ?? null, 'open_for_applications') === null,
      };
    }),
    mine: data.mine.map((row) => ({
      id: row.id,
      fairName: pick(locale, row.nameVi, row.nameEn),
      fairHref: row.isPublished ? `/fairs/${row.fairSlug}` : null,
      dates: fairDatesText(t, row),
      status: row.status,
      statusText: p.statuses[row.status],
      booth: row.status === 'accepted' ? row.boothCode : null,
      reason: row.status === 'rejected' ? row.decisionReason : null,
      products: row.products.map((product) => pick(locale, product.nameVi, product.nameEn)),
      canWithdraw: canWithdraw(row.status, statusOf(row, today)),
    })),
  };
}

/** Why a product may not be entered, in the producer's words. */
export function entryRefusalText(t: Messages, decision: EntryDecision): string | null {
  if (decision.allowed) return null;
  const reasons = t.portalFairs.entryReasons;
  switch (decision.reason) {
    case 'expired':
    case 'lapses_during_fair':
      return reasons[decision.reason](formatDate(decision.validUntil));
    default:
      return reasons[decision.reason];
  }
}

type ApplicationChoices = Awaited<ReturnType<typeof applicationChoices>>;

export function toPortalApplyView(choices: ApplicationChoices, t: Messages, locale: Locale): PortalApplyView {
  const { fair } = choices;
  return {
    producerName: choices.producerName,
    fair: {
      id: fair.id,
      name: pick(locale, fair.nameVi, fair.nameEn),
      dates: fairDatesText(t, fair),
      place: `${fair.venue}, ${provinceName(fair.provinceCode, locale)}`,
      closes: t.portalFairs.closesOn(formatDate(fair.applicationsCloseOn ?? fair.startsOn)),
    },
    products: choices.products.map(({ row, decision }) => {
      const refused = entryRefusalText(t, decision);
      return {
        id: row.id,
        name: pick(locale, row.nameVi, row.nameEn),
        stars: row.stars !== null && row.stars >= 3 && decision.allowed ? t.certification.stars(row.stars) : null,
        allowed: decision.allowed,
        refused: refused === null ? null : t.portalFairs.refused(refused),
      };
    }),
  };
}
