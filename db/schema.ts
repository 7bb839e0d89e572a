/**
 * The one schema source of the platform. Every table lives here; drizzle-kit
 * writes the SQL migrations in db/migrations from this file, and the zod
 * shapes used by routes are derived from (or written beside) these tables.
 *
 * Conventions: integer primary keys; money in integer đồng; instants as
 * ISO-8601 UTC text ("2026-11-25T04:05:06.000Z"); calendar dates as
 * "YYYY-MM-DD" text; booleans as 0/1 integers.
 */
import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from 'drizzle-orm/sqlite-core';
import type { BoothType, FairKind } from '../worker/domain/fair';
import type { OpeningHours } from '../worker/domain/opening-hours';
import { subOrderStatuses } from '../worker/domain/order-status';
import type { StampSheetLayout } from '../worker/print/sheet-layout';

const createdAt = () =>
  text('created_at')
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);
const updatedAt = () =>
  text('updated_at')
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);

// The domain owns the kinds of producer (its ingest rules read them); the table stores them.
import { producerKinds } from '../worker/domain/organisation';
export { producerKinds };
export const criteriaVersions = ['1048', '148'] as const;
export const certificationLevels = ['district', 'provincial', 'central'] as const;
export const certificationStatuses = ['active', 'expired', 'revoked', 'superseded'] as const;
export const userRoles = ['producer_member', 'staff', 'admin', 'buyer'] as const;
export const traceEventTypes = [
  'commissioning',
  'transformation',
  'inspecting',
  'shipping',
  'receiving',
  'retail_selling',
] as const;
export const stampStatuses = ['issued', 'active', 'void'] as const;
export const fakeReportStatuses = ['open', 'confirmed', 'dismissed'] as const;
/**
 * A sales point's life: staff create points active; a producer's proposal waits as `proposed`
 * until staff approve (active) or reject it with a reason; an active point may close and reopen.
 * Kinds are reference data (db/reference/sales-point-kinds.json), stored by id.
 */
export const salesPointStatuses = ['proposed', 'active', 'closed', 'rejected'] as const;
/** An application to a fair, or an exhibitor staff added directly (accepted at once, with a booth). */
export const fairExhibitorStatuses = ['applied', 'accepted', 'rejected'] as const;
const fairKindValues = ['trade_fair', 'exhibition', 'festival', 'ocop_week'] as const satisfies readonly FairKind[];
export const paymentMethods = ['card', 'vietqr', 'cod'] as const;
export const paymentStatuses = ['pending', 'succeeded', 'failed', 'expired', 'refunded'] as const;
export const paymentIssues = ['late_refunded', 'refund_failed'] as const;
export const transferOutcomes = ['exact', 'partial', 'excess', 'unmatched', 'late', 'outgoing'] as const;
export const transferResolutions = ['applied', 'returned', 'dismissed'] as const;
export const ledgerKinds = ['card_payment', 'card_refund'] as const;

// ---------------------------------------------------------------- reference

export const provinces = sqliteTable('provinces', {
  code: text('code').primaryKey(),
  slug: text('slug').notNull().unique(),
  nameVi: text('name_vi').notNull(),
  nameEn: text('name_en').notNull(),
  fullNameVi: text('full_name_vi').notNull(),
  fullNameEn: text('full_name_en').notNull(),
});

export const communes = sqliteTable(
  'communes',
  {
    code: text('code').primaryKey(),
    provinceCode: text('province_code')
      .notNull()
      .references(() => provinces.code),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en').notNull(),
    fullNameVi: text('full_name_vi').notNull(),
    fullNameEn: text('full_name_en').notNull(),
    kind: text('kind', { enum: ['commune', 'ward', 'special_zone'] }).notNull(),
  },
  (t) => [index('communes_province_idx').on(t.provinceCode)],
);

