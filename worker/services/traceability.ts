/**
 * Lots and their traceability events as the portal records them: a lot only for one of the
 * producer's own products; an event only when every rule of worker/domain/trace-event.ts holds
 * against what the database says (input lots and their owners, communes, sales points).
 */
import type { Database } from '../data/db';
import { createLot, findProducerProduct, lotOwners, type LotPage, type NewLot } from '../data/lots';
import { provincesByCode } from '../data/reference';
import { eventFormChoices, recordTraceEvent } from '../data/trace-events';
import { problem, refused } from '../domain/errors';
import { traceEventProblems, type TraceEventType, type TracePlace } from '../domain/trace-event';

/** A lot of one of the producer's products; another producer's product reads as missing, so ids cannot be probed. */
export async function createProducerLot(db: Database, producerId: number, lot: NewLot, actorUserId: number) {
  if (!(await findProducerProduct(db, producerId, lot.productId))) {
    throw refused(problem('productId', 'unknown_product'));
  }
  return createLot(db, lot, actorUserId);
}

export interface EventForm {
  eventType: TraceEventType;
  occurredAt: string;
  place: TracePlace;
  actor: string | null;
  description: string | null;
  reportUrl: string | null;
  isPublic: boolean;
  inputLotIds: number[];
}

/** Records an event on a lot, or refuses it with every rule it breaks, each on its field. */
export async function recordLotEvent(
  db: Database,
  page: LotPage,
  event: EventForm,
  actorUserId: number,
  now = new Date(),
): Promise<void> {
  const { lot } = page;
  const { place } = event;
  if (place.kind === 'area' && !provincesByCode.has(place.provinceCode)) {
    throw refused(problem('provinceCode', 'unknown_province'));
  }
  const choices = await eventFormChoices(
    db,
    lot.producerId,
    lot.id,
    place.kind === 'area' ? place.provinceCode : lot.producerProvince,
  );
  const [first, ...more] = traceEventProblems(
    {
      type: event.eventType,
      occurredAt: event.occurredAt,
      place,
      reportUrl: event.reportUrl,
      inputLotIds: event.inputLotIds,
    },
    {
      lotId: lot.id,
      producerId: lot.producerId,
      now,
      inputLotOwners: await lotOwners(db, event.inputLotIds),
      communesOfProvince: new Set(choices.communes.map((commune) => commune.code)),
      salesPointIds: new Set(choices.salesPoints.map((point) => point.id)),
    },
  );
  if (first) throw refused(first, ...more);
  await recordTraceEvent(db, actorUserId, {
    lotId: lot.id,
    eventType: event.eventType,
    occurredAt: event.occurredAt,
    provinceCode: place.kind === 'area' ? place.provinceCode : null,
    communeCode: place.kind === 'area' ? place.communeCode : null,
    salesPointId: place.kind === 'sales_point' ? place.salesPointId : null,
    placeText: place.kind === 'text' ? place.text : null,
    actor: event.actor,
    description: event.description,
    reportUrl: event.reportUrl,
    isPublic: event.isPublic,
    inputLotIds: event.inputLotIds,
  });
}
