/**
 * Traceability events on a lot, a subset of GS1 EPCIS 2.0 (DOMAIN.md: traceability and stamps).
 * Each event answers EPCIS's what (the lot, and for a transformation its input lots), when (an
 * instant with Vietnam's offset), where (a place from the reference lists, a sales point or free
 * text), why (the business step) and who. Events are facts: a wrong one is not edited away but
 * hidden from the public and followed by a correct one, as EPCIS corrects by adding events.
 */
import type { traceEventTypes } from '../../db/schema';
import { problem, type FieldProblem } from './errors';
import { toGtin14 } from './gtin';

export type TraceEventType = (typeof traceEventTypes)[number];

/** How each of our event types is written in EPCIS 2.0 with CBV 2.0 vocabulary. */
export const EPCIS_EVENT_SHAPES: Record<
  TraceEventType,
  {
    type: 'ObjectEvent' | 'TransformationEvent';
    /** Absent on a TransformationEvent, which has no action in EPCIS. */
    action?: 'ADD' | 'OBSERVE';
    bizStep: string;
    disposition?: string;
  }
> = {
  // Raw material or a harvest enters the record: the lot begins to exist.
  commissioning: { type: 'ObjectEvent', action: 'ADD', bizStep: 'commissioning', disposition: 'active' },
  // Processing or packing consumes input lots and yields this lot.
  transformation: { type: 'TransformationEvent', bizStep: 'creating_class_instance', disposition: 'active' },
  inspecting: { type: 'ObjectEvent', action: 'OBSERVE', bizStep: 'inspecting' },
  shipping: { type: 'ObjectEvent', action: 'OBSERVE', bizStep: 'shipping', disposition: 'in_transit' },
  receiving: { type: 'ObjectEvent', action: 'OBSERVE', bizStep: 'receiving', disposition: 'in_progress' },
  retail_selling: { type: 'ObjectEvent', action: 'OBSERVE', bizStep: 'retail_selling', disposition: 'retail_sold' },
};

/**
 * An event may be entered a little ahead of the server's clock: phones drift, and a producer
 * recording "now" rounds up to the next minute. Anything further ahead has not happened yet.
 */
export const EVENT_FUTURE_SKEW_MINUTES = 10;
/** Older than the OCOP programme itself (2018) by a margin: earlier dates are typing mistakes. */
export const EARLIEST_EVENT_INSTANT = '2000-01-01T00:00:00.000Z';
/** Input lots one transformation may name; a cooperative's recipe rarely has more than a handful. */
export const MAX_INPUT_LOTS = 20;

export type TracePlace =
  | { kind: 'area'; provinceCode: string; communeCode: string | null }
  | { kind: 'sales_point'; salesPointId: number }
  | { kind: 'text'; text: string };

export interface TraceEventDraft {
  type: TraceEventType;
  /** UTC instant. */
  occurredAt: string;
  place: TracePlace;
  reportUrl: string | null;
  inputLotIds: number[];
}

export interface TraceEventContext {
  /** The lot the event is recorded on: a transformation's output. */
  lotId: number;
  producerId: number;
  now: Date;
  /** Owners of the requested input lots that exist (lot id → producer id). */
  inputLotOwners: ReadonlyMap<number, number>;
  /** Communes of the chosen province, when the place is an area. */
  communesOfProvince: ReadonlySet<string>;
  /** Sales points the producer may name. */
  salesPointIds: ReadonlySet<number>;
}

/**
 * Every rule the event breaks, so a producer learns them all at once. A foreign producer's lot
 * reads as not found, exactly like a missing one: input lots must not reveal other producers' ids.
 */
