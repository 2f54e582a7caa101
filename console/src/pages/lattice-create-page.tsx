import { useEffect, useState } from 'preact/hooks';
import { call, type Answer, type RequestBody } from '../api/client';
import { ErrorNotice } from '../components/error-notice';
import { Field } from '../components/field';
import { useAction } from '../components/use-action';
import { formatCount, formatLimit } from '../format';
import { parseCoordinateList, parseIntegers } from '../lattice-view/parse-coordinates';
import { navigate } from '../router/navigation';
import { useAccount } from '../session/account';

type Usage = Answer<'/api/v1/tenants/usage', 'get'>;
type ObstacleKind = 'none' | 'density' | 'coordinates';

export function LatticeCreatePage() {
  const { me } = useAccount();
  const [usage, setUsage] = useState<Usage | null>(null);
  const [name, setName] = useState('');
  const [shapeText, setShapeText] = useState('64, 64');
  const [boundary, setBoundary] = useState<'open' | 'periodic'>('open');
  const [obstacleKind, setObstacleKind] = useState<ObstacleKind>('density');
  const [density, setDensity] = useState('0.25');
  const [seed, setSeed] = useState('7');
  const [coordinates, setCoordinates] = useState('');
  const { busy, error, setError, run } = useAction();

  useEffect(() => {
    call('get', '/api/v1/tenants/usage').then((r) => setUsage(r.data), setError);
  }, []);

  const limits = me?.limits;
  const shape = parseIntegers(shapeText, 'Shape');
  const vertices = shape.ok ? shape.value.reduce((a, b) => a * b, 1) : null;

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    if (!shape.ok) return setError(new Error(shape.message));
    let obstacles: RequestBody<'/api/v1/lattices', 'post'>['obstacles'] = null;
    if (obstacleKind === 'density') obstacles = { density: Number(density), seed: Number(seed) };
    if (obstacleKind === 'coordinates') {
      const list = parseCoordinateList(coordinates, shape.value.length, 'Obstacle');
      if (!list.ok) return setError(new Error(list.message));
      obstacles = { coordinates: list.value };
    }
    await run(async () => {
      const body = { shape: shape.value, boundary, obstacles, ...(name.trim() ? { name: name.trim() } : {}) };
      const { data } = await call('post', '/api/v1/lattices', { body });
      navigate(`/lattices/${data.id}`);
    });
  };

  return (
    <section class="narrow">
      <h1 tabIndex={-1}>New lattice</h1>
      {limits && (
        <aside class="limits" aria-label="Your plan's limits">
          <h2>Plan {me?.plan.name}</h2>
          <ul>
            <li>
              Lattices: {usage ? formatCount(usage.usage.lattices.used) : '…'} of {formatLimit(limits.lattices)}
            </li>
            <li>Dimensions: up to {formatLimit(limits.max_dimensions)}</li>
            <li>Points per side: up to {formatLimit(limits.max_size)}</li>
            <li>Vertices an operation may hold in memory: {formatLimit(limits.max_materialized_vertices)}</li>
          </ul>
        </aside>
      )}
      <form onSubmit={submit} aria-busy={busy}>
        <Field label="Name" hint="Optional: letters, digits, spaces and _-.,:()#+ (1–100 characters).">
          {({ id, describedBy }) => (
            <input id={id} maxLength={100} aria-describedby={describedBy} value={name} onInput={(e) => setName(e.currentTarget.value)} />
          )}
        </Field>
        <Field
          label="Shape (points per side)"
          hint={
            shape.ok
              ? `${shape.value.length} dimension${shape.value.length === 1 ? '' : 's'}, ${formatCount(vertices ?? 0)} vertices`
              : shape.message
          }
        >
          {({ id, describedBy }) => (
            <input
              id={id}
              required
              inputMode="numeric"
              aria-describedby={describedBy}
              value={shapeText}
              onInput={(e) => setShapeText(e.currentTarget.value)}
            />
          )}
        </Field>
        <fieldset>
          <legend>Boundary</legend>
          {(['open', 'periodic'] as const).map((b) => (
            <label key={b} class="choice">
              <input type="radio" name="boundary" value={b} checked={boundary === b} onChange={() => setBoundary(b)} />
              {b === 'open' ? 'Open (sides end)' : 'Periodic (sides wrap: a torus)'}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Obstacles</legend>
          {(
            [
              ['none', 'None'],
              ['density', 'Random, by density and seed'],
              ['coordinates', 'Listed coordinates'],
            ] as const
          ).map(([k, label]) => (
            <label key={k} class="choice">
              <input type="radio" name="obstacles" value={k} checked={obstacleKind === k} onChange={() => setObstacleKind(k)} />
              {label}
            </label>
          ))}
          {obstacleKind === 'density' && (
            <div class="row">
              <Field label="Density" hint="Fraction blocked, 0 to below 1">
                {({ id, describedBy }) => (
                  <input
                    id={id}
                    type="number"
                    min={0}
                    max={0.99}
                    step="any"
                    required
                    aria-describedby={describedBy}
                    value={density}
                    onInput={(e) => setDensity(e.currentTarget.value)}
                  />
                )}
              </Field>
              <Field label="Seed" hint="Chooses which vertices">
                {({ id, describedBy }) => (
                  <input
                    id={id}
                    type="number"
                    step={1}
                    required
                    aria-describedby={describedBy}
                    value={seed}
                    onInput={(e) => setSeed(e.currentTarget.value)}
                  />
                )}
              </Field>
            </div>
          )}
          {obstacleKind === 'coordinates' && (
            <Field label="Blocked vertices" hint="One per line, e.g. 3, 4">
              {({ id, describedBy }) => (
                <textarea
                  id={id}
                  rows={5}
                  aria-describedby={describedBy}
                  value={coordinates}
                  onInput={(e) => setCoordinates(e.currentTarget.value)}
                />
              )}
            </Field>
          )}
        </fieldset>
        <ErrorNotice error={error} />
        <button type="submit" class="primary" disabled={busy}>
          Create lattice
        </button>
      </form>
    </section>
  );
}
