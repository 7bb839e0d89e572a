/**
 * Sales points as pages show them (worded, formatted in Vietnam time and Vietnamese numbers) and
 * as the API serialises them: the public list and page, the nearest points on product and scan
 * pages, schema.org Store JSON-LD, and the staff and producer lists.
 */
import type { z } from '@hono/zod-openapi';
import type { Locale, Messages } from '../../web/messages';
import type { NearbyPointView, OpeningNowView, WhereToBuyView } from '../../web/views';
import type { MapSettings, SalesPointDetailView, SalesPointListView } from '../../web/pages/SalesPointPages';
import type { Option } from '../../web/views';
import type { SalesPointChoices } from '../../web/components/SalesPointFields';
import type { StockRowView } from '../../web/components/PointStock';
import type { AdminSalesPointsView } from '../../web/pages/admin/AdminSalesPointsPage';
import type { AdminSalesPointView } from '../../web/pages/admin/AdminSalesPointPage';
import type { PortalSalesPointsView } from '../../web/pages/portal/PortalSalesPointsPage';
import type { PortalSalesPointView } from '../../web/pages/portal/PortalSalesPointPage';
import { salesPointStatuses } from '../../db/schema';
import type { ProductPage } from '../data/catalogue';
import { PUBLIC_HOLIDAYS, SALES_POINT_KINDS, salesPointKindsById } from '../data/reference';
import type {
  listProducerSalesPoints,
  SalesPointListItem,
  SalesPointPage,
  SalesPointRow,
  SalesPointSearch,
  StaffPointFilter,
  StaffPointRow,
  StockableProduct,
} from '../data/sales-points';
import {
  actionsFor,
  DEFAULT_RADIUS_KM,
  isEditableProposal,
  stockRefusal,
  type SalesPointStatus,
  type StockRefusal,
} from '../domain/sales-point';
import { HOURS_FIELDS, openingHoursToForm } from '../domain/opening-hours-form';
import type { FieldIssue } from '../domain/errors';
import type { VisitorPlace } from '../lib/visitor-place';
import { filterProblems } from './filter-problems';
import { DEFAULT_POINTS_PAGE, type SalesPointQuery } from '../schemas/sales-points';
import { displayDistanceKm, distanceKm, type LatLng } from '../domain/geo';
import { formatVnd } from '../domain/money';
import {
  isOpenAt,
  openingState,
  PUBLIC_HOLIDAYS as PUBLIC_HOLIDAYS_FIELD,
  weekHours,
  type OpeningHours,
  type OpeningHoursSpecification,
  type VietnamMoment,
} from '../domain/opening-hours';
import { formatPhone } from '../domain/phone';
import { formatDate, formatInstant, vietnamDate } from '../domain/time';
import type { salesPointDetailSchema, salesPointSummarySchema } from '../schemas/sales-point-api';
import { pick, productImagePath, provinceName, provinceOptions } from './catalogue';

const joinPlace = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(', ');

export const kindName = (kind: string, locale: Locale): string => {
  const found = salesPointKindsById.get(kind);
  return found ? pick(locale, found.nameVi, found.nameEn) : kind;
};

export const kindOptions = (locale: Locale) =>
  [...salesPointKindsById.values()].map((kind) => ({ value: kind.id, label: pick(locale, kind.nameVi, kind.nameEn) }));

/** "3,4 km", in both languages (worker/domain/numbers.ts). */
export const kmText = (t: Messages, km: number) => t.places.km(displayDistanceKm(km));

function dayText(t: Messages, moment: VietnamMoment): string {
  switch (moment.day) {
    case 'today':
      return t.places.dayToday;
    case 'tomorrow':
      return t.places.dayTomorrow;
    case 'weekday':
      return t.places.dayWeekday(t.places.weekdays[moment.weekday]);
    case 'date':
      return t.places.dayDate(formatDate(moment.date));
  }
}

/** "7:00" rather than "07:00", as times are spoken and printed on Vietnamese shop signs. */
const shortTime = (time: string) => time.replace(/^0(\d)/, '$1');

