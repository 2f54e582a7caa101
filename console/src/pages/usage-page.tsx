import { useEffect, useState } from 'preact/hooks';
import { call, type Answer } from '../api/client';
import { ErrorNotice } from '../components/error-notice';
import { Field } from '../components/field';
import { formatCount, formatLimit } from '../format';
import { roleAtLeast, useAccount } from '../session/account';

type Usage = Answer<'/api/v1/tenants/usage', 'get'>;
type Plan = Answer<'/api/v1/plans', 'get'>[number];

function Meter({ label, used, limit }: { label: string; used: number; limit: number }) {
  const unlimited = limit < 0;
  return (
    <div class="meter-row">
      <span>{label}</span>
      {unlimited ? (
        <span>{formatCount(used)} (unlimited)</span>
      ) : (
        <label>
          <span class="visually-hidden">{label} used</span>
          <meter min={0} max={Math.max(1, limit)} low={limit * 0.7} high={limit * 0.9} optimum={0} value={used} />
          <span>
            {formatCount(used)} of {formatCount(limit)}
          </span>
        </label>
      )}
    </div>
  );
}

export function UsagePage() {
  const { me, reload } = useAccount();
  const [usage, setUsage] = useState<Usage | null>(null);
  const [plans, setPlans] = useState<Plan[]>([]);
  const [plan, setPlan] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = () => {
    call('get', '/api/v1/tenants/usage').then((r) => {
      setUsage(r.data);
      setPlan(r.data.plan_code);
    }, setError);
  };
  useEffect(() => {
    load();
    call('get', '/api/v1/plans').then((r) => setPlans(r.data), setError);
  }, []);

  const change = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      await call('put', '/api/v1/tenants/subscription', { body: { plan_code: plan } });
      setNotice(`Plan changed to ${plans.find((p) => p.code === plan)?.name ?? plan}.`);
      load();
      await reload();
    } catch (err) {
      setError(err);
    }
  };

  const l = usage?.limits;
  return (
    <section>
      <h1 tabIndex={-1}>Usage and plan</h1>
      <ErrorNotice error={error} />
      {usage && l && (
        <>
          <p>
            Plan <strong>{plans.find((p) => p.code === usage.plan_code)?.name ?? usage.plan_code}</strong>, period {usage.period}.
          </p>
          <div class="meters">
            <Meter label="Operations this month" used={usage.usage.operations.used} limit={usage.usage.operations.limit} />
            <Meter label="Lattices" used={usage.usage.lattices.used} limit={usage.usage.lattices.limit} />
          </div>
          <h2>Limits of the plan</h2>
          <dl class="summary">
            {(
              [
                ['Dimensions', formatLimit(l.max_dimensions)],
                ['Points per side', formatLimit(l.max_size)],
                ['Vertices one operation may hold', formatLimit(l.max_materialized_vertices)],
                ['Requests per minute', formatLimit(l.requests_per_minute)],
                ['Operations per minute', formatLimit(l.compute_per_minute)],
                ['GPU', l.gpu_allowed ? 'allowed' : 'not included'],
              ] as const
            ).map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      {me && roleAtLeast(me.user.role, 'admin') && plans.length > 0 && (
        <form class="inline-form" onSubmit={change}>
          <Field label="Change plan">
            {({ id }) => (
              <select id={id} value={plan} onChange={(e) => setPlan(e.currentTarget.value)}>
                {plans.map((p) => (
                  <option key={p.code} value={p.code}>
                    {p.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit">Change plan</button>
        </form>
      )}
      {notice && (
        <p class="notice notice-success" role="status">
          {notice}
        </p>
      )}
    </section>
  );
}