/** Groups of one criteria version; `code` is the catalogue-wide group the filter uses. */
export const productGroups = sqliteTable(
  'product_groups',
  {
    id: text('id').primaryKey(),
    criteriaVersion: text('criteria_version', { enum: criteriaVersions }).notNull(),
    code: text('code').notNull(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [index('product_groups_code_idx').on(t.code)],
);

export const productSubgroups = sqliteTable(
  'product_subgroups',
  {
    id: text('id').primaryKey(),
    groupId: text('group_id')
      .notNull()
      .references(() => productGroups.id),
    parentId: text('parent_id').references((): AnySQLiteColumn => productSubgroups.id),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [index('product_subgroups_group_idx').on(t.groupId)],
);

// ---------------------------------------------------------------- producers and products

/** A producer ("chủ thể OCOP"): the organisation that producer members belong to. */
export const producers = sqliteTable(
  'producers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    nameNormalized: text('name_normalized').notNull(),
    kind: text('kind', { enum: producerKinds }).notNull(),
    taxCode: text('tax_code').unique(),
    provinceCode: text('province_code')
      .notNull()
      .references(() => provinces.code),
    communeCode: text('commune_code').references(() => communes.code),
    street: text('street'),
    legacyAddress: text('legacy_address'),
    phone: text('phone'),
    zalo: text('zalo'),
    email: text('email'),
    website: text('website'),
    storyVi: text('story_vi'),
    storyEn: text('story_en'),
    logoUrl: text('logo_url'),
    bankBin: text('bank_bin'),
    bankAccountNumber: text('bank_account_number'),
    bankAccountName: text('bank_account_name'),
    /** Integer đồng per shipped sub-order; null when the producer does not ship (pick-up only). */
    shippingFlatFee: integer('shipping_flat_fee'),
    /** The sub-order subtotal from which shipping is free; null when it never is. */
    shippingFreeFrom: integer('shipping_free_from'),
    claimedAt: text('claimed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('producers_province_idx').on(t.provinceCode),
    index('producers_name_idx').on(t.provinceCode, t.nameNormalized),
  ],
);

export const products = sqliteTable(
  'products',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull().unique(),
    producerId: integer('producer_id')
      .notNull()
      .references(() => producers.id),
    /** The producer's own code for the product, used to match ingested certifications. */
    producerCode: text('producer_code'),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en'),
    nameNormalized: text('name_normalized').notNull(),
    groupId: text('group_id')
      .notNull()
      .references(() => productGroups.id),
    subgroupId: text('subgroup_id').references(() => productSubgroups.id),
    descriptionVi: text('description_vi'),
    descriptionEn: text('description_en'),
    storyVi: text('story_vi'),
    storyEn: text('story_en'),
    gtin: text('gtin').unique(),
    traceCode: text('trace_code').unique(),
    unit: text('unit').notNull().default('piece'),
    price: integer('price'),
    stock: integer('stock').notNull().default(0),
    isPublished: integer('is_published', { mode: 'boolean' }).notNull().default(true),
    isFeatured: integer('is_featured', { mode: 'boolean' }).notNull().default(false),
    /** Sold only at the producer's sales points and fair booths: shown with where to buy, never put in a cart. */
    soldAtPointsOnly: integer('sold_at_points_only', { mode: 'boolean' }).notNull().default(false),
    /** The producer's province, kept on the product so catalogue filters need no join. */
    provinceCode: text('province_code')
      .notNull()
      .references(() => provinces.code),
    /**
     * The certification the catalogue shows, kept in step by the data layer
     * whenever a certification changes. A reader still compares
     * `certified_until` with today, so a lapsed certificate stops showing
     * before the expiry job runs.
     */
    certificationId: integer('certification_id').references((): AnySQLiteColumn => certifications.id),
    ocopStars: integer('ocop_stars'),
    certifiedUntil: text('certified_until'),
    /** Accent-folded, đ→d text that the FTS index holds (see worker/domain/text.ts). */
    searchText: text('search_text').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('products_producer_idx').on(t.producerId),
    // The listing indexes cover every column a catalogue filter or count reads, so
    // counting 100,000 listed products walks an index instead of the table. The id
    // comes right after the stars so the index is already in the catalogue's
    // "most stars, newest first" order and a page stops after its last row.
    index('products_listing_idx').on(t.isPublished, t.ocopStars, t.id, t.certifiedUntil, t.provinceCode, t.groupId),
    // The same columns keyed by id: a search checks whether each full-text match is listed here,
    // without reading the wide product row (descriptions, stories).
    index('products_by_id_listing_idx').on(
      t.id,
      t.isPublished,
      t.ocopStars,
      t.certifiedUntil,
      t.provinceCode,
      t.groupId,
    ),
    index('products_province_idx').on(t.provinceCode, t.isPublished, t.ocopStars, t.certifiedUntil),
    index('products_group_idx').on(t.groupId, t.isPublished, t.ocopStars, t.certifiedUntil),
    index('products_featured_idx').on(t.isFeatured, t.ocopStars),
    index('products_created_idx').on(t.createdAt),
    index('products_price_idx').on(t.price),
    uniqueIndex('products_producer_code_idx').on(t.producerId, t.producerCode),
    index('products_name_idx').on(t.producerId, t.nameNormalized),
  ],
);

export const productVariants = sqliteTable(
  'product_variants',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    labelVi: text('label_vi').notNull(),
    labelEn: text('label_en'),
    price: integer('price').notNull(),
    stock: integer('stock').notNull().default(0),
    gtin: text('gtin').unique(),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [index('product_variants_product_idx').on(t.productId)],
);

export const productImages = sqliteTable(
  'product_images',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    altVi: text('alt_vi').notNull(),
    altEn: text('alt_en'),
    width: integer('width'),
    height: integer('height'),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [index('product_images_product_idx').on(t.productId, t.sortOrder)],
);

export const stockAdjustments = sqliteTable(
  'stock_adjustments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    variantId: integer('variant_id').references(() => productVariants.id),
    delta: integer('delta').notNull(),
    stockAfter: integer('stock_after').notNull(),
    reason: text('reason').notNull(),
    userId: integer('user_id').references((): AnySQLiteColumn => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('stock_adjustments_product_idx').on(t.productId, t.createdAt)],
);

// ---------------------------------------------------------------- certifications

export const certifications = sqliteTable(
  'certifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    productId: integer('product_id')
      .notNull()
      .references((): AnySQLiteColumn => products.id),
    stars: integer('stars').notNull(),
    score: real('score').notNull(),
    partScoreA: real('part_score_a'),
    partScoreB: real('part_score_b'),
    partScoreC: real('part_score_c'),
    criteriaVersion: text('criteria_version', { enum: criteriaVersions }).notNull(),
    level: text('level', { enum: certificationLevels }).notNull(),
    decisionNumber: text('decision_number').notNull(),
    decisionDate: text('decision_date').notNull(),
    issuingBody: text('issuing_body').notNull(),
    validUntil: text('valid_until').notNull(),
    status: text('status', { enum: certificationStatuses }).notNull().default('active'),
    statusReason: text('status_reason'),
    statusChangedAt: text('status_changed_at'),
    revocationDecision: text('revocation_decision'),
    supersededById: integer('superseded_by_id').references((): AnySQLiteColumn => certifications.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('certifications_decision_idx').on(t.productId, t.decisionNumber),
    index('certifications_product_idx').on(t.productId, t.decisionDate),
    index('certifications_status_idx').on(t.status, t.validUntil),
  ],
);

// ---------------------------------------------------------------- traceability and stamps

export const lots = sqliteTable(
  'lots',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    lotCode: text('lot_code').notNull(),
    productionDate: text('production_date'),
    bestBefore: text('best_before'),
    quantity: integer('quantity'),
    notes: text('notes'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('lots_product_code_idx').on(t.productId, t.lotCode)],
);

export const traceEvents = sqliteTable(
  'trace_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    lotId: integer('lot_id')
      .notNull()
      .references(() => lots.id),
    eventType: text('event_type', { enum: traceEventTypes }).notNull(),
    occurredAt: text('occurred_at').notNull(),
    provinceCode: text('province_code').references(() => provinces.code),
    communeCode: text('commune_code').references(() => communes.code),
    salesPointId: integer('sales_point_id').references((): AnySQLiteColumn => salesPoints.id),
    placeText: text('place_text'),
    actor: text('actor'),
    description: text('description'),
    reportUrl: text('report_url'),
    isPublic: integer('is_public', { mode: 'boolean' }).notNull().default(true),
    createdBy: integer('created_by').references((): AnySQLiteColumn => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('trace_events_lot_idx').on(t.lotId, t.occurredAt)],
);

/** Input lots of a transformation event (EPCIS inputEPCList). */
export const traceEventInputs = sqliteTable(
  'trace_event_inputs',
  {
    eventId: integer('event_id')
      .notNull()
      .references(() => traceEvents.id, { onDelete: 'cascade' }),
    lotId: integer('lot_id')
      .notNull()
      .references(() => lots.id),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.lotId] })],
);