/** Open or closed at `now` in Vietnam time, and until or from when. */
export function openingNow(hours: OpeningHours | null, now: Date, t: Messages): OpeningNowView {
  if (!hours || hours.length === 0) return { open: false, text: t.places.hoursUnknown };
  const state = openingState(hours, now, PUBLIC_HOLIDAYS);
  if (state.open) {
    return {
      open: true,
      text: state.closesAt
        ? t.places.openUntil(shortTime(state.closesAt.time), dayText(t, state.closesAt))
        : t.places.openAllDay,
    };
  }
  return {
    open: false,
    text: state.opensAt
      ? t.places.closedOpensAt(shortTime(state.opensAt.time), dayText(t, state.opensAt))
      : t.places.closedNoHours,
  };
}

/** Open at `now`: only today's and yesterday's hours are read, far cheaper than openingNow's look-ahead. */
export const isOpenNow = (hours: OpeningHours | null, now: Date) =>
  Boolean(hours && hours.length > 0 && isOpenAt(hours, now, PUBLIC_HOLIDAYS));

interface PresentContext {
  t: Messages;
  locale: Locale;
  now: Date;
  near: LatLng | null;
}

const distanceOf = (near: LatLng | null, point: { latitude: number | null; longitude: number | null }) =>
  near && point.latitude !== null && point.longitude !== null
    ? distanceKm(near, { latitude: point.latitude, longitude: point.longitude })
    : null;

type StockingPoint = ProductPage['salesPoints'][number];

export function toNearbyPoint(point: StockingPoint, context: PresentContext): NearbyPointView {
  const { t, locale } = context;
  const km = distanceOf(context.near, point);
  return {
    slug: point.slug,
    name: point.name,
    kindName: kindName(point.kind, locale),
    address: joinPlace(
      point.street,
      pick(locale, point.communeVi ?? '', point.communeEn),
      provinceName(point.provinceCode, locale),
    ),
    phone: point.phone ? formatPhone(point.phone) : null,
    distance: km === null ? null : kmText(t, km),
    now: openingNow(point.openingHours, context.now, t),
    price: point.price === null ? null : formatVnd(point.price),
  };
}

/** The product or scan page's "where to buy": the nearest stocking points and the fairs showing it today. */
export function toWhereToBuy(
  productSlug: string,
  points: StockingPoint[],
  fairs: ProductPage['fairBooths'],
  context: PresentContext,
  shown: number,
): WhereToBuyView {
  const near = context.near;
  return {
    points: points.slice(0, shown).map((point) => toNearbyPoint(point, context)),
    sortedByDistance: near !== null,
    allQuery: { product: productSlug, ...(near ? { near: `${near.latitude},${near.longitude}` } : {}) },
    fairs: fairs.map((fair) => ({
      href: `/fairs/${fair.slug}`,
      text: context.t.places.atFair(pick(context.locale, fair.nameVi, fair.nameEn), fair.boothCode),
    })),
  };
}

export function toSalesPointCard(item: SalesPointListItem, context: PresentContext) {
  const km = distanceOf(context.near, item);
  return {
    slug: item.slug,
    name: item.name,
    kindName: kindName(item.kind, context.locale),
    address: joinPlace(
      item.street,
      pick(context.locale, item.communeVi ?? '', item.communeEn),
      provinceName(item.provinceCode, context.locale),
    ),
    phone: item.phone ? formatPhone(item.phone) : null,
    distance: km === null ? null : kmText(context.t, km),
    now: openingNow(item.openingHours, context.now, context.t),
    latitude: item.latitude,
    longitude: item.longitude,
  };
}

export type SalesPointCard = ReturnType<typeof toSalesPointCard>;

/** Directions: a geo: URI any phone's maps app opens, and an OpenStreetMap link for the rest. */
export function directionLinks(point: { latitude: number | null; longitude: number | null; name: string }) {
  if (point.latitude === null || point.longitude === null) return null;
  const at = `${point.latitude},${point.longitude}`;
  return {
    geo: `geo:${at}?q=${at}(${encodeURIComponent(point.name)})`,
    osm: `https://www.openstreetmap.org/?mlat=${point.latitude}&mlon=${point.longitude}#map=17/${point.latitude}/${point.longitude}`,
  };
}

