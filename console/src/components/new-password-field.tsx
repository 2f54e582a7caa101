import { Field } from './field';

/** A new password, with the server's policy stated where people type it. */
export function NewPasswordField({ label, value, onInput }: { label: string; value: string; onInput: (v: string) => void }) {
  return (
    <Field label={label} hint="8–128 characters with an upper-case letter, a lower-case letter and a digit; not a common password.">
      {({ id, describedBy }) => (
        <input
          id={id}
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          maxLength={128}
          aria-describedby={describedBy}
          value={value}
          onInput={(e) => onInput(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}
