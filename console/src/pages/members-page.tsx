import { useState } from 'preact/hooks';
import { call, type Answer } from '../api/client';
import { DataTable } from '../components/data-table';
import { ErrorNotice } from '../components/error-notice';
import { Field } from '../components/field';
import { Pager } from '../components/pager';
import { useCursorPages } from '../components/use-cursor-pages';
import { formatTime } from '../format';
import { roleAtLeast, useAccount } from '../session/account';

type Member = Answer<'/api/v1/tenants/users', 'get'>[number];
type InviteRole = 'admin' | 'member' | 'viewer';
const ROLES: Member['role'][] = ['owner', 'admin', 'member', 'viewer'];

export function MembersPage() {
  const { me } = useAccount();
  const isAdmin = me ? roleAtLeast(me.user.role, 'admin') : false;
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<InviteRole>('member');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const pages = useCursorPages<Member>((cursor) => call('get', '/api/v1/tenants/users', { query: { limit: 50, cursor } }), 'members');

  const act = async (what: () => Promise<unknown>, done: string) => {
    setError(null);
    setNotice(null);
    try {
      await what();
      setNotice(done);
      pages.reload();
    } catch (err) {
      setError(err);
    }
  };

  const invite = (event: Event) => {
    event.preventDefault();
    void act(async () => {
      await call('post', '/api/v1/tenants/users', { body: { email: email.trim(), role } });
      setEmail('');
    }, `Invitation sent to ${email.trim()}.`);
  };
  const update = (m: Member, body: { role?: Member['role']; status?: 'active' | 'deactivated' }, done: string) =>
    act(() => call('patch', '/api/v1/tenants/users/{id}', { params: { id: m.id }, body }), done);
  const remove = (m: Member) => {
    if (confirm(`Remove ${m.email} from the organisation?`))
      void act(() => call('delete', '/api/v1/tenants/users/{id}', { params: { id: m.id } }), `${m.email} removed.`);
  };

  const pending = pages.items.filter((m) => m.status === 'invited').length;
  return (
    <section>
      <h1 tabIndex={-1}>Members</h1>
      {isAdmin ? (
        <form class="inline-form" onSubmit={invite}>
          <Field label="Invite by email">
            {({ id }) => <input id={id} type="email" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />}
          </Field>
          <Field label="Role">
            {({ id }) => (
              <select id={id} value={role} onChange={(e) => setRole(e.currentTarget.value as InviteRole)}>
                <option value="admin">admin</option>
                <option value="member">member (read and write)</option>
                <option value="viewer">viewer (read only)</option>
              </select>
            )}
          </Field>
          <button type="submit" class="primary">
            Send invitation
          </button>
        </form>
      ) : (
        <p>Only admins and owners invite people and change roles.</p>
      )}
      {notice && (
        <p class="notice notice-success" role="status">
          {notice}
        </p>
      )}
      <ErrorNotice error={error ?? pages.error} />
      {pending > 0 && (
        <p>
          {pending} invitation{pending === 1 ? '' : 's'} not yet accepted.
        </p>
      )}
      <DataTable
        caption="Members and invitations"
        columns={['Email', 'Name', 'Role', 'Status', 'Last login'].concat(isAdmin ? ['Actions'] : [])}
      >
        {pages.items.map((m) => {
          const self = m.id === me?.user.id;
          return (
            <tr key={m.id}>
              <td>{m.email}</td>
              <td>{m.name}</td>
              <td>
                {isAdmin && !self ? (
                  <select
                    aria-label={`Role of ${m.email}`}
                    value={m.role}
                    onChange={(e) =>
                      void update(m, { role: e.currentTarget.value as Member['role'] }, `${m.email} is now ${e.currentTarget.value}.`)
                    }
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </select>
                ) : (
                  m.role
                )}
              </td>
              <td>{m.status === 'invited' ? 'invitation sent' : m.status}</td>
              <td>{formatTime(m.last_login_at)}</td>
              {isAdmin && (
                <td class="actions">
                  {!self && m.status === 'active' && (
                    <button type="button" onClick={() => void update(m, { status: 'deactivated' }, `${m.email} deactivated.`)}>
                      Deactivate
                    </button>
                  )}
                  {!self && m.status === 'deactivated' && (
                    <button type="button" onClick={() => void update(m, { status: 'active' }, `${m.email} reactivated.`)}>
                      Reactivate
                    </button>
                  )}
                  {!self && (
                    <button type="button" class="danger" onClick={() => remove(m)} aria-label={`Remove ${m.email}`}>
                      Remove
                    </button>
                  )}
                </td>
              )}
            </tr>
          );
        })}
      </DataTable>
      <Pager label="Members" pages={pages} />
    </section>
  );
}
