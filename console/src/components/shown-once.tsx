import type { ComponentChildren } from 'preact';
import { Field } from './field';

interface ShownOnceProps {
  /** What was made, e.g. "Key <strong>ci</strong> created". */
  children: ComponentChildren;
  /** The label of the read-only field holding the value. */
  label: string;
  value: string;
  onDone: () => void;
}

/** A secret the API returns once (a new API key, a webhook's signing secret): copy it now or lose it. */
export function ShownOnce({ children, label, value, onDone }: ShownOnceProps) {
  return (
    <div class="notice notice-success" role="status">
      <p>{children}. Copy it now: it is not shown again.</p>
      <Field label={label}>
        {({ id }) => <input id={id} class="secret" readOnly value={value} onFocus={(e) => e.currentTarget.select()} />}
      </Field>
      <button type="button" onClick={() => void navigator.clipboard?.writeText(value)}>
        Copy
      </button>{' '}
      <button type="button" onClick={onDone}>
        Done
      </button>
    </div>
  );
}