export function traceEventProblems(draft: TraceEventDraft, context: TraceEventContext): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const latest = context.now.getTime() + EVENT_FUTURE_SKEW_MINUTES * 60_000;
  if (Date.parse(draft.occurredAt) > latest) problems.push(problem('occurredAt', 'event_in_future'));
  if (draft.occurredAt < EARLIEST_EVENT_INSTANT) problems.push(problem('occurredAt', 'event_too_early'));

  const inputs = [...new Set(draft.inputLotIds)];
  if (draft.type === 'transformation') {
    if (inputs.length === 0) problems.push(problem('inputLotIds', 'inputs_required'));
    else if (inputs.length > MAX_INPUT_LOTS)
      problems.push(problem('inputLotIds', 'too_many_inputs', { max: MAX_INPUT_LOTS }));
    else if (inputs.includes(context.lotId)) problems.push(problem('inputLotIds', 'input_is_output'));
    else if (inputs.some((id) => context.inputLotOwners.get(id) !== context.producerId)) {
      problems.push(problem('inputLotIds', 'input_not_found'));
    }
  } else if (inputs.length > 0) {
    problems.push(problem('inputLotIds', 'inputs_only_for_transformation'));
  }

  if (draft.reportUrl !== null && draft.type !== 'inspecting') {
    problems.push(problem('reportUrl', 'report_only_for_inspection'));
  }
  const { place } = draft;
  if (place.kind === 'area' && place.communeCode !== null && !context.communesOfProvince.has(place.communeCode)) {
    problems.push(problem('communeCode', 'commune_not_in_province'));
  }
  if (place.kind === 'sales_point' && !context.salesPointIds.has(place.salesPointId)) {
    problems.push(problem('salesPointId', 'unknown_sales_point'));
  }
  return problems;
}

/**
 * The lot as an EPCIS class: a GS1 Digital Link URI for a product with a GTIN; without one there
 * is no GS1 key, so a URN of the platform's own names the product and lot.
 */
export function lotClassUri(product: { id: number; gtin: string | null }, lotCode: string): string {
  if (product.gtin) return `https://id.gs1.org/01/${toGtin14(product.gtin)}/10/${lotCode}`;
  return `urn:ocop:lot:${product.id}.${lotCode}`;
}

export interface EpcisSourceEvent {
  id: number;
  type: TraceEventType;
  occurredAt: string;
  recordedAt: string;
  placeName: string | null;
  actor: string | null;
  description: string | null;
  reportUrl: string | null;
  /** Class URIs of the input lots (transformation only). */
  inputClasses: string[];
}

/**
 * An EPCIS 2.0 document (JSON-LD) of a lot's events. The places have no GLN, so they travel as
 * a name in the platform's own namespace rather than as readPoint/bizLocation identifiers.
 */
export function toEpcisDocument(input: {
  origin: string;
  lotClass: string;
  events: EpcisSourceEvent[];
  createdAt: string;
}) {
  const ns = `${input.origin}/ns/epcis#`;
  return {
    '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld', { ocop: ns }],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: input.createdAt,
    epcisBody: {
      eventList: input.events.map((event) => {
        const shape = EPCIS_EVENT_SHAPES[event.type];
        const lot = [{ epcClass: input.lotClass }];
        return {
          type: shape.type,
          eventID: `urn:ocop:event:${event.id}`,
          eventTime: event.occurredAt,
          recordTime: event.recordedAt,
          eventTimeZoneOffset: '+07:00',
          ...(shape.type === 'TransformationEvent'
            ? { inputQuantityList: event.inputClasses.map((epcClass) => ({ epcClass })), outputQuantityList: lot }
            : { action: shape.action, quantityList: lot }),
          bizStep: shape.bizStep,
          ...(shape.disposition ? { disposition: shape.disposition } : {}),
          ...(event.placeName ? { 'ocop:place': event.placeName } : {}),
          ...(event.actor ? { 'ocop:actor': event.actor } : {}),
          ...(event.description ? { 'ocop:description': event.description } : {}),
          ...(event.reportUrl ? { 'ocop:testReport': event.reportUrl } : {}),
        };
      }),
    },
  };
}
