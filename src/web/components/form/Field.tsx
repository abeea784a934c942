import type { InputHTMLAttributes, ReactNode } from 'react';

/** A form field: `<div class="field">` with the label bound to its control by `id`. */
export function Field({ id, label, className, children }: { id: string; label: ReactNode; className?: string; children: ReactNode }) {
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'> & {
  id: string;
  label: ReactNode;
  value: string;
  onValueChange: (value: string) => void;
  /** Extra class of the field wrapper (e.g. `grow`). */
  fieldClassName?: string;
  /** Shown under the input (a hint). */
  children?: ReactNode;
};

/** A labelled text-like `<input>` (text, password, number, date…) controlled by a string. */
export function TextField({ id, label, value, onValueChange, fieldClassName, children, ...input }: TextFieldProps) {
  return (
    <Field id={id} label={label} className={fieldClassName}>
      <input id={id} {...input} value={value} onChange={(e) => onValueChange(e.target.value)} />
      {children}
    </Field>
  );
}