export const stampBatches = sqliteTable(
  'stamp_batches',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    lotId: integer('lot_id')
      .notNull()
      .references(() => lots.id),
    quantity: integer('quantity').notNull(),
    withPin: integer('with_pin', { mode: 'boolean' }).notNull().default(false),
    keyVersion: integer('key_version').notNull(),
    issuedBy: integer('issued_by').references((): AnySQLiteColumn => users.id),
    issuedAt: createdAt(),
    activatedAt: text('activated_at'),
    /** The label sheet the stamps were numbered for; null when issued outside the portal. */
    sheetLayout: text('sheet_layout', { mode: 'json' }).$type<StampSheetLayout>(),
    /** The STAMP_SHEET_PRESETS name of `sheet_layout`; null for a layout the producer measured. */
    sheetPreset: text('sheet_preset'),
  },
  (t) => [index('stamp_batches_lot_idx').on(t.lotId)],
);

/**
 * Where the scratch PINs of a run of sheets wait to be printed: an object in the MEDIA bucket
 * under a random key. The database keeps only PIN HMACs, so these objects are the one place a
 * PIN exists; they are deleted when the batch is activated or at `expires_at`, whichever is first.
 */
export const stampPinFiles = sqliteTable(
  'stamp_pin_files',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    batchId: integer('batch_id')
      .notNull()
      .references(() => stampBatches.id),
    objectKey: text('object_key').notNull().unique(),
    firstSheet: integer('first_sheet').notNull(),
    lastSheet: integer('last_sheet').notNull(),
    expiresAt: text('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('stamp_pin_files_batch_idx').on(t.batchId), index('stamp_pin_files_expiry_idx').on(t.expiresAt)],
);

export const stamps = sqliteTable(
  'stamps',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    batchId: integer('batch_id')
      .notNull()
      .references(() => stampBatches.id),
    serial: text('serial').notNull().unique(),
    sheetNumber: integer('sheet_number').notNull().default(1),
    status: text('status', { enum: stampStatuses }).notNull().default('issued'),
    pinHmac: text('pin_hmac'),
    pinClaimedAt: text('pin_claimed_at'),
    pinClaimProvince: text('pin_claim_province'),
    pinFailedAttempts: integer('pin_failed_attempts').notNull().default(0),
    pinLockedUntil: text('pin_locked_until'),
    scanCount: integer('scan_count').notNull().default(0),
    deviceCount: integer('device_count').notNull().default(0),
    /** Distinct client addresses (as daily-salted hashes) among the counted scans. */
    networkCount: integer('network_count').notNull().default(0),
    provinceCount: integer('province_count').notNull().default(0),
    firstScannedAt: text('first_scanned_at'),
    firstScanProvince: text('first_scan_province'),
    lastScannedAt: text('last_scanned_at'),
    activatedAt: text('activated_at'),
    voidedAt: text('voided_at'),
  },
  (t) => [index('stamps_batch_idx').on(t.batchId, t.sheetNumber)],
);

