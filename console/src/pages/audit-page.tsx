import { useState } from 'preact/hooks';
import { call, type Answer } from '../api/client';
import { DataTable } from '../components/data-table';
import { ErrorNotice } from '../components/error-notice';
import { ExpandableRow } from '../components/expandable-row';
import { Field } from '../components/field';
import { Pager } from '../components/pager';
import { useCursorPages } from '../components/use-cursor-pages';
import { formatTime } from '../format';

type Entry = Answer<'/api/v1/audit-logs', 'get'>[number];

/** datetime-local gives local wall time without a zone; the API takes ISO-8601 UTC. */
const toIso = (local: string): string | undefined => (local ? new Date(local).toISOString() : undefined);

export function AuditPage() {
  const [form, setForm] = useState({ action: '', since: '', until: '' });
  const [filter, setFilter] = useState(form);
  const [open, setOpen] = useState<string | null>(null);
  const pages = useCursorPages<Entry>(
    (cursor) =>
      call('get', '/api/v1/audit-logs', {
        query: { limit: 25, cursor, action: filter.action || undefined, since: toIso(filter.since), until: toIso(filter.until) },
      }),
    JSON.stringify(filter),
  );
  return (
    <section>
      <h1 tabIndex={-1}>Audit log</h1>
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter({ ...form, action: form.action.trim() });
        }}
      >
        <Field label="Action" hint="Exact, e.g. api_key.created">
          {({ id, describedBy }) => (
            <input
              id={id}
              aria-describedby={describedBy}
              value={form.action}
              onInput={(e) => setForm({ ...form, action: e.currentTarget.value })}
            />
          )}
        </Field>
        <Field label="Since">
          {({ id }) => (
            <input id={id} type="datetime-local" value={form.since} onInput={(e) => setForm({ ...form, since: e.currentTarget.value })} />
          )}
        </Field>
        <Field label="Until">
          {({ id }) => (
            <input id={id} type="datetime-local" value={form.until} onInput={(e) => setForm({ ...form, until: e.currentTarget.value })} />
          )}
        </Field>
        <button type="submit">Filter</button>
      </form>
      <ErrorNotice error={pages.error} />
      <DataTable caption="Audit entries, newest first" columns={['When', 'Action', 'Actor', 'Target', 'Details']}>
        {pages.items.map((a) => (
          <ExpandableRow
            key={a.id}
            open={open === a.id}
            onToggle={() => setOpen(open === a.id ? null : a.id)}
            detail={{ details: a.details, ip: a.ip, request_id: a.request_id }}
            columns={5}
            data={{ 'data-action': a.action }}
          >
            <td>{formatTime(a.created_at)}</td>
            <td>
              <code>{a.action}</code>
            </td>
            <td>
              {a.actor_type}
              {a.actor_id ? ` ${a.actor_id.slice(0, 8)}` : ''}
            </td>
            <td>{a.target_type ? `${a.target_type} ${a.target_id?.slice(0, 8) ?? ''}` : '—'}</td>
          </ExpandableRow>
        ))}
      </DataTable>
      <Pager label="Audit log" pages={pages} />
    </section>
  );
}
