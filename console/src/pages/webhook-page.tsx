import { useCallback, useEffect, useState } from 'preact/hooks';
import { call, type Answer } from '../api/client';
import { DataTable } from '../components/data-table';
import { ErrorNotice } from '../components/error-notice';
import { Field } from '../components/field';
import { Pager } from '../components/pager';
import { ShownOnce } from '../components/shown-once';
import { useAction } from '../components/use-action';
import { useCursorPages } from '../components/use-cursor-pages';
import { formatTime } from '../format';
import { href, navigate } from '../router/navigation';
import { roleAtLeast, useAccount } from '../session/account';
import { describeStatus, type Webhook } from './webhooks-page';

type Delivery = Answer<'/api/v1/webhooks/{id}/deliveries', 'get'>[number];
type DeliveryStatus = Delivery['status'];
const STATUSES: DeliveryStatus[] = ['pending', 'succeeded', 'failed', 'dead'];
/** The delivery log refreshes itself this often while something is still pending or failing. */
const POLL_MS = 2000;
const FOLLOW_MS = 30_000;

/** One endpoint: its settings, test / rotate / pause / delete, and its delivery log with redelivery. */
export function WebhookPage({ params }: { params: Record<string, string> }) {
  const id = params.id;
  const { me } = useAccount();
  const isAdmin = me ? roleAtLeast(me.user.role, 'admin') : false;
  const [webhook, setWebhook] = useState<Webhook | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [filter, setFilter] = useState<DeliveryStatus | ''>('');
  const [notice, setNotice] = useState<string | null>(null);
  const [rotated, setRotated] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const pages = useCursorPages<Delivery>(
    (cursor) =>
      call('get', '/api/v1/webhooks/{id}/deliveries', { params: { id }, query: { limit: 25, cursor, status: filter || undefined } }),
    `${id}:${filter}`,
  );

  const load = useCallback(async () => {
    try {
      setWebhook((await call('get', '/api/v1/webhooks/{id}', { params: { id } })).data);
      setLoadError(null);
    } catch (err) {
      setLoadError(err);
    }
  }, [id]);
  useEffect(() => void load(), [load]);

  // Deliveries in flight change on their own: follow them until none is. A test event or a retry is
  // followed for FOLLOW_MS even before its delivery row shows up (the worker fans events out shortly after).
  const [followUntil, setFollowUntil] = useState(0);
  const inFlight = pages.items.some((d) => d.status === 'pending' || d.status === 'failed');
  useEffect(() => {
    if (!inFlight && followUntil <= Date.now()) return;
    const timer = setInterval(() => {
      if (!inFlight && followUntil <= Date.now()) clearInterval(timer);
      else pages.reload();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [inFlight, followUntil]);

  const act = (what: () => Promise<unknown>, done: string) =>
    run(async () => {
      setNotice(null);
      await what();
      setNotice(done);
      setFollowUntil(Date.now() + FOLLOW_MS);
      pages.reload();
    });

  const sendTest = () =>
    act(() => call('post', '/api/v1/webhooks/{id}/test', { params: { id } }), 'A webhook.test event is on its way; it appears below.');
  const setActive = (active: boolean) =>
    act(
      async () => {
        setWebhook((await call('patch', '/api/v1/webhooks/{id}', { params: { id }, body: { active } })).data);
      },
      `Endpoint ${active ? 'resumed: waiting deliveries go out now' : 'paused: events wait until it is resumed'}.`,
    );
  const rotate = () => {
    if (!confirm('Rotate the signing secret? The old one keeps signing beside the new one for the overlap period.')) return;
    void act(async () => {
      const { data } = await call('post', '/api/v1/webhooks/{id}/rotate-secret', { params: { id }, body: {} });
      setRotated(data.secret);
      await load();
    }, 'Secret rotated.');
  };
  const remove = () => {
    if (!confirm(`Delete the endpoint ${webhook?.url ?? ''} and its delivery log?`)) return;
    void run(async () => {
      await call('delete', '/api/v1/webhooks/{id}', { params: { id } });
      navigate('/webhooks');
    });
  };
  const retry = (d: Delivery) =>
    act(
      () => call('post', '/api/v1/webhooks/{id}/deliveries/{delivery_id}/retry', { params: { id, delivery_id: d.id } }),
      `Delivery of ${d.event} queued again with the same webhook-id.`,
    );

  if (loadError) {
    return (
      <section>
        <h1 tabIndex={-1}>Webhook endpoint</h1>
        <ErrorNotice error={loadError} />
        <p>
          <a href={href('/webhooks')}>All endpoints</a>
        </p>
      </section>
    );
  }
  return (
    <section>
      <h1 tabIndex={-1}>Webhook endpoint</h1>
      <p>
        <a href={href('/webhooks')}>All endpoints</a>
      </p>
      {webhook && (
        <dl class="summary">
          <dt>URL</dt>
          <dd>
            <code>{webhook.url}</code>
          </dd>
          {webhook.description && (
            <>
              <dt>Description</dt>
              <dd>{webhook.description}</dd>
            </>
          )}
          <dt>Events</dt>
          <dd>{webhook.events.join(', ')}</dd>
          <dt>State</dt>
          <dd data-webhook-state={webhook.status}>{describeStatus(webhook)}</dd>
          <dt>Retries</dt>
          <dd>
            up to {webhook.retry_config.max_retries} retries, backoff from {webhook.retry_config.retry_delay_seconds} s
          </dd>
          {webhook.previous_secret_expires_at && (
            <>
              <dt>Previous secret</dt>
              <dd>still signs until {formatTime(webhook.previous_secret_expires_at)}</dd>
            </>
          )}
        </dl>
      )}
      {isAdmin && webhook && (
        <div class="actions" role="group" aria-label="Endpoint actions">
          <button type="button" onClick={() => void sendTest()} disabled={busy}>
            Send test event
          </button>{' '}
          <button type="button" onClick={() => void setActive(webhook.status !== 'active')} disabled={busy}>
            {webhook.status === 'active' ? 'Pause' : 'Resume'}
          </button>{' '}
          <button type="button" onClick={rotate} disabled={busy}>
            Rotate secret
          </button>{' '}
          <button type="button" class="danger" onClick={remove} disabled={busy}>
            Delete endpoint
          </button>
        </div>
      )}
      {rotated && (
        <ShownOnce label="New signing secret" value={rotated} onDone={() => setRotated(null)}>
          New signing secret made
        </ShownOnce>
      )}
      {notice && (
        <p class="notice notice-success" role="status">
          {notice}
        </p>
      )}
      <ErrorNotice error={error ?? pages.error} />
      <h2>Deliveries</h2>
      <form class="inline-form" onSubmit={(e) => e.preventDefault()}>
        <Field label="Status">
          {({ id: fieldId }) => (
            <select id={fieldId} value={filter} onChange={(e) => setFilter(e.currentTarget.value as DeliveryStatus | '')}>
              <option value="">any</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="button" onClick={pages.reload}>
          Refresh
        </button>
      </form>
      {!pages.loading && pages.items.length === 0 && <p>No deliveries{filter ? ` ${filter}` : ''} yet.</p>}
      <DataTable
        caption="Deliveries, newest first"
        columns={['Created', 'Event', 'Status', 'Attempts', 'Response', 'Last error', 'Next attempt', 'Delivered', '']}
      >
        {pages.items.map((d) => (
          <tr key={d.id} data-delivery-id={d.id} data-delivery-status={d.status}>
            <td>{formatTime(d.created_at)}</td>
            <td>
              {d.event}
              <div class="muted">
                <code>{d.event_id}</code>
              </div>
            </td>
            <td>{d.status}</td>
            <td>{d.attempts}</td>
            <td>{d.response_status ?? '—'}</td>
            <td>{d.last_error ?? '—'}</td>
            <td>{formatTime(d.next_attempt_at)}</td>
            <td>{formatTime(d.delivered_at)}</td>
            <td>
              {isAdmin && (d.status === 'dead' || d.status === 'failed') && (
                <button type="button" onClick={() => void retry(d)} disabled={busy} aria-label={`Retry the ${d.event} delivery now`}>
                  Retry
                </button>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      <Pager label="Deliveries" pages={pages} />
    </section>
  );
}
