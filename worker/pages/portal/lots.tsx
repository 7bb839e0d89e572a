/** Lots and their traceability events: list, create, the lot page, recording and hiding events, EPCIS export. */
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { traceEventTypes } from '../../../db/schema';
import type { Values } from '../../../web/pages/portal/Fields';
import { ChooseProducerPage } from '../../../web/pages/portal/ChooseProducerPage';
import { LotNewPage } from '../../../web/pages/portal/LotNewPage';
import { LotPage } from '../../../web/pages/portal/LotPage';
import { LotsPage } from '../../../web/pages/portal/LotsPage';
import { TraceEventFormPage } from '../../../web/pages/portal/TraceEventFormPage';
import { provincesByCode } from '../../data/reference';
import { createLot } from '../../data/stamp-batches';
import {
  eventFormChoices,
  findLot,
  findProducerProduct,
  listProducerLots,
  lotOwners,
  recordTraceEvent,
  setTraceEventVisibility,
  type LotPage as LotData,
} from '../../data/trace-events';
import { producerDataAccess } from '../../domain/policy';
import { utcToVietnamLocal } from '../../domain/time';
import {
  lotClassUri,
  MAX_INPUT_LOTS,
  toEpcisDocument,
  traceEventProblems,
  type TraceEventProblem,
  type TraceEventType,
} from '../../domain/trace-event';
import { enforce } from '../../lib/auth';
import type { AppEnv } from '../../lib/context';
import { csrfToken } from '../../lib/csrf';
import { AppError, notFound, type FieldIssue } from '../../lib/errors';
import { readForm } from '../../lib/form-body';
import { pageContext } from '../../lib/render';
import { StatusCodes } from '../../lib/status';
import { parseInput } from '../../lib/validation';
import { lotForm, traceEventForm, visibilityForm } from '../../schemas/traceability';
import { pick } from '../present';
import { eventPlace, toLotsView, toLotView } from './trace-present';
import { producerInScope, signedInUser, typedValues, validateForm } from './scope';

export const lotPages = new Hono<AppEnv>();

const LOT = '/lots/:id{[0-9]+}';

/** A lot the signed-in user may work on; another producer's answers 404 like a missing one. */
export async function ownedLot(c: Context<AppEnv>): Promise<LotData> {
  const page = await findLot(c.var.db, Number(c.req.param('id')));
  if (!page) throw notFound();
  enforce(producerDataAccess(signedInUser(c), page.lot.producerId));
  return page;
}

/** An administrator's links keep the organisation they are looking after. */
export const producerParamOf = (c: Context<AppEnv>, producerId: number) =>
  signedInUser(c).role === 'admin' ? producerId : undefined;

lotPages.get('/lots', async (c) => {
  const scope = producerInScope(c);
  if (!scope) return c.html(<ChooseProducerPage ctx={pageContext(c)} action="/portal/lots" />);
  const data = await listProducerLots(c.var.db, scope.producerId);
  if (!data) throw notFound();
  const ctx = pageContext(c);
  return c.html(
    <LotsPage ctx={ctx} csrfToken={csrfToken(c)} view={toLotsView(data, ctx.locale, scope.producerParam)} />,
  );
});

async function renderNewLot(
  c: Context<AppEnv>,
  scope: { producerId: number; producerParam?: number },
  values: Values,
  issues: FieldIssue[] = [],
  status: ContentfulStatusCode = StatusCodes.OK,
) {
  const data = await listProducerLots(c.var.db, scope.producerId);
  if (!data) throw notFound();
  const ctx = pageContext(c);
  return c.html(
    <LotNewPage
      ctx={ctx}
      csrfToken={csrfToken(c)}
      producerName={data.producer.name}
      producerParam={scope.producerParam}
      products={data.products.map((p) => ({ value: String(p.id), label: pick(ctx.locale, p.nameVi, p.nameEn) }))}
      values={values}
      issues={issues}
    />,
    status,
  );
}

lotPages.get('/lots/new', async (c) => {
  const scope = producerInScope(c);
  if (!scope) return c.html(<ChooseProducerPage ctx={pageContext(c)} action="/portal/lots/new" />);
  return renderNewLot(c, scope, { productId: c.req.query('product') });
});

