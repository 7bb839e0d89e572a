/** Labelled form controls that show their own error, and the summary of a refused form. */
import type { Child } from 'hono/jsx';
import type { FieldIssue } from '../../../worker/domain/errors';
import type { PageContext } from '../../page-context';

export type Values = Record<string, string | null | undefined>;

export const issueFor = (issues: FieldIssue[], name: string) => issues.find((issue) => issue.field === name);

interface ErrorSummaryProps {
  ctx: PageContext;
  issues: FieldIssue[];
  /** The label each field is known by on this form: a person never reads a field's internal name. */
  labels: Record<string, string>;
  /** The form's fields' id prefix (see Field), so the links land on them. */
  idPrefix?: string;
  /** The summary's heading, when "not saved yet" is not what the form does. */
  title?: string;
}

/**
 * What a refused form must fix, put first on the page: each field by its label, linked to the
 * field, with its problem. It takes the focus as the page loads (autofocus on an element focusable
 * by script only), so the browser shows it and a screen reader reads it, without JavaScript.
 */
export function ErrorSummary({ ctx, issues, labels, idPrefix = '', title }: ErrorSummaryProps) {
  if (issues.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1} autofocus aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{title ?? ctx.t.portal.formProblem}</h2>
      <ul>
        {issues.map((issue) => {
          const label = labels[issue.field];
          return (
            <li>
              {label ? (
                <>
                  <a href={`#${idPrefix}${issue.field}`}>{label}</a>:{' '}
                </>
              ) : null}
              {issue.message}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

interface FrameProps {
  id: string;
  label: string;
  hint: string | undefined;
  issue: FieldIssue | undefined;
  /** The control, given the ids of its hint and error to point aria-describedby at. */
  children: (describedBy: string | undefined) => Child;
}

/** Label, hint, control and error of one form field, wired for screen readers. */
function FieldFrame({ id, label, hint, issue, children }: FrameProps) {
  const describedBy = [hint ? `${id}-hint` : null, issue ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div class={issue ? 'field field-invalid' : 'field'}>
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children(describedBy)}
      {issue ? (
        <p class="field-error" id={`${id}-error`}>
          {issue.message}
        </p>
      ) : null}
    </div>
  );
}

interface FieldProps {
  name: string;
  label: string;
  values: Values;
  issues: FieldIssue[];
  type?: string;
  hint?: string;
  required?: boolean;
  multiline?: boolean;
  inputmode?: 'numeric' | 'decimal' | 'tel' | 'email' | 'url' | 'text';
  autocomplete?: string;
  /** Several forms on one page: ids stay unique with a prefix. */
  idPrefix?: string;
}

export function Field({
  name,
  label,
  values,
  issues,
  type = 'text',
  hint,
  required,
  multiline,
  inputmode,
  autocomplete,
  idPrefix = '',
}: FieldProps) {
  const id = `${idPrefix}${name}`;
  const issue = issueFor(issues, name);
  const value = values[name] ?? '';
  return (
    <FieldFrame id={id} label={label} hint={hint} issue={issue}>
      {(describedBy) =>
        multiline ? (
          <textarea
            id={id}
            name={name}
            rows={5}
            required={required}
            aria-describedby={describedBy}
            aria-invalid={issue ? 'true' : undefined}
          >
            {value}
          </textarea>
        ) : (
          <input
            id={id}
            name={name}
            type={type}
            value={value}
            required={required}
            inputmode={inputmode}
            autocomplete={autocomplete}
            aria-describedby={describedBy}
            aria-invalid={issue ? 'true' : undefined}
          />
        )
      }
    </FieldFrame>
  );
}

interface SelectProps {
  name: string;
  label: string;
  values: Values;
  issues: FieldIssue[];
  options: { value: string; label: string }[];
  hint?: string;
  placeholder?: string;
  idPrefix?: string;
}

export function Select({ name, label, values, issues, options, hint, placeholder, idPrefix = '' }: SelectProps) {
  const id = `${idPrefix}${name}`;
  const issue = issueFor(issues, name);
  return (
    <FieldFrame id={id} label={label} hint={hint} issue={issue}>
      {(describedBy) => (
        <select id={id} name={name} aria-describedby={describedBy} aria-invalid={issue ? 'true' : undefined}>
          {placeholder ? <option value="">{placeholder}</option> : null}
          {options.map((option) => (
            <option value={option.value} selected={option.value === values[name]}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}
