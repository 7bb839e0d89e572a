/** Labelled form controls that show their own error, and the summary of a refused form. */
import type { Child } from 'hono/jsx';
import type { FieldIssue } from '../../../worker/lib/errors';
import type { PageContext } from '../../page-context';

export type Values = Record<string, string | null | undefined>;

export const issueFor = (issues: FieldIssue[], name: string) => issues.find((issue) => issue.field === name);

interface ErrorSummaryProps {
  ctx: PageContext;
  issues: FieldIssue[];
  /** The label each field is known by on this form. */
  labels: Record<string, string>;
  /** The form's fields' id prefix (see Field), so the links land on them. */
  idPrefix?: string;
  /** What the summary opens with; the portal's "not saved" by default. */
  title?: string;
}

/** Names every refused field, by label and by form name, and links to it. */
export function ErrorSummary({ ctx, issues, labels, idPrefix = '', title }: ErrorSummaryProps) {
  if (issues.length === 0) return null;
  return (
    <div class="alert alert-error" role="alert">
      <p>{title ?? ctx.t.portal.formProblem}</p>
      <ul>
        {issues.map((issue) => (
          <li>
            <a href={`#${idPrefix}${issue.field}`}>{labels[issue.field] ?? issue.field}</a> (<code>{issue.field}</code>
            ): {issue.message}
          </li>
        ))}
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