lotPages.post('/lots', async (c) => {
  const scope = producerInScope(c);
  if (!scope) throw notFound();
  const { t } = c.var;
  const body = await readForm(c);
  const typed = typedValues(body);
  const refuse = (issues: FieldIssue[], status: ContentfulStatusCode = StatusCodes.BAD_REQUEST) =>
    renderNewLot(c, scope, typed, issues, status);
  const form = validateForm(c, lotForm(t), body);
  if (!form.ok) return refuse(form.issues);
  const { productId, ...lot } = form.data;
  // Another producer's product reads as missing, so product ids cannot be probed from this form.
  if (!(await findProducerProduct(c.var.db, scope.producerId, productId))) {
    return refuse([{ field: 'productId', message: t.portal.fieldErrors.unknownProduct }]);
  }
  const result = await createLot(c.var.db, { productId, ...lot }, signedInUser(c).id);
  if ('error' in result) {
    if (result.error === 'invalid_lot_code') {
      return refuse([{ field: 'lotCode', message: t.portal.fieldErrors.lotCode }]);
    }
    return refuse([{ field: 'lotCode', message: t.portal.fieldErrors.lotCodeTaken }], StatusCodes.CONFLICT);
  }
  return c.redirect(`/portal/lots/${result.lotId}?created=1`, StatusCodes.SEE_OTHER);
});

lotPages.get(LOT, async (c) => {
  const page = await ownedLot(c);
  const ctx = pageContext(c);
  const { t } = ctx;
  const notice = c.req.query('created')
    ? t.portal.lots.created
    : c.req.query('recorded')
      ? t.portal.events.recorded
      : c.req.query('visibility')
        ? t.portal.events.visibilityChanged
        : undefined;
  return c.html(
    <LotPage
      ctx={ctx}
      csrfToken={csrfToken(c)}
      view={toLotView(page, ctx.locale, producerParamOf(c, page.lot.producerId))}
      eventTypes={traceEventTypes}
      notice={notice}
    />,
  );
});

