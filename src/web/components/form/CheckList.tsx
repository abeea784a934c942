import type { ReactNode } from 'react';

/** One checkbox per value; `selected` holds the checked ones (in the order they were checked). */
export function CheckList<T extends string>({
  name,
  values,
  selected,
  onChange,
  label,
}: {
  name: string;
  values: readonly T[];
  selected: readonly string[];
  onChange: (next: T[]) => void;
  label: (value: T) => ReactNode;
}) {
  const checked = selected as readonly T[];
  return values.map((v) => (
    <label key={v} className="check">
      <input type="checkbox" name={name} value={v} checked={checked.includes(v)} onChange={(e) => onChange(e.target.checked ? [...checked, v] : checked.filter((x) => x !== v))} />
      {label(v)}
    </label>
  ));
}
