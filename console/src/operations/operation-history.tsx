import { useState } from 'preact/hooks';
import { call, type Answer } from '../api/client';
import { DataTable } from '../components/data-table';
import { ErrorNotice } from '../components/error-notice';
import { ExpandableRow } from '../components/expandable-row';
import { Field } from '../components/field';
import { Pager } from '../components/pager';
import { useCursorPages } from '../components/use-cursor-pages';
import { formatNumber, formatTime } from '../format';
import { OperationOptions } from './operation-options';
import type { OperationName } from './operation-specs';

type Entry = Answer<'/api/v1/lattices/{id}/operations', 'get'>['operations'][number];
const PAGE_SIZE = 10;

/** The lattice's operation history, newest first, filterable by type; each entry's stored summary on demand. */
export function OperationHistory({ latticeId, refresh }: { latticeId: string; refresh: number }) {
  const [type, setType] = useState<OperationName | ''>('');
  const [open, setOpen] = useState<string | null>(null);
  const pages = useCursorPages<Entry>(
    (cursor) =>
      call('get', '/api/v1/lattices/{id}/operations', {
        params: { id: latticeId },
        query: { limit: PAGE_SIZE, cursor, type: type || undefined },
      }).then((r) => ({ ...r, data: r.data.operations })),
    `${latticeId}:${type}:${refresh}`,
  );
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">Operation history</h2>
      <Field label="Type">
        {({ id }) => (
          <select id={id} value={type} onChange={(e) => setType(e.currentTarget.value as OperationName | '')}>
            <option value="">All operations</option>
            <OperationOptions />
          </select>
        )}
      </Field>
      <ErrorNotice error={pages.error} />
      <DataTable
        caption="Operations run on this lattice, newest first"
        class="history"
        columns={['When', 'Operation', 'Status', 'Backend', 'Time (ms)', 'Result']}
      >
        {pages.items.map((o) => (
          <ExpandableRow
            key={o.id}
            open={open === o.id}
            onToggle={() => setOpen(open === o.id ? null : o.id)}
            detail={{ parameters: o.parameters, result: o.result_summary }}
            columns={6}
            data={{ 'data-operation-type': o.type }}
          >
            <td>{formatTime(o.created_at)}</td>
            <td>
              {o.type}
              {o.transformation_type ? ` (${o.transformation_type})` : ''}
            </td>
            <td>{o.status}</td>
            <td>
              {o.backend ?? '—'}
              {o.cached ? ', cached' : ''}
            </td>
            <td class="num">{formatNumber(o.execution_time_ms)}</td>
          </ExpandableRow>
        ))}
      </DataTable>
      <Pager label="History" pages={pages} />
    </section>
  );
}
