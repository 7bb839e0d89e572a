/** Lots and their traceability events: list, create, the lot page, recording and hiding events, EPCIS export. */
import { Hono, type Context } from 'hono';
import { traceEventTypes } from '../../../db/schema';
import { ChooseProducerPage } from '../../../web/pages/portal/ChooseProducerPage';
import type { Values } from '../../../web/pages/portal/Fields';
import { LotNewPage } from '../../../web/pages/portal/LotNewPage';
import { LotPage } from '../../../web/pages/portal/LotPage';
import { LotsPage } from '../../../web/pages/portal/LotsPage';
import { TraceEventFormPage } from '../../../web/pages/portal/TraceEventFormPage';
import { listProducerLots, type LotPage as LotData } from '../../data/lots';
import { provincesByCode } from '../../data/reference';
import { eventFormChoices, setTraceEventVisibility } from '../../data/trace-events';
import { utcToVietnamLocal } from '../../domain/time';
import type { TraceEventType } from '../../domain/trace-event';
import type { AppEnv } from '../../lib/context';
import { readForm } from '../../lib/form-body';
import { csrfToken } from '../../lib/csrf';
import { AppError, notFound } from '../../lib/errors';
import { submitForm, typedValues, type Refusal } from '../../lib/forms';
import { pageContext } from '../../lib/render';
import { StatusCodes } from '../../lib/status';
import { parseInput } from '../../lib/validation';
import { pick } from '../../presenters/catalogue';
import { toEventFormView, toLotEpcis, toLotsView, toLotView } from '../../presenters/traceability';
import { lotForm, traceEventForm, visibilityForm } from '../../schemas/traceability';
import { createProducerLot, recordLotEvent } from '../../services/traceability';
import { ownedLot, producerInScope, producerParamOf, requiredScope, signedInUser, type ProducerScope } from './scope';

export const lotPages = new Hono<AppEnv>();

const LOT = '/lots/:id{[0-9]+}';

lotPages.get('/lots', async (c) => {
  const scope = producerInScope(c);
  if (!scope) return c.html(<ChooseProducerPage ctx={pageContext(c)} action="/portal/lots" />);
  const data = await listProducerLots(c.var.db, scope.producerId);
  if (!data) throw notFound();
  const ctx = pageContext(c);
  return c.html(<LotsPage ctx={ctx} view={toLotsView(data, ctx.locale, scope.producerParam)} />);
});

async function renderNewLot(c: Context<AppEnv>, scope: ProducerScope, values: Values, refusal?: Refusal) {
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
      issues={refusal?.issues ?? []}
    />,
    refusal?.status ?? StatusCodes.OK,
  );
}

lotPages.get('/lots/new', async (c) => {
  const scope = producerInScope(c);
  if (!scope) return c.html(<ChooseProducerPage ctx={pageContext(c)} action="/portal/lots/new" />);
  return renderNewLot(c, scope, { productId: c.req.query('product') });
});

lotPages.post('/lots', async (c) => {
  const scope = requiredScope(c);
  const body = await readForm(c);
  return submitForm(
    c,
    async () => {
      const lot = parseInput(c, lotForm(c.var.t), body);
      const lotId = await createProducerLot(c.var.db, scope.producerId, lot, signedInUser(c).id);
      return c.redirect(`/portal/lots/${lotId}?created=1`, StatusCodes.SEE_OTHER);
    },
    (refusal) => renderNewLot(c, scope, typedValues(body), refusal),
  );
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
  const document = toLotEpcis(page, c.env.PUBLIC_ORIGIN, new Date());
  return c.body(JSON.stringify(document, null, 2), StatusCodes.OK, {
    'Content-Type': 'application/ld+json; charset=utf-8',
    'Content-Disposition': `attachment; filename="epcis-lot-${page.lot.lotCode}.json"`,
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
  refusal?: Refusal,
) {
  const ctx = pageContext(c);
  const { lot } = page;
  const province = provincesByCode.has(values.provinceCode ?? '') ? values.provinceCode! : lot.producerProvince;
  const choices = await eventFormChoices(c.var.db, lot.producerId, lot.id, province);
  const view = toEventFormView(page, type, choices, {
    t: ctx.t,
    locale: ctx.locale,
    producerParam: producerParamOf(c, lot.producerId),
  });
  return c.html(
    <TraceEventFormPage
      ctx={ctx}
      csrfToken={csrfToken(c)}
      view={view}
      values={{ ...values, provinceCode: province }}
      inputLotIds={inputLotIds}
      issues={refusal?.issues ?? []}
    />,
    refusal?.status ?? StatusCodes.OK,
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

lotPages.post(`${LOT}/events`, async (c) => {
  const page = await ownedLot(c);
  const { t } = c.var;
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
  return submitForm(
    c,
    async () => {
      const event = parseInput(c, traceEventForm(t), body);
      await recordLotEvent(c.var.db, page, event, signedInUser(c).id);
      return c.redirect(`/portal/lots/${page.lot.id}?recorded=1`, StatusCodes.SEE_OTHER);
    },
    (refusal) => renderEventForm(c, page, type, typed, tickedInputs, refusal),
  );
});

lotPages.post(`${LOT}/events/:eventId{[0-9]+}/visibility`, async (c) => {
  const page = await ownedLot(c);
  const event = page.events.find((e) => e.id === Number(c.req.param('eventId')));
  if (!event) throw notFound();
  const { isPublic } = parseInput(c, visibilityForm, await readForm(c));
  await setTraceEventVisibility(c.var.db, signedInUser(c).id, { lotId: page.lot.id, eventId: event.id, isPublic });
  return c.redirect(`/portal/lots/${page.lot.id}?visibility=1`, StatusCodes.SEE_OTHER);
});
