/**
 * What routes hand to page components: already localised, already decided
 * (standing, effective statuses, listed or not). Components only lay it out.
 */
import type { CatalogueQueryParams, ProducerKind } from '../worker/domain/catalogue';
import type { CertificationLevel, ShownStatus } from '../worker/domain/certification';
import type { PurchaseView } from './order-views';

export interface ProductCardView {
  slug: string;
  name: string;
  imageUrl: string;
  stars: number | null;
  price: number | null;
  unit: string;
  producerName: string;
  producerSlug: string;
  provinceName: string;
}

export interface Option {
  value: string;
  label: string;
}

export interface CountLink {
  href: string;
  label: string;
  count: number;
}

export interface CertificationView {
  stars: number;
  /** Whether this result is an OCOP certification (3 stars or more), not a recorded 1-2 star result. */
  certifies: boolean;
  score: number;
  criteriaVersion: string;
  /** The product's group as named by this certification's criteria version. */
  groupName: string;
  level: CertificationLevel;
  decisionNumber: string;
  decisionDate: string;
  issuingBody: string;
  /** None for a 1-2 star result: it certifies nothing, so it is valid until no date. */
  validUntil: string | null;
  status: ShownStatus;
  statusReason: string | null;
}

export type StandingView =
  | { state: 'certified'; certification: CertificationView }
  | { state: 'lapsed'; reason: 'expired' | 'revoked'; since: string; certification: CertificationView }
  | { state: 'uncertified' };

export interface ProducerSummaryView {
  name: string;
  slug: string;
  kind: ProducerKind;
  place: string;
}

/** Open or closed now, already worded ("Đang mở cửa, đến 21:00"). */
export interface OpeningNowView {
  open: boolean;
  text: string;
}

/** A sales point as the product and scan pages list it: near the visitor when the place is known. */
export interface NearbyPointView {
  slug: string;
  name: string;
  kindName: string;
  address: string;
  phone: string | null;
  /** "3,4 km"; null when the visitor's place is not known. */
  distance: string | null;
  now: OpeningNowView;
  /** The point's own price, formatted; null when it sells at the catalogue price. */
  price: string | null;
}

/** Where a product can be bought and seen today. */
export interface WhereToBuyView {
  points: NearbyPointView[];
  /** Whether `points` are sorted by distance from the visitor. */
  sortedByDistance: boolean;
  /** Query of the list page of every point stocking the product (/sales-points). */
  allQuery: Record<string, string>;
  /** "Now at {fair}, booth {code}" lines while a fair runs. */
  fairs: { href: string; text: string }[];
}

export interface ProductDetailView {
  slug: string;
  name: string;
  description: string | null;
  story: string | null;
  price: number | null;
  unit: string;
  stock: number;
  gtin: string | null;
  images: { url: string; alt: string }[];
  standing: StandingView;
  history: CertificationView[];
  variants: { label: string; price: number; stock: number }[];
  producer: ProducerSummaryView;
  whereToBuy: WhereToBuyView;
  purchase: PurchaseView;
}

export interface ProducerDetailView {
  name: string;
  kind: ProducerKind;
  taxCode: string | null;
  address: string;
  legacyAddress: string | null;
  phone: string | null;
  zalo: string | null;
  email: string | null;
  website: string | null;
  story: string | null;
  products: ProductCardView[];
}

/** What the filter form shows back: the query as validated, without the page number. */
export type CatalogueFilterValues = Omit<CatalogueQueryParams, 'page'>;

/** A search filter refused and left out: its label, its problem, and what was typed, to show it again. */
export interface FilterProblem {
  field: string;
  label: string;
  message: string;
  typed: string;
}

export interface ApiParameterView {
  name: string;
  in: string;
  required: boolean;
  description: string;
  type: string;
  example: string | null;
}

export interface ApiOperationView {
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  parameters: ApiParameterView[];
  requestBody: { required: boolean; description: string; contentTypes: string[]; schema: string } | null;
  responses: { status: string; description: string; contentTypes: string[] }[];
}

export interface ProblemView {
  code: string;
  status: number;
  description: string;
}