lotPages.get(`${LOT}/epcis.json`, async (c) => {
  const page = await ownedLot(c);
  const { lot } = page;
  const origin = c.env.PUBLIC_ORIGIN;
  const document = toEpcisDocument({
    origin,
    lotClass: lotClassUri({ id: lot.productId, gtin: lot.gtin }, lot.lotCode),
    createdAt: new Date().toISOString(),
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
  return c.body(JSON.stringify(document, null, 2), StatusCodes.OK, {
    'Content-Type': 'application/ld+json; charset=utf-8',
    'Content-Disposition': `attachment; filename="epcis-lot-${lot.lotCode}.json"`,
    'Cache-Control': 'private, no-store',
  });
});

// ---------------------------------------------------------------- events

const isEventType = (value: string | undefined): value is TraceEventType =>
  traceEventTypes.some((type) => type === value);

async function renderEventForm(
  c: Context<AppEnv>,
  page: LotData,
  type: TraceEventType,
  values: Values,
  inputLotIds: string[],
  issues: FieldIssue[] = [],
  status: ContentfulStatusCode = StatusCodes.OK,
) {
  const ctx = pageContext(c);
  const { locale } = ctx;
  const { lot } = page;
  const province = provincesByCode.has(values.provinceCode ?? '') ? values.provinceCode! : lot.producerProvince;
  const choices = await eventFormChoices(c.var.db, lot.producerId, lot.id, province);
  return c.html(
    <TraceEventFormPage
      ctx={ctx}
      csrfToken={csrfToken(c)}
      view={{
        lotId: lot.id,
        lotLabel: ctx.t.portal.lots.lotTitle(lot.lotCode, pick(locale, lot.productName, lot.productNameEn)),
        producerName: lot.producerName,
        producerParam: producerParamOf(c, lot.producerId),
        type,
        provinces: [...provincesByCode.values()]
          .map((p) => ({ value: p.code, label: pick(locale, p.nameVi, p.nameEn) }))
          .sort((a, b) => a.label.localeCompare(b.label, locale)),
        communes: choices.communes.map((commune) => ({
          value: commune.code,
          label: pick(locale, commune.nameVi, commune.nameEn),
        })),
        salesPoints: choices.salesPoints.map((point) => ({ value: String(point.id), label: point.name })),
        inputLots: choices.inputLots.map((input) => ({
          value: String(input.id),
          label: `${input.lotCode} (${input.productName})`,
        })),
      }}
      values={{ ...values, provinceCode: province }}
      inputLotIds={inputLotIds}
      issues={issues}
    />,
    status,
  );
}

lotPages.get(`${LOT}/events/new`, async (c) => {
  const page = await ownedLot(c);
  const type = c.req.query('type');
  if (!isEventType(type)) throw notFound();
  return renderEventForm(
    c,
    page,
    type,
    {
      occurredAt: utcToVietnamLocal(new Date().toISOString()),
      placeKind: 'area',
      provinceCode: page.lot.producerProvince,
      isPublic: '1',
    },
    [],
  );
});

function problemMessage(problem: TraceEventProblem, t: AppEnv['Variables']['t']): string {
  const f = t.portal.fieldErrors;
  switch (problem.code) {
    case 'in_future':
      return f.inFuture;
    case 'too_early':
      return f.tooEarly;
    case 'inputs_required':
      return f.inputsRequired;
    case 'input_is_output':
      return f.inputIsOutput;
    case 'input_not_found':
      return f.inputNotFound;
    case 'inputs_only_for_transformation':
      return f.inputsOnlyForTransformation;
    case 'too_many':
      return f.tooManyInputs(MAX_INPUT_LOTS);
    case 'report_only_for_inspection':
      return f.reportOnlyForInspection;
    case 'commune_not_in_province':
      return f.communeNotInProvince;
    case 'unknown_sales_point':
      return f.unknownSalesPoint;
  }
}

lotPages.post(`${LOT}/events`, async (c) => {
  const page = await ownedLot(c);
  const { lot } = page;
  const { t, db } = c.var;
  // `all`: the ticked input lots come as repeated fields.
  const body = await readForm(c, { all: true });
  const typed = typedValues(body);
  const tickedInputs = [body.inputLotIds ?? []].flat().filter((value): value is string => typeof value === 'string');
  const type = isEventType(typed.eventType) ? typed.eventType : null;
  if (!type) {
    throw new AppError('validation_failed', {
      issues: [{ field: 'eventType', message: t.errors.fields.oneOf(traceEventTypes.join(', ')) }],
    });
  }
  const refuse = (issues: FieldIssue[]) =>
    renderEventForm(c, page, type, typed, tickedInputs, issues, StatusCodes.BAD_REQUEST);

  const form = validateForm(c, traceEventForm(t), body);
  if (!form.ok) return refuse(form.issues);
  const event = form.data;
  const { place } = event;
  if (place.kind === 'area' && !provincesByCode.has(place.provinceCode)) {
    return refuse([{ field: 'provinceCode', message: t.errors.fields.unknownProvince }]);
  }
  const choices = await eventFormChoices(
    db,
    lot.producerId,
    lot.id,
    place.kind === 'area' ? place.provinceCode : lot.producerProvince,
  );
  const problems = traceEventProblems(
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
      now: new Date(),
      inputLotOwners: await lotOwners(db, event.inputLotIds),
      communesOfProvince: new Set(choices.communes.map((commune) => commune.code)),
      salesPointIds: new Set(choices.salesPoints.map((point) => point.id)),
    },
  );
  if (problems.length > 0) {
    return refuse(problems.map((problem) => ({ field: problem.field, message: problemMessage(problem, t) })));
  }
  await recordTraceEvent(db, signedInUser(c).id, {
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
  return c.redirect(`/portal/lots/${lot.id}?recorded=1`, StatusCodes.SEE_OTHER);
});

lotPages.post(`${LOT}/events/:eventId{[0-9]+}/visibility`, async (c) => {
  const page = await ownedLot(c);
  const event = page.events.find((e) => e.id === Number(c.req.param('eventId')));
  if (!event) throw notFound();
  const { isPublic } = parseInput(c, visibilityForm, await readForm(c));
  await setTraceEventVisibility(c.var.db, signedInUser(c).id, { lotId: page.lot.id, eventId: event.id, isPublic });
  return c.redirect(`/portal/lots/${page.lot.id}?visibility=1`, StatusCodes.SEE_OTHER);
});
