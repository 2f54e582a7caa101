import type { ComponentChildren } from 'preact';

/** A scrollable table with a caption for screen readers and one header cell per column. */
export function DataTable({
  caption,
  columns,
  children,
  class: className,
}: {
  caption: string;
  columns: string[];
  children: ComponentChildren;
  class?: string;
}) {
  return (
    <div class="table-scroll">
      <table class={className}>
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
