/** Checkboxes and radio buttons that show their own error, beside the text fields of Fields.tsx. */
import type { FieldIssue } from '../../../worker/domain/errors';
import { issueFor } from './Fields';

interface CheckboxProps {
  name: string;
  label: string;
  checked: boolean;
  issues?: FieldIssue[];
  idPrefix?: string;
}

/** A box that sends "1" when ticked and nothing otherwise. */
export function Checkbox({ name, label, checked, issues = [], idPrefix = '' }: CheckboxProps) {
  const id = `${idPrefix}${name}`;
  const issue = issueFor(issues, name);
  return (
    <div class={issue ? 'field field-invalid field-check' : 'field field-check'}>
      <label for={id}>
        <input
          id={id}
          name={name}
          type="checkbox"
          value="1"
          checked={checked}
          aria-describedby={issue ? `${id}-error` : undefined}
          aria-invalid={issue ? 'true' : undefined}
        />{' '}
        {label}
      </label>
      {issue ? (
        <p class="field-error" id={`${id}-error`}>
          {issue.message}
        </p>
      ) : null}
    </div>
  );
}

interface ChoiceGroupProps {
  name: string;
  legend: string;
  type: 'radio' | 'checkbox';
  options: { value: string; label: string; hint?: string }[];
  chosen: readonly string[];
  issues: FieldIssue[];
  hint?: string;
}

/** Several radio buttons or checkboxes under one question, as a fieldset with its legend. */
export function ChoiceGroup({ name, legend, type, options, chosen, issues, hint }: ChoiceGroupProps) {
  const issue = issueFor(issues, name);
  return (
    <fieldset
      id={name}
      class={issue ? 'field field-invalid choice-group' : 'field choice-group'}
      aria-describedby={issue ? `${name}-error` : hint ? `${name}-hint` : undefined}
    >
      <legend>{legend}</legend>
      {hint ? (
        <p class="hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {options.map((option) => (
        <label class="choice" for={`${name}-${option.value}`}>
          <input
            id={`${name}-${option.value}`}
            name={name}
            type={type}
            value={option.value}
            checked={chosen.includes(option.value)}
          />{' '}
          {option.label}
          {option.hint ? <span class="hint"> ({option.hint})</span> : null}
        </label>
      ))}
      {issue ? (
        <p class="field-error" id={`${name}-error`}>
          {issue.message}
        </p>
      ) : null}
    </fieldset>
  );
}