export const scanEvents = sqliteTable(
  'scan_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    stampId: integer('stamp_id').references(() => stamps.id),
    serial: text('serial').notNull(),
    scannedAt: createdAt(),
    verdict: text('verdict').notNull(),
    province: text('province'),
    country: text('country'),
    deviceId: text('device_id'),
    ipHash: text('ip_hash'),
    userAgentFamily: text('user_agent_family'),
    /** The single-use nonce of the page view that counted this scan: a replayed beacon breaks the unique index. */
    beaconNonce: text('beacon_nonce').unique(),
  },
  (t) => [
    index('scan_events_stamp_idx').on(t.stampId, t.scannedAt),
    index('scan_events_time_idx').on(t.scannedAt),
    // Counting a scan asks whether this device, this network and this province scanned the stamp before: a
    // copied code collects thousands of events, and each answer must stay one index probe.
    index('scan_events_stamp_device_idx').on(t.stampId, t.deviceId),
    index('scan_events_stamp_province_idx').on(t.stampId, t.province),
    index('scan_events_stamp_ip_idx').on(t.stampId, t.ipHash),
  ],
);

export const fakeReports = sqliteTable(
  'fake_reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    stampId: integer('stamp_id').references(() => stamps.id),
    scannedPath: text('scanned_path').notNull(),
    productId: integer('product_id').references(() => products.id),
    message: text('message'),
    photoKey: text('photo_key'),
    contact: text('contact'),
    province: text('province'),
    status: text('status', { enum: fakeReportStatuses }).notNull().default('open'),
    reviewedBy: integer('reviewed_by').references((): AnySQLiteColumn => users.id),
    reviewedAt: text('reviewed_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('fake_reports_product_idx').on(t.productId, t.status),
    index('fake_reports_status_idx').on(t.status, t.createdAt),
  ],
);

// ---------------------------------------------------------------- sales points and fairs

export const salesPoints = sqliteTable(
  'sales_points',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    /** An id of db/reference/sales-point-kinds.json. */
    kind: text('kind').notNull(),
    /** Who runs the point: a company, a cooperative, a provincial trade-promotion centre. */
    operator: text('operator'),
    provinceCode: text('province_code')
      .notNull()
      .references(() => provinces.code),
    communeCode: text('commune_code').references(() => communes.code),
    street: text('street'),
    latitude: real('latitude'),
    longitude: real('longitude'),
    /**
     * The point on the unit sphere (worker/domain/geo.ts `unitVector`), kept in step with latitude
     * and longitude: the straight-line (chord) distance between two such vectors orders places
     * exactly as the great-circle distance does, with nothing but arithmetic in SQL.
     */
    geoX: real('geo_x'),
    geoY: real('geo_y'),
    geoZ: real('geo_z'),
    /** E.164, normalised by worker/domain/phone.ts. */
    phone: text('phone'),
    /** The Zalo number (E.164) people message the point on. */
    zalo: text('zalo'),
    website: text('website'),
    /** schema.org OpeningHoursSpecification entries (worker/domain/opening-hours.ts); null when not known. */
    openingHours: text('opening_hours', { mode: 'json' }).$type<OpeningHours>(),
    status: text('status', { enum: salesPointStatuses }).notNull().default('active'),
    /** Why a proposal was rejected or a point closed. */
    statusReason: text('status_reason'),
    /** The producer that proposed the point; null for points staff created. */
    proposedByProducerId: integer('proposed_by_producer_id').references(() => producers.id),
    createdBy: integer('created_by').references((): AnySQLiteColumn => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('sales_points_province_idx').on(t.provinceCode, t.status),
    // Near me: a latitude range of the bounding box, longitudes checked in the index itself, and
    // the unit vector beside them, so the distance of every candidate (to sort and count) is
    // measured from the index alone, without reading each point's row.
    index('sales_points_geo_idx').on(t.status, t.latitude, t.longitude, t.geoX, t.geoY, t.geoZ),
    index('sales_points_proposer_idx').on(t.proposedByProducerId),
  ],
);

