import { call, type Answer } from '../api/client';
import { DataTable } from '../components/data-table';
import { ErrorNotice } from '../components/error-notice';
import { Pager } from '../components/pager';
import { useCursorPages } from '../components/use-cursor-pages';
import { formatTime } from '../format';
import { isFinished, JobCard } from '../operations/job-card';
import { href } from '../router/navigation';

type Job = Answer<'/api/v1/jobs', 'get'>[number];

/** Every job of the organisation: the running ones live, with cancel; the rest as a list. */
export function JobsPage() {
  const pages = useCursorPages<Job>((cursor) => call('get', '/api/v1/jobs', { query: { limit: 25, cursor } }), 'jobs');
  const running = pages.items.filter((j) => !isFinished(j.status));
  return (
    <section>
      <h1 tabIndex={-1}>Jobs</h1>
      <ErrorNotice error={pages.error} />
      {running.map((j) => (
        <JobCard key={j.id} jobId={j.id} title={`${j.operation} job`} onFinished={pages.reload} />
      ))}
      {!pages.loading && pages.items.length === 0 && <p>No jobs yet. Operations run as jobs when they are large, or when you ask.</p>}
      <DataTable caption="Jobs, newest first" columns={['Created', 'Operation', 'Lattice', 'Status', 'Finished']}>
        {pages.items.map((j) => (
          <tr key={j.id} data-job-id={j.id}>
            <td>{formatTime(j.created_at)}</td>
            <td>{j.operation}</td>
            <td>{j.lattice_id ? <a href={href(`/lattices/${j.lattice_id}`)}>{j.lattice_id.slice(0, 8)}</a> : '—'}</td>
            <td>
              {j.status}
              {j.error ? `: ${j.error.detail}` : ''}
            </td>
            <td>{formatTime(j.finished_at)}</td>
          </tr>
        ))}
      </DataTable>
      <Pager label="Jobs" pages={pages} />
    </section>
  );
}