/** Only web links: a typed `javascript:` URL must never become an href. */
const safeWebsite = (url: string | null) => (url && /^https?:\/\//i.test(url) ? url : null);

export function toSalesPointDetail(page: SalesPointPage, context: PresentContext, today: string): SalesPointDetailView {
  const { t, locale } = context;
  const { point } = page;
  const hours = point.openingHours ?? [];
  return {
    slug: point.slug,
    name: point.name,
    kindName: kindName(point.kind, locale),
    status: point.status,
    statusText: t.salesPoints.statuses[point.status],
    operator: point.operator,
    address: joinPlace(
      point.street,
      pick(locale, page.communeVi ?? '', page.communeEn),
      pick(locale, page.provinceVi, page.provinceEn),
    ),
    phone: point.phone ? { text: formatPhone(point.phone), href: `tel:${point.phone}` } : null,
    zalo: point.zalo
      ? { text: formatPhone(point.zalo), href: `https://zalo.me/${point.zalo.replace('+84', '0')}` }
      : null,
    website: safeWebsite(point.website),
    latitude: point.latitude,
    longitude: point.longitude,
    directions: directionLinks(point),
    now: openingNow(point.openingHours, context.now, t),
    week:
      hours.length === 0
        ? []
        : weekHours(hours, today, PUBLIC_HOLIDAYS).map((day) => ({
            label: `${t.places.weekdays[day.weekday]} ${formatDate(day.date).slice(0, 5)}`,
            today: day.date === today,
            note: day.basis === 'exception' ? t.places.exceptionDay : day.publicHoliday ? t.places.holiday : null,
            hours:
              day.intervals.length === 0
                ? t.places.closedDay
                : day.intervals
                    .map(
                      (i) => `${shortTime(i.opens)}–${shortTime(i.closes)}${i.nextDay ? ` ${t.places.nextDay}` : ''}`,
                    )
                    .join(', '),
          })),
    photos: page.photos.map((photo) => ({ url: photo.url, alt: pick(locale, photo.altVi, photo.altEn) })),
    products: page.stock
      .filter((line) => line.listed)
      .map((line) => ({
        slug: line.slug,
        name: pick(locale, line.nameVi, line.nameEn),
        producerName: line.producerName,
        stars: line.stars,
        imageUrl: line.imageUrl ?? productImagePath(line.slug),
        price: formatVnd(line.price ?? line.cataloguePrice ?? 0),
        hasPrice: line.price !== null || line.cataloguePrice !== null,
        confirmed: line.confirmedOn ? t.salesPoints.confirmedOn(formatDate(line.confirmedOn)) : null,
      })),
  };
}

const DAY_URIS: Record<string, string> = {
  PublicHolidays: 'https://schema.org/PublicHolidays',
};

function hoursJsonLd(entry: OpeningHoursSpecification) {
  return {
    '@type': 'OpeningHoursSpecification',
    ...(entry.dayOfWeek
      ? { dayOfWeek: entry.dayOfWeek.map((day) => DAY_URIS[day] ?? `https://schema.org/${day}`) }
      : {}),
    opens: entry.opens,
    closes: entry.closes,
    ...(entry.validFrom ? { validFrom: entry.validFrom } : {}),
    ...(entry.validThrough ? { validThrough: entry.validThrough } : {}),
  };
}

/** schema.org Store, with the hours as stored: they already are OpeningHoursSpecification. */
export function salesPointJsonLd(page: SalesPointPage, view: SalesPointDetailView, origin: string) {
  const { point } = page;
  return {
    '@context': 'https://schema.org',
    '@type': 'Store',
    name: point.name,
    url: `${origin}/sales-points/${point.slug}`,
    address: {
      '@type': 'PostalAddress',
      streetAddress: [point.street, page.communeVi].filter(Boolean).join(', ') || undefined,
      addressRegion: page.provinceVi,
      addressCountry: 'VN',
    },
    ...(point.latitude !== null && point.longitude !== null
      ? { geo: { '@type': 'GeoCoordinates', latitude: point.latitude, longitude: point.longitude } }
      : {}),
    ...(point.phone ? { telephone: point.phone } : {}),
    ...(view.photos[0] ? { image: `${origin}${view.photos[0].url}` } : {}),
    ...(point.openingHours && point.openingHours.length > 0
      ? { openingHoursSpecification: point.openingHours.map(hoursJsonLd) }
      : {}),
  };
}

/** The data layer's search for a validated query: near the visitor's place when there is one. */
export function salesPointSearch(query: SalesPointQuery, near: LatLng | null): SalesPointSearch {
  return {
    province: query.province,
    kind: query.kind,
    productSlug: query.product,
    near: near ? { center: near, radiusKm: query.radius_km ?? DEFAULT_RADIUS_KM } : undefined,
    allMatches: query.open_now !== undefined,
    page: query.page ?? 1,
    limit: query.limit ?? DEFAULT_POINTS_PAGE,
  };
}

/** One page of a search's matches; "open now" is decided here, in Vietnam time, over every match read. */
export function pageOfMatches<T extends { openingHours: OpeningHours | null }>(
  items: T[],
  total: number,
  search: SalesPointSearch,
  openNow: boolean,
  now: Date,
): { items: T[]; total: number } {
  if (!openNow) return { items, total };
  const open = items.filter((item) => isOpenNow(item.openingHours, now));
  const start = (search.page - 1) * search.limit;
  return { items: open.slice(start, start + search.limit), total: open.length };
}

const RADII = [2, 5, 10, 20, 50, 100, 200];

export function salesPointListView(input: {
  query: SalesPointQuery;
  raw: Record<string, string>;
  items: SalesPointListItem[];
  total: number;
  /** The product the list is filtered on, when its slug names one. */
  product: { nameVi: string; nameEn: string | null } | null;
  search: SalesPointSearch;
  place: VisitorPlace;
  now: Date;
  t: Messages;
  locale: Locale;
  provinces: Option[];
  kinds: Option[];
  map: MapSettings | null;
  /** Filters refused and left out of `query`, each to be shown beside its field. */
  issues: FieldIssue[];
}): SalesPointListView {
  const { t, search, place, now } = input;
  const s = t.salesPoints;
  const labels: Record<string, string> = {
    near: s.near,
    radius_km: s.radius,
    province: s.province,
    kind: s.kind,
    open_now: s.openNow,
    product: s.product,
    page: s.pageField,
    limit: s.limitField,
  };
  const shown = pageOfMatches(input.items, input.total, search, input.query.open_now !== undefined, now);
  const context = { t, locale: input.locale, now, near: place?.at ?? null };
  return {
    values: {
      near: input.raw.near,
      radius_km: input.raw.radius_km,
      province: input.query.province,
      kind: input.query.kind,
      product: input.query.product,
      open_now: input.query.open_now ? '1' : undefined,
    },
    searched: Object.values(input.raw).some((value) => value !== ''),
    productName: input.product ? pick(input.locale, input.product.nameVi, input.product.nameEn) : null,
    moreFilters: [
      input.query.radius_km ? t.places.km(input.query.radius_km) : null,
      input.query.province ? provinceName(input.query.province, input.locale) : null,
      input.query.kind ? kindName(input.query.kind, input.locale) : null,
    ].filter((chosen): chosen is string => chosen !== null),
    provinces: input.provinces,
    kinds: input.kinds,
    radii: RADII.filter((km) => km !== DEFAULT_RADIUS_KM).map((km) => ({ value: String(km), label: t.places.km(km) })),
    points: shown.items.map((item) => toSalesPointCard(item, context)),
    total: shown.total,
    page: search.page,
    pageCount: Math.max(1, Math.ceil(shown.total / search.limit)),
    nearFrom: place
      ? t.salesPoints.nearFrom(place.source === 'typed' ? t.salesPoints.typedPlace : t.salesPoints.approximate)
      : null,
    placeTyped: place?.source === 'typed',
    problems: filterProblems(input.issues, labels, input.raw),
    map: input.map,
  };
}

// ---------------------------------------------------------------- API

export function presentSalesPointSummary(
  item: SalesPointListItem,
  origin: string,
  now: Date,
  near: LatLng | null,
): z.infer<typeof salesPointSummarySchema> {
  const km = distanceOf(near, item);
  return {
    id: item.id,
    slug: item.slug,
    url: `${origin}/sales-points/${item.slug}`,
    name: item.name,
    kind: item.kind,
    operator: item.operator,
    province_code: item.provinceCode,
    address: joinPlace(item.street, item.communeVi, provinceName(item.provinceCode, 'vi')) || null,
    latitude: item.latitude,
    longitude: item.longitude,
    phone: item.phone,
    zalo: item.zalo,
    open_now: isOpenNow(item.openingHours, now),
    distance_km: km === null ? null : Math.round(km * 1000) / 1000,
  };
}

export function presentSalesPointDetail(
  page: SalesPointPage,
  origin: string,
  now: Date,
): z.infer<typeof salesPointDetailSchema> {
  const { point } = page;
  return {
    id: point.id,
    slug: point.slug,
    url: `${origin}/sales-points/${point.slug}`,
    name: point.name,
    kind: point.kind,
    operator: point.operator,
    province_code: point.provinceCode,
    commune_code: point.communeCode,
    address: joinPlace(point.street, page.communeVi, page.provinceVi) || null,
    latitude: point.latitude,
    longitude: point.longitude,
    phone: point.phone,
    zalo: point.zalo,
    website: safeWebsite(point.website),
    opening_hours: point.openingHours ?? [],
    open_now: isOpenNow(point.openingHours, now),
    photos: page.photos.map((photo) => `${origin}${photo.url}`),
    products: page.stock
      .filter((line) => line.listed)
      .map((line) => ({
        slug: line.slug,
        url: `${origin}/products/${line.slug}`,
        name: { vi: line.nameVi, en: line.nameEn },
        stars: line.stars ?? 0,
        price: line.price ?? line.cataloguePrice,
        confirmed_on: line.confirmedOn,
      })),
  };
}

// ---------------------------------------------------------------- staff and producer pages

export const statusOptions = (t: Messages): Option[] =>
  salesPointStatuses.map((status) => ({ value: status, label: t.salesPoints.statuses[status] }));

/** A point's fields as its form shows them, so it is edited as it was typed. */
export function salesPointFormValues(point: SalesPointRow): Record<string, string> {
  const hours = openingHoursToForm(point.openingHours);
  return {
    name: point.name,
    kind: point.kind,
    operator: point.operator ?? '',
    provinceCode: point.provinceCode,
    communeCode: point.communeCode ?? '',
    street: point.street ?? '',
    location: point.latitude !== null && point.longitude !== null ? `${point.latitude}, ${point.longitude}` : '',
    phone: point.phone ? formatPhone(point.phone) : '',
    zalo: point.zalo ? formatPhone(point.zalo) : '',
    website: point.website ?? '',
    ...Object.fromEntries(HOURS_FIELDS.map((day) => [`hours${day}`, hours[day] ?? ''])),
    hoursExceptions: hours.exceptions ?? '',
  };
}

/** A new point's form: an OCOP centre in the given province, open every day by default left to the person. */
export const newSalesPointValues = (provinceCode: string | null): Record<string, string> => ({
  kind: SALES_POINT_KINDS[0]?.id ?? '',
  ...(provinceCode ? { provinceCode } : {}),
});

export function salesPointChoices(
  locale: Locale,
  communes: { code: string; nameVi: string; nameEn: string }[],
): SalesPointChoices {
  return {
    kinds: kindOptions(locale),
    provinces: provinceOptions(locale),
    communes: communes.map((commune) => ({ value: commune.code, label: pick(locale, commune.nameVi, commune.nameEn) })),
  };
}

export function staffSalesPointsView(input: {
  rows: StaffPointRow[];
  filter: StaffPointFilter;
  page: number;
  pageSize: number;
  t: Messages;
  locale: Locale;
}): AdminSalesPointsView {
  const { t, locale } = input;
  const a = t.adminSalesPoints;
  return {
    filter: input.filter,
    statuses: statusOptions(t),
    provinces: provinceOptions(locale),
    kinds: kindOptions(locale),
    rows: input.rows.slice(0, input.pageSize).map((row) => ({
      id: row.id,
      name: row.name,
      kindName: kindName(row.kind, locale),
      status: row.status,
      statusText: t.salesPoints.statuses[row.status],
      place: joinPlace(
        row.street,
        pick(locale, row.communeVi ?? '', row.communeEn),
        provinceName(row.provinceCode, locale),
      ),
      origin: row.proposerName ? a.proposedBy(row.proposerName) : a.byStaff,
      stock: a.stockCount(row.stockCount),
      updated: formatInstant(row.updatedAt),
    })),
    page: input.page,
    hasNext: input.rows.length > input.pageSize,
  };
}

interface WorkContext {
  t: Messages;
  locale: Locale;
  today: string;
}

const refusalText = (t: Messages, refusal: StockRefusal | null) =>
  refusal ? t.errors.problems.product_not_stockable({ ...refusal }) : null;

type StockLineRow = SalesPointPage['stock'][number];

function stockedRow(line: StockLineRow, context: WorkContext): StockRowView {
  const { t, locale } = context;
  return {
    productId: line.productId,
    name: pick(locale, line.nameVi, line.nameEn),
    href: line.listed ? `/products/${line.slug}` : null,
    producerName: line.producerName,
    stars: line.stars,
    stocked: true,
    priceValue: line.price === null ? '' : String(line.price),
    notes: [
      ...(line.price === null ? [] : [t.adminSalesPoints.pointPrice(formatVnd(line.price))]),
      ...(line.confirmedOn ? [t.salesPoints.confirmedOn(formatDate(line.confirmedOn))] : []),
    ],
    refusal: refusalText(t, line.refusal),
  };
}

function candidateRow(product: StockableProduct, context: WorkContext): StockRowView {
  const { t, locale, today } = context;
  const refusal = stockRefusal(product, today);
  return {
    productId: product.id,
    name: pick(locale, product.nameVi, product.nameEn),
    href: refusal ? null : `/products/${product.slug}`,
    producerName: product.producerName,
    stars: product.ocopStars,
    stocked: false,
    priceValue: '',
    notes: [],
    refusal: refusalText(t, refusal),
  };
}

/** What the point lists, and the products that could be listed, each once (a stocked product shows as stocked). */
function stockRowsOf(page: SalesPointPage, candidates: StockableProduct[], context: WorkContext) {
  const stocked = new Map(page.stock.map((line) => [line.productId, line]));
  return candidates.map((product) => {
    const line = stocked.get(product.id);
    return line ? stockedRow(line, context) : candidateRow(product, context);
  });
}

function hoursFacts(t: Messages, hours: OpeningHours | null) {
  if (!hours || hours.length === 0) return [{ label: t.salesPointForm.hours, value: t.places.hoursUnknown }];
  const typed = openingHoursToForm(hours);
  return [
    ...HOURS_FIELDS.map((day) => ({
      label: t.places.weekdays[day],
      value: typed[day] || (day === PUBLIC_HOLIDAYS_FIELD ? t.adminSalesPoints.holidaysAsWeek : t.places.closedDay),
    })),
    ...(typed.exceptions ? [{ label: t.salesPointForm.exceptions, value: typed.exceptions }] : []),
  ];
}

export function staffSalesPointView(
  page: SalesPointPage,
  matches: StockableProduct[],
  query: string,
  context: WorkContext,
): AdminSalesPointView {
  const { t, locale } = context;
  const { point } = page;
  const f = t.salesPointForm;
  const facts = [
    { label: f.kind, value: kindName(point.kind, locale) },
    { label: f.operator, value: point.operator },
    {
      label: t.salesPoints.address,
      value: joinPlace(
        point.street,
        pick(locale, page.communeVi ?? '', page.communeEn),
        pick(locale, page.provinceVi, page.provinceEn),
      ),
    },
    {
      label: t.adminSalesPoints.location,
      value: point.latitude !== null && point.longitude !== null ? `${point.latitude}, ${point.longitude}` : null,
    },
    { label: f.phone, value: point.phone ? formatPhone(point.phone) : null },
    { label: f.zalo, value: point.zalo ? formatPhone(point.zalo) : null },
    { label: f.website, value: point.website },
  ].filter((fact): fact is { label: string; value: string } => Boolean(fact.value));
  return {
    id: point.id,
    name: point.name,
    kindName: kindName(point.kind, locale),
    status: point.status,
    statusText: t.salesPoints.statuses[point.status],
    statusReason: point.statusReason,
    proposer: page.proposerName,
    facts: [...facts, ...hoursFacts(t, point.openingHours)],
    publicHref: point.status === 'active' || point.status === 'closed' ? `/sales-points/${point.slug}` : null,
    actions: actionsFor(point.status).map((action) => ({ action, label: t.adminSalesPoints.actions[action] })),
    stock: page.stock.map((line) => stockedRow(line, context)),
    query,
    // Products already on sale are in the list above, with their forms.
    matches:
      query || matches.length > 0
        ? matches
            .filter((product) => !page.stock.some((line) => line.productId === product.id))
            .map((product) => candidateRow(product, context))
        : null,
    photos: page.photos.map((photo) => ({ id: photo.id, url: photo.url, alt: pick(locale, photo.altVi, photo.altEn) })),
  };
}

type ProducerPoints = NonNullable<Awaited<ReturnType<typeof listProducerSalesPoints>>>;

export function portalSalesPointsView(
  data: ProducerPoints,
  province: string,
  producerParam: number | undefined,
  { t, locale }: { t: Messages; locale: Locale },
): PortalSalesPointsView {
  const p = t.portalSalesPoints;
  const href = (id: number) => `/portal/sales-points/${id}`;
  return {
    producerName: data.producer.name,
    producerParam,
    proposals: data.proposals.map((proposal) => ({
      id: proposal.id,
      name: proposal.name,
      href: href(proposal.id),
      detail: `${provinceName(proposal.provinceCode, locale)} · ${p.proposedOn(formatDate(vietnamDate(new Date(proposal.createdAt))))}`,
      status: proposal.status,
      statusText: t.salesPoints.statuses[proposal.status],
      decision: decisionText(t, proposal),
    })),
    stocking: data.stocking.map((point) => ({
      id: point.id,
      name: point.name,
      href: href(point.id),
      detail: p.stockCount(point.stockCount),
    })),
    province,
    provinces: provinceOptions(locale),
    inProvince: data.inProvince.map((point) => ({
      id: point.id,
      name: point.name,
      href: href(point.id),
      detail: kindName(point.kind, locale),
    })),
  };
}

/** Staff's words on a producer's proposal: why it was rejected, or the note that came with another decision. */
function decisionText(t: Messages, point: { status: SalesPointStatus; statusReason: string | null }) {
  if (!point.statusReason) return null;
  return point.status === 'rejected'
    ? t.portalSalesPoints.rejectedBecause(point.statusReason)
    : t.portalSalesPoints.decisionNote(point.statusReason);
}

export function portalSalesPointView(
  page: SalesPointPage,
  own: StockableProduct[],
  producer: { id: number; name: string },
  producerParam: number | undefined,
  context: WorkContext,
): PortalSalesPointView {
  const { t, locale } = context;
  const { point } = page;
  const ownProposal = point.proposedByProducerId === producer.id;
  return {
    id: point.id,
    name: point.name,
    kindName: kindName(point.kind, locale),
    address: joinPlace(
      point.street,
      pick(locale, page.communeVi ?? '', page.communeEn),
      pick(locale, page.provinceVi, page.provinceEn),
    ),
    status: point.status,
    statusText: t.salesPoints.statuses[point.status],
    statusNote: ownProposal ? t.portalSalesPoints.statusNotes[point.status] : null,
    decision: ownProposal ? decisionText(t, point) : null,
    editable: ownProposal && isEditableProposal(point.status),
    publicHref: point.status === 'active' ? `/sales-points/${point.slug}` : null,
    canStock: point.status === 'active',
    products: stockRowsOf(page, own, context),
    producerName: producer.name,
    producerParam,
  };
}
