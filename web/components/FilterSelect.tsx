import type { Option } from '../views';

interface FilterSelectProps {
  name: string;
  label: string;
  options: Option[];
  /** The value the list is filtered on now, selected in the list. */
  chosen: string | undefined;
  /** The first entry, which filters on nothing ("Tất cả"). */
  any: string;
}

/** One filter of a GET form on a list page (sales points, fairs, staff lists): a labelled select. */
export function FilterSelect({ name, label, options, chosen, any }: FilterSelectProps) {
  return (
    <div class="field">
      <label for={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name}>
        <option value="">{any}</option>
        {options.map((option) => (
          <option value={option.value} selected={option.value === chosen}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
