import { useState } from 'preact/hooks';
import { call, type Answer } from '../api/client';
import { DataTable } from '../components/data-table';
import { ErrorNotice } from '../components/error-notice';
import { Field } from '../components/field';
import { useAction } from '../components/use-action';
import { Pager } from '../components/pager';
import { ShownOnce } from '../components/shown-once';
import { useCursorPages } from '../components/use-cursor-pages';
import { formatTime } from '../format';

type ApiKey = Answer<'/api/v1/tenants/api-keys', 'get'>[number];
type Scope = ApiKey['scopes'][number];
const SCOPES: Scope[] = ['read', 'write', 'admin'];

export function ApiKeysPage() {
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(['read', 'write']);
  const [days, setDays] = useState('');
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const { busy, error, run } = useAction();
  const pages = useCursorPages<ApiKey>((cursor) => call('get', '/api/v1/tenants/api-keys', { query: { limit: 20, cursor } }), 'keys');

  const create = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const body = { name: name.trim(), scopes, ...(days ? { expires_in_days: Number(days) } : {}) };
      const { data } = await call('post', '/api/v1/tenants/api-keys', { body });
      setCreated({ name: data.name, key: data.key });
      setName('');
      pages.reload();
    });
  };

  const revoke = (key: ApiKey) => {
    if (!confirm(`Revoke the key "${key.name}"? Scripts using it stop working at once.`)) return;
    void run(async () => {
      await call('delete', '/api/v1/tenants/api-keys/{id}', { params: { id: key.id } });
      pages.reload();
    });
  };

  return (
    <section>
      <h1 tabIndex={-1}>API keys</h1>
      <p>Keys let scripts call the API as you, with at most your role. A key is shown once, when it is created.</p>
      <form onSubmit={create} aria-busy={busy} class="narrow">
        <Field label="Name">
          {({ id }) => <input id={id} required maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} />}
        </Field>
        <fieldset>
          <legend>Scopes</legend>
          {SCOPES.map((s) => (
            <label key={s} class="choice">
              <input
                type="checkbox"
                value={s}
                checked={scopes.includes(s)}
                onChange={(e) => setScopes(e.currentTarget.checked ? [...scopes, s] : scopes.filter((x) => x !== s))}
              />
              {s}
            </label>
          ))}
        </fieldset>
        <Field label="Expires after (days)" hint="Optional; never when left empty">
          {({ id, describedBy }) => (
            <input
              id={id}
              type="number"
              min={1}
              aria-describedby={describedBy}
              value={days}
              onInput={(e) => setDays(e.currentTarget.value)}
            />
          )}
        </Field>
        <button type="submit" class="primary" disabled={busy}>
          Create key
        </button>
      </form>
      {created && (
        <ShownOnce label="Your new key" value={created.key} onDone={() => setCreated(null)}>
          Key <strong>{created.name}</strong> created
        </ShownOnce>
      )}
      <ErrorNotice error={error ?? pages.error} />
      <DataTable caption="API keys of your organisation" columns={['Name', 'Prefix', 'Scopes', 'Last used', 'Expires', 'State']}>
        {pages.items.map((k) => (
          <tr key={k.id} data-key-prefix={k.prefix}>
            <td>{k.name}</td>
            <td>
              <code>clc_{k.prefix}</code>
            </td>
            <td>{k.scopes.join(', ')}</td>
            <td>{formatTime(k.last_used_at)}</td>
            <td>{k.expires_at ? formatTime(k.expires_at) : 'never'}</td>
            <td>
              {k.revoked_at ? (
                `revoked ${formatTime(k.revoked_at)}`
              ) : (
                <button type="button" class="danger" onClick={() => revoke(k)} aria-label={`Revoke ${k.name}`}>
                  Revoke
                </button>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      <Pager label="API keys" pages={pages} />
    </section>
  );
}
