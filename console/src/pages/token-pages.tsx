import { useEffect, useState } from 'preact/hooks';
import { call, startSession } from '../api/client';
import { ErrorNotice } from '../components/error-notice';
import { Field } from '../components/field';
import { NewPasswordField } from '../components/new-password-field';
import { useAction } from '../components/use-action';
import { href, navigate, useLocation } from '../router/navigation';

/*
 * The pages the account mails link to (PUBLIC_URL/accept-invitation,
 * /reset-password, /verify-email redirect here with their ?token=).
 */

export function AcceptInvitationPage() {
  const token = useLocation().search.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      const { data } = await call('post', '/api/v1/auth/accept-invitation', {
        body: { token, password, ...(name ? { name } : {}) },
        anonymous: true,
      });
      startSession(data);
      navigate('/lattices', { replace: true });
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section class="narrow">
      <h1 tabIndex={-1}>Join your organisation</h1>
      {!token && <p class="notice notice-error">This link has no invitation token: open the link from the invitation mail.</p>}
      <form onSubmit={submit}>
        <Field label="Your name" hint="Optional">
          {({ id, describedBy }) => (
            <input
              id={id}
              autoComplete="name"
              aria-describedby={describedBy}
              value={name}
              onInput={(e) => setName(e.currentTarget.value)}
            />
          )}
        </Field>
        <NewPasswordField label="Choose a password" value={password} onInput={setPassword} />
        <ErrorNotice error={error} />
        <button type="submit" class="primary" disabled={!token}>
          Accept invitation
        </button>
      </form>
    </section>
  );
}

export function ResetPasswordPage() {
  const token = useLocation().search.get('token');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const { error, run } = useAction();
  const submit = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const { data } = token
        ? await call('post', '/api/v1/auth/password-reset/confirm', { body: { token, new_password: password }, anonymous: true })
        : await call('post', '/api/v1/auth/password-reset', { body: { email }, anonymous: true });
      setDone(data.message);
    });
  };
  return (
    <section class="narrow">
      <h1 tabIndex={-1}>Reset your password</h1>
      {done ? (
        <p class="notice notice-success" role="status">
          {done} {token && <a href={href('/login')}>Log in</a>}
        </p>
      ) : (
        <form onSubmit={submit}>
          {token ? (
            <NewPasswordField label="New password" value={password} onInput={setPassword} />
          ) : (
            <Field label="Email" hint="We mail you a link that works once, for an hour.">
              {({ id, describedBy }) => (
                <input
                  id={id}
                  type="email"
                  required
                  aria-describedby={describedBy}
                  value={email}
                  onInput={(e) => setEmail(e.currentTarget.value)}
                />
              )}
            </Field>
          )}
          <ErrorNotice error={error} />
          <button type="submit" class="primary">
            {token ? 'Set the new password' : 'Mail me a link'}
          </button>
        </form>
      )}
    </section>
  );
}

export function VerifyEmailPage() {
  const token = useLocation().search.get('token') ?? '';
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!token) return;
    call('post', '/api/v1/auth/verify-email', { body: { token }, anonymous: true }).then((r) => setMessage(r.data.message), setError);
  }, [token]);
  return (
    <section class="narrow">
      <h1 tabIndex={-1}>Email address</h1>
      {!token && <p class="notice notice-error">This link has no token: open the link from the mail.</p>}
      {message && (
        <p class="notice notice-success" role="status">
          {message}
        </p>
      )}
      <ErrorNotice error={error} />
      <p>
        <a href={href('/lattices')}>Go to your lattices</a>
      </p>
    </section>
  );
}

export function NotFoundPage() {
  return (
    <section class="narrow">
      <h1 tabIndex={-1}>Page not found</h1>
      <p>
        Nothing here. <a href={href('/lattices')}>Go to your lattices</a>.
      </p>
    </section>
  );
}
