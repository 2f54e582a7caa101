import { useState } from 'preact/hooks';
import { call, type Answer, type RequestBody } from '../api/client';
import { DataTable } from '../components/data-table';
import { ErrorNotice } from '../components/error-notice';
import { Field } from '../components/field';
import { Pager } from '../components/pager';
import { ShownOnce } from '../components/shown-once';
import { useAction } from '../components/use-action';
import { useCursorPages } from '../components/use-cursor-pages';
import { formatTime } from '../format';
import { href } from '../router/navigation';
import { roleAtLeast, useAccount } from '../session/account';

export type Webhook = Answer<'/api/v1/webhooks', 'get'>[number];
type Pattern = RequestBody<'/api/v1/webhooks', 'post'>['events'][number];

/** The subscriptions offered by the form: everything, an area, or one event type. */
const PATTERNS: { value: Pattern; label: string }[] = [
  { value: '*', label: 'every event (*)' },
  { value: 'lattice.*', label: 'lattice.* (created, updated, deleted)' },
  { value: 'job.*', label: 'job.* (completed, failed)' },
  { value: 'lattice.created', label: 'lattice.created' },
  { value: 'lattice.updated', label: 'lattice.updated' },
  { value: 'lattice.deleted', label: 'lattice.deleted' },
  { value: 'transformation.completed', label: 'transformation.completed' },
  { value: 'operation.completed', label: 'operation.completed' },
  { value: 'job.completed', label: 'job.completed' },
  { value: 'job.failed', label: 'job.failed' },
];

/** Endpoint state in words: paused by the tenant, or disabled by a 410 from the receiver. */
export function describeStatus(w: Webhook): string {
  return w.status === 'disabled' ? `disabled${w.disabled_reason ? `: ${w.disabled_reason}` : ''}` : w.status;
}

/** The organisation's webhook endpoints: register one (secret shown once), and open each for its delivery log. */
export function WebhooksPage() {
  const { me } = useAccount();
  const isAdmin = me ? roleAtLeast(me.user.role, 'admin') : false;
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<Pattern[]>(['lattice.*', 'job.*']);
  const [description, setDescription] = useState('');
  const [secret, setSecret] = useState('');
  const [created, setCreated] = useState<{ url: string; id: string; secret: string } | null>(null);
  const { busy, error, run } = useAction();
  const pages = useCursorPages<Webhook>((cursor) => call('get', '/api/v1/webhooks', { query: { limit: 20, cursor } }), 'webhooks');

  const create = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const body: RequestBody<'/api/v1/webhooks', 'post'> = {
        url: url.trim(),
        events,
        ...(description.trim() ? { description: description.trim() } : {}),
        ...(secret ? { secret } : {}),
      };
      const { data } = await call('post', '/api/v1/webhooks', { body });
      setCreated({ url: data.url, id: data.id, secret: data.secret });
      setUrl('');
      setSecret('');
      setDescription('');
      pages.reload();
    });
  };

  return (
    <section>
      <h1 tabIndex={-1}>Webhooks</h1>
      <p>
        Each matching event of your organisation is POSTed to the endpoint, signed the Standard Webhooks way with its secret, and retried
        until the receiver answers 2xx.
      </p>
      {isAdmin ? (
        <form onSubmit={create} aria-busy={busy} class="narrow">
          <Field label="Endpoint URL" hint="http(s); private and loopback addresses are refused">
            {({ id, describedBy }) => (
              <input
                id={id}
                type="url"
                required
                maxLength={2048}
                aria-describedby={describedBy}
                placeholder="https://example.com/hooks"
                value={url}
                onInput={(e) => setUrl(e.currentTarget.value)}
              />
            )}
          </Field>
          <fieldset>
            <legend>Events</legend>
            {PATTERNS.map((p) => (
              <label key={p.value} class="choice">
                <input
                  type="checkbox"
                  value={p.value}
                  checked={events.includes(p.value)}
                  onChange={(e) => setEvents(e.currentTarget.checked ? [...events, p.value] : events.filter((x) => x !== p.value))}
                />
                {p.label}
              </label>
            ))}
          </fieldset>
          <Field label="Description" hint="Optional">
            {({ id, describedBy }) => (
              <input
                id={id}
                maxLength={500}
                aria-describedby={describedBy}
                value={description}
                onInput={(e) => setDescription(e.currentTarget.value)}
              />
            )}
          </Field>
          <Field label="Secret" hint="Optional, 8–256 characters; a whsec_ secret is generated when left empty">
            {({ id, describedBy }) => (
              <input
                id={id}
                minLength={8}
                maxLength={256}
                autoComplete="off"
                aria-describedby={describedBy}
                value={secret}
                onInput={(e) => setSecret(e.currentTarget.value)}
              />
            )}
          </Field>
          <button type="submit" class="primary" disabled={busy || events.length === 0}>
            Register endpoint
          </button>
        </form>
      ) : (
        <p>Only admins and owners register, change and delete endpoints.</p>
      )}
      {created && (
        <ShownOnce label="Signing secret" value={created.secret} onDone={() => setCreated(null)}>
          Endpoint <a href={href(`/webhooks/${created.id}`)}>{created.url}</a> registered with this signing secret
        </ShownOnce>
      )}
      <ErrorNotice error={error ?? pages.error} />
      {!pages.loading && pages.items.length === 0 && <p>No endpoints yet.</p>}
      <DataTable caption="Webhook endpoints, newest first" columns={['Endpoint', 'Events', 'State', 'Created']}>
        {pages.items.map((w) => (
          <tr key={w.id} data-webhook-id={w.id}>
            <td>
              <a href={href(`/webhooks/${w.id}`)}>{w.url}</a>
              {w.description && <div class="muted">{w.description}</div>}
            </td>
            <td>{w.events.join(', ')}</td>
            <td>{describeStatus(w)}</td>
            <td>{formatTime(w.created_at)}</td>
          </tr>
        ))}
      </DataTable>
      <Pager label="Webhook endpoints" pages={pages} />
    </section>
  );
}
