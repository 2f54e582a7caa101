import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

interface FieldProps {
  label: string;
  hint?: ComponentChildren;
  /** Renders the control with the id and aria-describedby the label and hint need. */
  children: (ids: { id: string; describedBy: string | undefined }) => ComponentChildren;
}

/** A labelled form control with an optional hint tied to it for screen readers. */
export function Field({ label, hint, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children({ id, describedBy: hintId })}
      {hint && (
        <small id={hintId} class="hint">
          {hint}
        </small>
      )}
    </div>
  );
}
