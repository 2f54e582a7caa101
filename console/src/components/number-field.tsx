import { Field } from './field';

interface NumberFieldProps {
  label: string;
  hint?: string;
  value: number;
  min?: number;
  max?: number;
  onChange: (value: number) => void;
}

/** A labelled integer input that reports numbers, committed on change (not on every keystroke). */
export function NumberField({ label, hint, value, min, max, onChange }: NumberFieldProps) {
  return (
    <Field label={label} hint={hint}>
      {({ id, describedBy }) => (
        <input
          id={id}
          type="number"
          step={1}
          min={min}
          max={max}
          aria-describedby={describedBy}
          value={value}
          onChange={(e) => onChange(Number(e.currentTarget.value))}
        />
      )}
    </Field>
  );
}