export const salesPointPhotos = sqliteTable(
  'sales_point_photos',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    salesPointId: integer('sales_point_id')
      .notNull()
      .references(() => salesPoints.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    altVi: text('alt_vi').notNull(),
    altEn: text('alt_en'),
    width: integer('width'),
    height: integer('height'),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [index('sales_point_photos_point_idx').on(t.salesPointId, t.sortOrder)],
);

/** What a point stocks, with its own price and when someone last confirmed the stock. */
export const salesPointProducts = sqliteTable(
  'sales_point_products',
  {
    salesPointId: integer('sales_point_id')
      .notNull()
      .references(() => salesPoints.id, { onDelete: 'cascade' }),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    /** The point's own price in đồng; null when it sells at the catalogue price. */
    price: integer('price'),
    /** Vietnam date the stock was last confirmed ("YYYY-MM-DD"). */
    confirmedOn: text('confirmed_on'),
    updatedBy: integer('updated_by').references((): AnySQLiteColumn => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.salesPointId, t.productId] }),
    index('sales_point_products_product_idx').on(t.productId),
  ],
);

/** A zone of a fair's floor: OCOP, regional specialties, the host province, food… */
export interface FairZone {
  code: string;
  nameVi: string;
  nameEn: string | null;
}

export const fairs = sqliteTable(
  'fairs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull().unique(),
    kind: text('kind', { enum: fairKindValues }).notNull().default('trade_fair'),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en'),
    descriptionVi: text('description_vi'),
    descriptionEn: text('description_en'),
    provinceCode: text('province_code')
      .notNull()
      .references(() => provinces.code),
    communeCode: text('commune_code').references(() => communes.code),
    venue: text('venue').notNull(),
    street: text('street'),
    latitude: real('latitude'),
    longitude: real('longitude'),
    organiser: text('organiser'),
    /** Vietnam calendar dates, inclusive. */
    startsOn: text('starts_on').notNull(),
    endsOn: text('ends_on').notNull(),
    /** "HH:MM" Vietnam time, the same every day; both null when the organiser gives none. */
    dailyOpens: text('daily_opens'),
    dailyCloses: text('daily_closes'),
    applicationsOpenOn: text('applications_open_on'),
    applicationsCloseOn: text('applications_close_on'),
    zones: text('zones', { mode: 'json' })
      .$type<FairZone[]>()
      .notNull()
      .default(sql`'[]'`),
    boothTypes: text('booth_types', { mode: 'json' })
      .$type<BoothType[]>()
      .notNull()
      .default(sql`'[]'`),
    /**
     * Drafts are staff-only; the status people see is derived from this and the dates
     * (worker/domain/fair.ts). Every insert names it: the column's default predates drafts.
     */
    isPublished: integer('is_published', { mode: 'boolean' }).notNull().default(true),
    createdBy: integer('created_by').references((): AnySQLiteColumn => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('fairs_dates_idx').on(t.startsOn, t.endsOn),
    index('fairs_calendar_idx').on(t.isPublished, t.endsOn, t.startsOn),
  ],
);

export const fairBooths = sqliteTable(
  'fair_booths',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    fairId: integer('fair_id')
      .notNull()
      .references(() => fairs.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    /** A code of the fair's `zones`. */
    zoneCode: text('zone_code').notNull().default(''),
    /** A code of the fair's `booth_types`; null when the fair has none. */
    typeCode: text('type_code'),
    label: text('label'),
  },
  (t) => [uniqueIndex('fair_booths_code_idx').on(t.fairId, t.code)],
);

export const fairExhibitors = sqliteTable(
  'fair_exhibitors',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    fairId: integer('fair_id')
      .notNull()
      .references(() => fairs.id, { onDelete: 'cascade' }),
    producerId: integer('producer_id')
      .notNull()
      .references(() => producers.id),
    status: text('status', { enum: fairExhibitorStatuses }).notNull().default('applied'),
    /** Only an accepted exhibitor holds a booth, and a booth at most one exhibitor (the unique index). */
    boothId: integer('booth_id').references(() => fairBooths.id),
    /** What the producer wrote with the application. */
    note: text('note'),
    /** Why staff rejected the application. */
    decisionReason: text('decision_reason'),
    appliedBy: integer('applied_by').references((): AnySQLiteColumn => users.id),
    decidedBy: integer('decided_by').references((): AnySQLiteColumn => users.id),
    decidedAt: text('decided_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('fair_exhibitors_idx').on(t.fairId, t.producerId),
    uniqueIndex('fair_exhibitors_booth_idx').on(t.boothId),
    index('fair_exhibitors_producer_idx').on(t.producerId, t.status),
  ],
);

