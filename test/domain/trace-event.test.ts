import { describe, expect, it } from 'vitest';
import { traceEventTypes } from '../../db/schema';
import {
  EPCIS_EVENT_SHAPES,
  EVENT_FUTURE_SKEW_MINUTES,
  lotClassUri,
  MAX_INPUT_LOTS,
  toEpcisDocument,
  traceEventProblems,
  type TraceEventContext,
  type TraceEventDraft,
} from '../../worker/domain/trace-event';
import { utcToVietnamLocal, vietnamLocalToUtc } from '../../worker/domain/time';

const NOW = new Date('2026-03-05T07:30:00.000Z');
const PRODUCER = 7;

const draft = (overrides: Partial<TraceEventDraft> = {}): TraceEventDraft => ({
  type: 'commissioning',
  occurredAt: '2026-03-05T06:00:00.000Z',
  place: { kind: 'area', provinceCode: '75', communeCode: null },
  reportUrl: null,
  inputLotIds: [],
  ...overrides,
});

const context = (overrides: Partial<TraceEventContext> = {}): TraceEventContext => ({
  lotId: 10,
  producerId: PRODUCER,
  now: NOW,
  inputLotOwners: new Map([
    [11, PRODUCER],
    [12, PRODUCER],
    [20, 99],
  ]),
  communesOfProvince: new Set(['26041']),
  salesPointIds: new Set([3]),
  ...overrides,
});

const codes = (d: TraceEventDraft, c = context()) => traceEventProblems(d, c).map((p) => `${p.field}:${p.problem}`);

describe('traceEventProblems', () => {
  it('accepts a plain harvest, a place in a commune of the province, a sales point and free text', () => {
    expect(codes(draft())).toEqual([]);
    expect(codes(draft({ place: { kind: 'area', provinceCode: '75', communeCode: '26041' } }))).toEqual([]);
    expect(codes(draft({ place: { kind: 'sales_point', salesPointId: 3 } }))).toEqual([]);
    expect(codes(draft({ place: { kind: 'text', text: 'Kho Biên Hòa' } }))).toEqual([]);
  });

  it('allows a small clock skew but not a time further ahead, nor one before 2000', () => {
    const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
    const skew = EVENT_FUTURE_SKEW_MINUTES * 60_000;
    expect(codes(draft({ occurredAt: at(skew) }))).toEqual([]);
    expect(codes(draft({ occurredAt: at(skew + 1000) }))).toEqual(['occurredAt:event_in_future']);
    expect(codes(draft({ occurredAt: '1999-12-31T23:59:59.000Z' }))).toEqual(['occurredAt:event_too_early']);
  });

  it('wants a transformation to name input lots of the same producer, never the output lot', () => {
    const transformation = (inputLotIds: number[]) => draft({ type: 'transformation', inputLotIds });
    expect(codes(transformation([11, 12]))).toEqual([]);
    expect(codes(transformation([11, 11]))).toEqual([]);
    expect(codes(transformation([]))).toEqual(['inputLotIds:inputs_required']);
    expect(codes(transformation([11, 10]))).toEqual(['inputLotIds:input_is_output']);
    expect(codes(transformation([11, 20]))).toEqual(['inputLotIds:input_not_found']);
    expect(codes(transformation([11, 404]))).toEqual(['inputLotIds:input_not_found']);
    const many = Array.from({ length: MAX_INPUT_LOTS + 1 }, (_, i) => 100 + i);
    expect(codes(transformation(many))).toEqual(['inputLotIds:too_many_inputs']);
  });

  it('keeps input lots to transformations and test reports to inspections', () => {
    expect(codes(draft({ inputLotIds: [11] }))).toEqual(['inputLotIds:inputs_only_for_transformation']);
    expect(codes(draft({ reportUrl: 'https://lab.example.vn/1' }))).toEqual(['reportUrl:report_only_for_inspection']);
    expect(codes(draft({ type: 'inspecting', reportUrl: 'https://lab.example.vn/1' }))).toEqual([]);
  });

  it('refuses a commune outside the province and a sales point the producer cannot name, all at once', () => {
    expect(
      codes(
        draft({
          occurredAt: '2030-01-01T00:00:00.000Z',
          place: { kind: 'area', provinceCode: '75', communeCode: '00004' },
        }),
      ),
    ).toEqual(['occurredAt:event_in_future', 'communeCode:commune_not_in_province']);
    expect(codes(draft({ place: { kind: 'sales_point', salesPointId: 4 } }))).toEqual([
      'salesPointId:unknown_sales_point',
    ]);
  });
});

