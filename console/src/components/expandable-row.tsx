import type { ComponentChildren } from 'preact';
import { Fragment } from 'preact';

interface ExpandableRowProps {
  open: boolean;
  onToggle: () => void;
  /** The row's cells before the Show/Hide cell. */
  children: ComponentChildren;
  /** Shown as JSON in a full-width row beneath while open. */
  detail: unknown;
  columns: number;
  data?: Record<string, string>;
}

/** A table row with a Show/Hide button that opens its stored JSON in the row beneath. */
export function ExpandableRow({ open, onToggle, children, detail, columns, data = {} }: ExpandableRowProps) {
  return (
    <Fragment>
      <tr {...data}>
        {children}
        <td>
          <button type="button" aria-expanded={open} onClick={onToggle}>
            {open ? 'Hide' : 'Show'}
          </button>
        </td>
      </tr>
      {open && (
        <tr>
          <td colSpan={columns}>
            <pre class="json">{JSON.stringify(detail, null, 2)}</pre>
          </td>
        </tr>
      )}
    </Fragment>
  );
}
