import { useState } from 'preact/hooks';
import { call, startSession } from '../api/client';
import { ErrorNotice } from '../components/error-notice';
import { Field } from '../components/field';
import { useAction } from '../components/use-action';
import { href, navigate, useLocation } from '../router/navigation';

export function LoginPage() {
  const { search } = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();

  const submit = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const { data } = await call('post', '/api/v1/auth/login', { body: { email, password }, anonymous: true });
      startSession(data);
      navigate(safeNext(search.get('next')), { replace: true });
    });
  };

  return (
    <section class="narrow">
      <h1 tabIndex={-1}>Log in</h1>
      <form onSubmit={submit} aria-busy={busy}>
        <Field label="Email">
          {({ id }) => (
            <input id={id} type="email" autoComplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
          )}
        </Field>
        <Field label="Password">
          {({ id }) => (
            <input
              id={id}
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          )}
        </Field>
        <ErrorNotice error={error} />
        <button type="submit" class="primary" disabled={busy}>
          Log in
        </button>
      </form>
      <p>
        New here? <a href={href('/signup')}>Sign up</a>. Forgot your password? <a href={href('/reset-password')}>Reset it</a>.
      </p>
    </section>
  );
}

/** Only a path inside the console may be a redirect target after logging in. */
export function safeNext(next: string | null): string {
  return next && /^\/[a-z]/.test(next) && !next.startsWith('//') ? next : '/lattices';
}