/** The products an exhibitor shows at the fair. */
export const fairExhibitorProducts = sqliteTable(
  'fair_exhibitor_products',
  {
    exhibitorId: integer('exhibitor_id')
      .notNull()
      .references(() => fairExhibitors.id, { onDelete: 'cascade' }),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
  },
  (t) => [
    primaryKey({ columns: [t.exhibitorId, t.productId] }),
    index('fair_exhibitor_products_product_idx').on(t.productId),
  ],
);

// ---------------------------------------------------------------- accounts

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').unique(),
    phone: text('phone').unique(),
    displayName: text('display_name').notNull(),
    /** "pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>": parameters travel with the hash. */
    passwordHash: text('password_hash'),
    role: text('role', { enum: userRoles }).notNull(),
    producerId: integer('producer_id').references(() => producers.id),
    status: text('status', { enum: ['active', 'disabled'] })
      .notNull()
      .default('active'),
    locale: text('locale', { enum: ['vi', 'en'] })
      .notNull()
      .default('vi'),
    lastLoginAt: text('last_login_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('users_producer_idx').on(t.producerId)],
);

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 of the cookie token, so a leaked table cannot be replayed. */
    idHash: text('id_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    lastSeenAt: text('last_seen_at').notNull(),
    idleExpiresAt: text('idle_expires_at').notNull(),
    absoluteExpiresAt: text('absolute_expires_at').notNull(),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const invitations = sqliteTable(
  'invitations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tokenHash: text('token_hash').notNull().unique(),
    purpose: text('purpose', { enum: ['invite', 'password_reset', 'claim'] }).notNull(),
    role: text('role', { enum: userRoles }),
    producerId: integer('producer_id').references(() => producers.id),
    userId: integer('user_id').references(() => users.id),
    /** A claim invitation is only honoured for the producer with this tax code. */
    taxCode: text('tax_code'),
    email: text('email'),
    phone: text('phone'),
    createdBy: integer('created_by').references(() => users.id),
    expiresAt: text('expires_at').notNull(),
    usedAt: text('used_at'),
    createdAt: createdAt(),
  },
  (t) => [index('invitations_producer_idx').on(t.producerId)],
);

export const apiTokens = sqliteTable('api_tokens', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  prefix: text('prefix').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  scopes: text('scopes', { mode: 'json' }).$type<string[]>().notNull(),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: createdAt(),
  expiresAt: text('expires_at'),
  lastUsedAt: text('last_used_at'),
  revokedAt: text('revoked_at'),
});

/** Fixed-window counters for login throttling and per-IP limits. */
export const rateLimits = sqliteTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: text('window_start').notNull(),
  count: integer('count').notNull().default(0),
});

// ---------------------------------------------------------------- commerce

/**
 * A cart, behind a random cookie (or an API client's token): the token is the id. A signed-in
 * buyer's cart also names the user, so it follows them to another browser after sign-in.
 */
export const carts = sqliteTable(
  'carts',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('carts_user_idx').on(t.userId, t.updatedAt)],
);

export const cartItems = sqliteTable(
  'cart_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    cartId: text('cart_id')
      .notNull()
      .references(() => carts.id, { onDelete: 'cascade' }),
    // A line goes with the product or pack size it names, should either ever be deleted.
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    variantId: integer('variant_id').references(() => productVariants.id, { onDelete: 'cascade' }),
    /**
     * "<product>:<pack size or empty>": one line per product and pack size. SQLite's unique
     * indexes tell NULLs apart, so (product, variant) alone would let a product without pack sizes
     * appear twice.
     */
    lineKey: text('line_key').notNull(),
    quantity: integer('quantity').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('cart_items_line_idx').on(t.cartId, t.lineKey)],
);

export const deliveryKinds = ['ship', 'sales_point', 'fair_booth'] as const;

