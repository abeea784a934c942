import type { ReactNode } from 'react';

/** `<option>`s for a list of values, each with its (translated) label. */
export function Options<T extends string>({ values, label }: { values: readonly T[]; label: (value: T) => ReactNode }) {
  return values.map((v) => (
    <option key={v} value={v}>
      {label(v)}
    </option>
  ));
}
