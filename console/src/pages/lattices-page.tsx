import { useState } from 'preact/hooks';
import { call, type Answer } from '../api/client';
import { DataTable } from '../components/data-table';
import { ErrorNotice } from '../components/error-notice';
import { Field } from '../components/field';
import { Pager } from '../components/pager';
import { useCursorPages } from '../components/use-cursor-pages';
import { formatCount, formatShape, formatTime } from '../format';
import { href } from '../router/navigation';

type Lattice = Answer<'/api/v1/lattices', 'get'>[number];
const PAGE_SIZE = 20;

export function describeObstacles(o: Lattice['obstacles']): string {
  if (o === null) return 'none';
  if ('coordinates' in o) return `${o.coordinates.length} listed`;
  return `density ${o.density}, seed ${o.seed ?? 0}`;
}

export function LatticesPage() {
  const [name, setName] = useState('');
  const [filter, setFilter] = useState('');
  const pages = useCursorPages<Lattice>(
    (cursor) => call('get', '/api/v1/lattices', { query: { limit: PAGE_SIZE, cursor, name: filter || undefined } }),
    filter,
  );

  return (
    <section>
      <div class="page-head">
        <h1 tabIndex={-1}>Lattices</h1>
        <a class="button primary" href={href('/lattices/new')}>
          New lattice
        </a>
      </div>
      <form
        class="inline-form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter(name.trim());
        }}
      >
        <Field label="Name contains">
          {({ id }) => <input id={id} type="search" value={name} onInput={(e) => setName(e.currentTarget.value)} />}
        </Field>
        <button type="submit">Search</button>
      </form>
      <ErrorNotice error={pages.error} />
      {!pages.loading && pages.items.length === 0 && !pages.error && (
        <p>{filter ? `No lattice has "${filter}" in its name.` : 'No lattices yet: create one to start computing.'}</p>
      )}
      {pages.items.length > 0 && (
        <DataTable caption="Your lattices" columns={['Name', 'Shape', 'Boundary', 'Obstacles', 'Vertices', 'Created']}>
          {pages.items.map((l) => (
            <tr key={l.id}>
              <td>
                <a href={href(`/lattices/${l.id}`)}>{l.name}</a>
              </td>
              <td>{formatShape(l.shape)}</td>
              <td>{l.boundary}</td>
              <td>{describeObstacles(l.obstacles)}</td>
              <td class="num">{formatCount(l.vertices)}</td>
              <td>{formatTime(l.created_at)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pager label="Lattices" pages={pages} />
    </section>
  );
}
