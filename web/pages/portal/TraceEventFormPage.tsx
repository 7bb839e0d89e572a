import type { TraceEventType } from '../../../worker/domain/trace-event';
import type { FieldIssue } from '../../../worker/domain/errors';
import { localHref } from '../../href';
import type { PageContext } from '../../page-context';
import { Checkbox, ChoiceGroup } from './ChoiceFields';
import { ErrorSummary, Field, Select, type Values } from './Fields';
import { PortalShell } from './PortalShell';

type Option = { value: string; label: string };

export interface TraceEventFormView {
  lotId: number;
  lotLabel: string;
  producerName: string;
  producerParam?: number | undefined;
  type: TraceEventType;
  provinces: Option[];
  /** Communes of the province in the form's values. */
  communes: Option[];
  salesPoints: Option[];
  inputLots: Option[];
}

interface TraceEventFormPageProps {
  ctx: PageContext;
  csrfToken: string;
  view: TraceEventFormView;
  values: Values;
  /** The input lots ticked, as typed. */
  inputLotIds: string[];
  issues: FieldIssue[];
}

export function TraceEventFormPage({ ctx, csrfToken, view, values, inputLotIds, issues }: TraceEventFormPageProps) {
  const { t } = ctx;
  const e = t.portal.events;
  const state = { values, issues };
  const optional = (label: string) => `${label} ${t.portal.optional}`;
  const title = e.newTitle(e.types[view.type]);
  const placeKinds = (['area', 'sales_point', 'text'] as const).filter(
    (kind) => kind !== 'sales_point' || view.salesPoints.length > 0,
  );
  return (
    <PortalShell
      ctx={ctx}
      title={title}
      section="lots"
      producerName={view.producerName}
      producerParam={view.producerParam}
    >
      <ErrorSummary
        ctx={ctx}
        issues={issues}
        labels={{
          occurredAt: e.occurredAt,
          placeKind: e.place,
          provinceCode: e.province,
          communeCode: e.commune,
          salesPointId: e.salesPoint,
          placeText: e.placeText,
          actor: e.actor,
          description: e.description,
          reportUrl: e.reportUrl,
          inputLotIds: e.inputLots,
        }}
      />
      <p>
        <a href={localHref(ctx, `/portal/lots/${view.lotId}`)}>← {view.lotLabel}</a>
      </p>
      <h1>{title}</h1>
      <p class="hint">{e.typeHints[view.type]}</p>
      <form method="post" action={localHref(ctx, `/portal/lots/${view.lotId}/events`)} class="stack">
        <input type="hidden" name="_csrf" value={csrfToken} />
        <input type="hidden" name="eventType" value={view.type} />
        <Field name="occurredAt" label={e.occurredAt} type="datetime-local" required {...state} />
        {view.type === 'transformation' ? (
          view.inputLots.length === 0 ? (
            <p class="alert-error">{e.noInputLots}</p>
          ) : (
            <ChoiceGroup
              name="inputLotIds"
              legend={e.inputLots}
              hint={e.inputLotsHint}
              type="checkbox"
              options={view.inputLots}
              chosen={inputLotIds}
              issues={issues}
            />
          )
        ) : null}
        <div class="portal-card">
          <ChoiceGroup
            name="placeKind"
            legend={e.place}
            type="radio"
            options={placeKinds.map((kind) => ({ value: kind, label: e.placeKinds[kind] }))}
            chosen={[values.placeKind ?? 'area']}
            issues={issues}
          />
          <Select name="provinceCode" label={e.province} options={view.provinces} {...state} />
          <Select
            name="communeCode"
            label={optional(e.commune)}
            options={view.communes}
            placeholder={e.anyCommune}
            hint={e.communeHint}
            {...state}
          />
          {view.salesPoints.length > 0 ? (
            <Select name="salesPointId" label={e.salesPoint} options={view.salesPoints} {...state} />
          ) : null}
          <Field name="placeText" label={e.placeText} {...state} />
        </div>
        <Field name="actor" label={optional(e.actor)} hint={e.actorHint} {...state} />
        <Field name="description" label={optional(e.description)} multiline {...state} />
        {view.type === 'inspecting' ? (
          <Field
            name="reportUrl"
            label={optional(e.reportUrl)}
            hint={e.reportUrlHint}
            type="url"
            inputmode="url"
            {...state}
          />
        ) : null}
        <Checkbox name="isPublic" label={e.isPublic} checked={values.isPublic === '1'} issues={issues} />
        <button type="submit" class="button">
          {e.submit}
        </button>
      </form>
    </PortalShell>
  );
}