/** What a buyer placed: the buyer, where to, how they pay, and the sums of its sub-orders. */
export const orders = sqliteTable(
  'orders',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The random order key of its references (worker/domain/order-reference.ts), e.g. "7K2M9XQA". */
    code: text('code').notNull().unique(),
    /** The unguessable token of the buyer's order link (/orders/<token>). */
    linkToken: text('link_token').notNull().unique(),
    /** The cart it was placed from and the idempotency key its form or API client sent. */
    cartId: text('cart_id').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    userId: integer('user_id').references(() => users.id),
    buyerName: text('buyer_name').notNull(),
    /** E.164, "+84912345678". */
    buyerPhone: text('buyer_phone').notNull(),
    buyerEmail: text('buyer_email'),
    /** Where shipped parts go; null when every part is picked up. */
    provinceCode: text('province_code').references(() => provinces.code),
    communeCode: text('commune_code').references(() => communes.code),
    street: text('street'),
    note: text('note'),
    paymentMethod: text('payment_method', { enum: paymentMethods }).notNull(),
    subtotal: integer('subtotal').notNull(),
    shippingFee: integer('shipping_fee').notNull().default(0),
    total: integer('total').notNull(),
    /** When the order link went out through the OrderNotifier; null until it did. */
    notifiedAt: text('notified_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('orders_idempotency_idx').on(t.cartId, t.idempotencyKey),
    index('orders_user_idx').on(t.userId, t.createdAt),
    index('orders_created_idx').on(t.createdAt),
    index('orders_phone_idx').on(t.buyerPhone),
  ],
);

/** The part of an order one producer fulfils, with its own delivery, payment deadline and status. */
export const subOrders = sqliteTable(
  'sub_orders',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    /** 1, 2, … within the order: the part its bank-transfer reference names. */
    number: integer('number').notNull(),
    producerId: integer('producer_id')
      .notNull()
      .references(() => producers.id),
    status: text('status', { enum: subOrderStatuses }).notNull(),
    deliveryKind: text('delivery_kind', { enum: deliveryKinds }).notNull(),
    /**
     * The chosen pick-up place (worker/data/pickup-places.ts), with its name and address as the
     * buyer saw them, so the order still says where even after the place changes.
     */
    salesPointId: integer('sales_point_id'),
    fairBoothId: integer('fair_booth_id'),
    pickupPlace: text('pickup_place'),
    carrier: text('carrier'),
    trackingNumber: text('tracking_number'),
    /** Past it, an unpaid (or unconfirmed cash-on-delivery) part expires and its stock returns. */
    paymentDeadline: text('payment_deadline'),
    /** The producer's account the VietQR code names, as it was when the order was placed. */
    payeeBankBin: text('payee_bank_bin'),
    payeeAccountNumber: text('payee_account_number'),
    payeeAccountName: text('payee_account_name'),
    /** Integer đồng that matched bank transfers brought so far. */
    amountReceived: integer('amount_received').notNull().default(0),
    /** Integer đồng, all three always written by the placement: nothing defaults a price. */
    subtotal: integer('subtotal').notNull(),
    shippingFee: integer('shipping_fee').notNull(),
    total: integer('total').notNull(),
    /**
     * A fresh random value written by every conditional status change: the statements after it in
     * the same batch (stock, history, ledger) act only on the rows carrying it, so a change that
     * lost a race moves nothing else.
     */
    transitionToken: text('transition_token'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('sub_orders_number_idx').on(t.orderId, t.number),
    index('sub_orders_producer_idx').on(t.producerId, t.status, t.createdAt),
    index('sub_orders_deadline_idx').on(t.status, t.paymentDeadline),
    index('sub_orders_token_idx').on(t.transitionToken),
  ],
);

export const orderItems = sqliteTable(
  'order_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    subOrderId: integer('sub_order_id')
      .notNull()
      .references(() => subOrders.id, { onDelete: 'cascade' }),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    variantId: integer('variant_id').references(() => productVariants.id),
    nameSnapshot: text('name_snapshot').notNull(),
    variantLabel: text('variant_label'),
    unitPrice: integer('unit_price').notNull(),
    quantity: integer('quantity').notNull(),
    lineTotal: integer('line_total').notNull(),
  },
  (t) => [index('order_items_sub_order_idx').on(t.subOrderId), index('order_items_product_idx').on(t.productId)],
);

export const transitionActorKinds = ['buyer', 'producer', 'staff', 'system'] as const;

