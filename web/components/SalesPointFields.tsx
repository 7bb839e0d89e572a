/**
 * The fields of one sales point, as staff create and edit it and a producer proposes it: name and
 * kind, who runs it, the address from the official lists, coordinates, contacts, and opening hours
 * typed one box per weekday (worker/domain/opening-hours-form.ts), all without JavaScript.
 */
import type { FieldIssue } from '../../worker/domain/errors';
import { HOURS_FIELDS } from '../../worker/domain/opening-hours-form';
import type { Messages } from '../messages';
import type { PageContext } from '../page-context';
import { Field, issueFor, Select, type Values } from '../pages/portal/Fields';
import type { Option } from '../views';

export interface SalesPointChoices {
  kinds: Option[];
  provinces: Option[];
  /** The communes of the province in the form's values. */
  communes: Option[];
}

/** What each field is called, for the summary of a refused form. */
export function salesPointFieldLabels(t: Messages): Record<string, string> {
  const f = t.salesPointForm;
  return {
    name: f.name,
    kind: f.kind,
    operator: f.operator,
    provinceCode: f.province,
    communeCode: f.commune,
    street: f.street,
    location: f.location,
    phone: f.phone,
    zalo: f.zalo,
    website: f.website,
    hoursExceptions: f.exceptions,
    status: f.status,
    ...Object.fromEntries(HOURS_FIELDS.map((day) => [`hours${day}`, `${f.hours}: ${t.places.weekdays[day]}`])),
  };
}

interface SalesPointFieldsProps {
  ctx: PageContext;
  choices: SalesPointChoices;
  values: Values;
  issues: FieldIssue[];
}

export function SalesPointFields({ ctx, choices, values, issues }: SalesPointFieldsProps) {
  const { t } = ctx;
  const f = t.salesPointForm;
  const state = { values, issues };
  const optional = (label: string) => `${label} ${t.portal.optional}`;
  const exceptionsIssue = issueFor(issues, 'hoursExceptions');
  return (
    <>
      <Field name="name" label={f.name} required {...state} />
      <Select name="kind" label={f.kind} options={choices.kinds} {...state} />
      <Field name="operator" label={optional(f.operator)} {...state} />
      <Select name="provinceCode" label={f.province} options={choices.provinces} {...state} />
      <Select
        name="communeCode"
        label={optional(f.commune)}
        options={choices.communes}
        placeholder={f.anyCommune}
        hint={f.communeHint}
        {...state}
      />
      <Field name="street" label={optional(f.street)} autocomplete="street-address" {...state} />
      <Field name="location" label={f.location} hint={f.locationHint} inputmode="decimal" required {...state} />
      <Field name="phone" label={optional(f.phone)} hint={f.phoneHint} type="tel" inputmode="tel" {...state} />
      <Field name="zalo" label={optional(f.zalo)} type="tel" inputmode="tel" {...state} />
      <Field name="website" label={optional(f.website)} type="url" inputmode="url" {...state} />
      <fieldset class="portal-card hours-fields" aria-describedby="hours-hint">
        <legend>{f.hours}</legend>
        <p class="hint" id="hours-hint">
          {f.hoursHint}
        </p>
        {HOURS_FIELDS.map((day) => (
          <Field name={`hours${day}`} label={t.places.weekdays[day]} {...state} />
        ))}
        <div class={exceptionsIssue ? 'field field-invalid' : 'field'}>
          <label for="hoursExceptions">{optional(f.exceptions)}</label>
          <p class="hint" id="hoursExceptions-hint">
            {f.exceptionsHint}
          </p>
          <textarea
            id="hoursExceptions"
            name="hoursExceptions"
            rows={3}
            aria-describedby={exceptionsIssue ? 'hoursExceptions-hint hoursExceptions-error' : 'hoursExceptions-hint'}
            aria-invalid={exceptionsIssue ? 'true' : undefined}
          >
            {values.hoursExceptions ?? ''}
          </textarea>
          {exceptionsIssue ? (
            <p class="field-error" id="hoursExceptions-error">
              {exceptionsIssue.message}
            </p>
          ) : null}
        </div>
      </fieldset>
    </>
  );
}