describe('EPCIS', () => {
  it('maps every event type to an EPCIS event with a CBV business step', () => {
    for (const type of traceEventTypes) {
      const shape = EPCIS_EVENT_SHAPES[type];
      expect(shape.bizStep).toMatch(/^[a-z_]+$/);
      expect(shape.type === 'TransformationEvent').toBe(shape.action === undefined);
    }
    expect(EPCIS_EVENT_SHAPES.transformation.type).toBe('TransformationEvent');
  });

  it('names a lot by its GTIN as a Digital Link, else by a platform URN', () => {
    expect(lotClassUri({ id: 5, gtin: '8934588012228' }, 'L2611A')).toBe(
      'https://id.gs1.org/01/08934588012228/10/L2611A',
    );
    expect(lotClassUri({ id: 5, gtin: null }, 'L2611A')).toBe('urn:ocop:lot:5.L2611A');
  });

  it('writes a document with object and transformation events and the optional fields only when present', () => {
    const document = toEpcisDocument({
      origin: 'https://ocop.example.vn',
      lotClass: 'urn:ocop:lot:5.OUT',
      createdAt: '2026-03-06T00:00:00.000Z',
      events: [
        {
          id: 1,
          type: 'retail_selling',
          occurredAt: '2026-03-05T07:30:00.000Z',
          recordedAt: '2026-03-05T08:00:00.000Z',
          placeName: 'Trung tâm OCOP Biên Hòa',
          actor: null,
          description: null,
          reportUrl: null,
          inputClasses: [],
        },
        {
          id: 2,
          type: 'transformation',
          occurredAt: '2026-03-04T07:30:00.000Z',
          recordedAt: '2026-03-04T08:00:00.000Z',
          placeName: null,
          actor: 'Xưởng chế biến',
          description: null,
          reportUrl: null,
          inputClasses: ['urn:ocop:lot:5.IN1', 'urn:ocop:lot:6.IN2'],
        },
      ],
    });
    expect(document).toMatchObject({ type: 'EPCISDocument', schemaVersion: '2.0' });
    const [sale, transformation] = document.epcisBody.eventList;
    expect(sale).toEqual({
      type: 'ObjectEvent',
      eventID: 'urn:ocop:event:1',
      eventTime: '2026-03-05T07:30:00.000Z',
      recordTime: '2026-03-05T08:00:00.000Z',
      eventTimeZoneOffset: '+07:00',
      action: 'OBSERVE',
      quantityList: [{ epcClass: 'urn:ocop:lot:5.OUT' }],
      bizStep: 'retail_selling',
      disposition: 'retail_sold',
      'ocop:place': 'Trung tâm OCOP Biên Hòa',
    });
    expect(transformation).toMatchObject({
      type: 'TransformationEvent',
      inputQuantityList: [{ epcClass: 'urn:ocop:lot:5.IN1' }, { epcClass: 'urn:ocop:lot:6.IN2' }],
      outputQuantityList: [{ epcClass: 'urn:ocop:lot:5.OUT' }],
      'ocop:actor': 'Xưởng chế biến',
    });
    expect(transformation).not.toHaveProperty('action');
  });
});

describe('Vietnam wall-clock times', () => {
  it('reads a datetime-local value as Vietnam time and writes it back', () => {
    expect(vietnamLocalToUtc('2026-03-05T14:30')).toBe('2026-03-05T07:30:00.000Z');
    expect(vietnamLocalToUtc('2026-03-05T00:15:20')).toBe('2026-03-04T17:15:20.000Z');
    expect(utcToVietnamLocal('2026-03-04T17:15:20.000Z')).toBe('2026-03-05T00:15');
  });

  it('refuses what is not a real date and time', () => {
    for (const value of [
      '2026-02-30T10:00',
      '2026-13-01T10:00',
      '2026-03-05T24:00',
      '2026-03-05 14:30',
      '',
      '05/03/2026',
    ]) {
      expect(vietnamLocalToUtc(value), value).toBeNull();
    }
  });
});