/** Every status a sub-order took: from what, to what, who, when and why. */
export const subOrderEvents = sqliteTable(
  'sub_order_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    subOrderId: integer('sub_order_id')
      .notNull()
      .references(() => subOrders.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status', { enum: subOrderStatuses }),
    toStatus: text('to_status', { enum: subOrderStatuses }).notNull(),
    actor: text('actor', { enum: transitionActorKinds }).notNull(),
    userId: integer('user_id').references(() => users.id),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [index('sub_order_events_sub_order_idx').on(t.subOrderId, t.id)],
);

/**
 * Money that moved or was asked for: a card payment (one Checkout Session for the whole order), a
 * bank transfer matched to a sub-order, a sub-order marked paid by a person, cash at the door.
 */
export const payments = sqliteTable(
  'payments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id),
    /** Null for a card payment, which covers the whole order. */
    subOrderId: integer('sub_order_id').references(() => subOrders.id),
    method: text('method', { enum: paymentMethods }).notNull(),
    status: text('status', { enum: paymentStatuses }).notNull(),
    amount: integer('amount').notNull(),
    refundedAmount: integer('refunded_amount').notNull().default(0),
    /** The Checkout Session id, or the bank transfer key; null for a payment a person recorded. */
    providerReference: text('provider_reference').unique(),
    /** The PaymentIntent a card payment charged, which refunds name. */
    providerPaymentId: text('provider_payment_id'),
    providerPayload: text('provider_payload', { mode: 'json' }),
    /**
     * Why staff must look at it: paid after its stock was released and refunded automatically
     * (late_refunded), or a refund the provider refused (refund_failed). Null when all is well.
     */
    issue: text('issue', { enum: paymentIssues }),
    issueResolvedAt: text('issue_resolved_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('payments_order_idx').on(t.orderId),
    index('payments_sub_order_idx').on(t.subOrderId),
    index('payments_issue_idx').on(t.issue, t.issueResolvedAt),
  ],
);

export const refundReasons = ['late_payment', 'cancelled', 'staff'] as const;

/**
 * Card money handed back, one refund per sub-order at most (its Stripe idempotency key is the
 * sub-order's), so a refund asked twice (a webhook and the return page, a retried request) is
 * recorded once; a payment's refunded amount is the sum of its rows.
 */
export const refunds = sqliteTable(
  'refunds',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    paymentId: integer('payment_id')
      .notNull()
      .references(() => payments.id),
    subOrderId: integer('sub_order_id')
      .notNull()
      .unique()
      .references(() => subOrders.id),
    amount: integer('amount').notNull(),
    providerRefundId: text('provider_refund_id'),
    reason: text('reason', { enum: refundReasons }).notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('refunds_payment_idx').on(t.paymentId)],
);

/** Stripe webhook events already handled: Stripe delivers at least once, so each is applied once. */
export const paymentEvents = sqliteTable('payment_events', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  createdAt: createdAt(),
});

/**
 * Every bank-transfer notification as it came (the raw body kept), deduplicated on the service's
 * transaction id, with what it meant and, for the ones a person must look at, how it was resolved.
 */
export const bankTransfers = sqliteTable(
  'bank_transfers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** "sepay:123" (worker/domain/bank-transfer.ts transferKey). */
    transferKey: text('transfer_key').notNull().unique(),
    source: text('source', { enum: ['sepay', 'casso'] }).notNull(),
    bank: text('bank'),
    accountNumber: text('account_number'),
    direction: text('direction', { enum: ['in', 'out'] }).notNull(),
    amount: integer('amount').notNull(),
    content: text('content').notNull(),
    bankReference: text('bank_reference'),
    transactedAt: text('transacted_at').notNull(),
    rawBody: text('raw_body').notNull(),
    outcome: text('outcome', { enum: transferOutcomes }).notNull(),
    /** The order reference found in the content, when exactly one was. */
    reference: text('reference'),
    subOrderId: integer('sub_order_id').references(() => subOrders.id),
    /** Money beyond what the sub-order owed, for staff to hand back. */
    surplus: integer('surplus').notNull().default(0),
    resolution: text('resolution', { enum: transferResolutions }),
    resolutionNote: text('resolution_note'),
    resolvedBy: integer('resolved_by').references(() => users.id),
    resolvedAt: text('resolved_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('bank_transfers_open_idx').on(t.resolution, t.outcome, t.createdAt),
    index('bank_transfers_sub_order_idx').on(t.subOrderId),
  ],
);

/**
 * What the platform, merchant of record for card payments, owes each producer: a credit for each
 * sub-order paid by card, a debit for each refunded. A producer's balance is the sum of its rows.
 */
export const producerLedger = sqliteTable(
  'producer_ledger',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    producerId: integer('producer_id')
      .notNull()
      .references(() => producers.id),
    subOrderId: integer('sub_order_id')
      .notNull()
      .references(() => subOrders.id),
    paymentId: integer('payment_id').references(() => payments.id),
    kind: text('kind', { enum: ledgerKinds }).notNull(),
    /** Signed integer đồng: positive owed to the producer, negative taken back. */
    amount: integer('amount').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('producer_ledger_entry_idx').on(t.subOrderId, t.kind),
    index('producer_ledger_producer_idx').on(t.producerId, t.createdAt),
  ],
);

// ---------------------------------------------------------------- audit

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: createdAt(),
    actorUserId: integer('actor_user_id').references(() => users.id),
    actorTokenId: integer('actor_token_id').references(() => apiTokens.id),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
  },
  (t) => [index('audit_log_entity_idx').on(t.entity, t.entityId), index('audit_log_at_idx').on(t.at)],
);
