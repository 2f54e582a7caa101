import { useEffect, useState } from 'preact/hooks';
import { call, startSession, type Answer } from '../api/client';
import { ErrorNotice } from '../components/error-notice';
import { Field } from '../components/field';
import { NewPasswordField } from '../components/new-password-field';
import { useAction } from '../components/use-action';
import { formatLimit } from '../format';
import { href, navigate } from '../router/navigation';

type Plan = Answer<'/api/v1/plans', 'get'>[number];

export function SignupPage() {
  const [plans, setPlans] = useState<Plan[]>([]);
  const [form, setForm] = useState({ email: '', password: '', name: '', company_name: '', plan_code: 'free' });
  const { busy, error, setError, run } = useAction();

  useEffect(() => {
    call('get', '/api/v1/plans', { anonymous: true })
      .then((r) => setPlans(r.data))
      .catch(setError);
  }, []);

  const set = (key: keyof typeof form) => (e: { currentTarget: { value: string } }) => setForm({ ...form, [key]: e.currentTarget.value });

  const submit = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const body = { email: form.email, password: form.password, plan_code: form.plan_code, ...(form.name ? { name: form.name } : {}) };
      const { data } = await call('post', '/api/v1/auth/register', {
        body: form.company_name ? { ...body, company_name: form.company_name } : body,
        anonymous: true,
      });
      startSession(data);
      navigate('/lattices/new', { replace: true });
    });
  };

  const chosen = plans.find((p) => p.code === form.plan_code);
  return (
    <section class="narrow">
      <h1 tabIndex={-1}>Sign up</h1>
      <p>Creates your organisation (a tenant) with you as its owner.</p>
      <form onSubmit={submit} aria-busy={busy}>
        <Field label="Email">
          {({ id }) => <input id={id} type="email" autoComplete="email" required value={form.email} onInput={set('email')} />}
        </Field>
        <NewPasswordField label="Password" value={form.password} onInput={(password) => setForm({ ...form, password })} />
        <Field label="Your name" hint="Optional; the part of your email before @ when left empty.">
          {({ id, describedBy }) => (
            <input id={id} autoComplete="name" aria-describedby={describedBy} value={form.name} onInput={set('name')} />
          )}
        </Field>
        <Field label="Organisation" hint="Optional.">
          {({ id, describedBy }) => (
            <input
              id={id}
              autoComplete="organization"
              aria-describedby={describedBy}
              value={form.company_name}
              onInput={set('company_name')}
            />
          )}
        </Field>
        <Field
          label="Plan"
          hint={
            chosen &&
            `${formatLimit(chosen.limits.lattices)} lattices, up to ${formatLimit(chosen.limits.max_dimensions)} dimensions, ${formatLimit(chosen.limits.compute_per_minute)} operations a minute.`
          }
        >
          {({ id, describedBy }) => (
            <select id={id} aria-describedby={describedBy} value={form.plan_code} onChange={set('plan_code')}>
              {(plans.length ? plans : [{ code: 'free', name: 'Free' }]).map((p) => (
                <option key={p.code} value={p.code}>
                  {p.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <ErrorNotice error={error} />
        <button type="submit" class="primary" disabled={busy}>
          Create account
        </button>
      </form>
      <p>
        Already have an account? <a href={href('/login')}>Log in</a>.
      </p>
    </section>
  );
}
