import { useEffect, useRef, useState } from 'preact/hooks';
import { call, type Answer } from '../api/client';
import { ErrorNotice } from '../components/error-notice';
import { formatTime } from '../format';

export type Job = Answer<'/api/v1/jobs/{id}', 'get'>;

const POLL_MS = 750;
export const isFinished = (status: Job['status']): boolean => status === 'succeeded' || status === 'failed' || status === 'cancelled';

/**
 * A job's live state: polled until it finishes, with a progress bar and a
 * cancel button. `onFinished` gets the final job once.
 */
export function JobCard({ jobId, title, onFinished }: { jobId: string; title: string; onFinished?: (job: Job) => void }) {
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [cancelling, setCancelling] = useState(false);
  const finished = useRef(onFinished);
  finished.current = onFinished;

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const { data } = await call('get', '/api/v1/jobs/{id}', { params: { id: jobId } });
        if (!live) return;
        setJob(data);
        setError(null);
        if (isFinished(data.status)) return finished.current?.(data);
      } catch (err) {
        if (!live) return;
        setError(err);
      }
      timer = setTimeout(poll, POLL_MS);
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [jobId]);

  const cancel = async () => {
    setCancelling(true);
    try {
      setJob((await call('delete', '/api/v1/jobs/{id}', { params: { id: jobId } })).data);
    } catch (err) {
      setError(err);
    } finally {
      setCancelling(false);
    }
  };

  const percent = Math.round((job?.progress ?? 0) * 100);
  const status = job?.status ?? 'queued';
  return (
    <div class={`job job-${status}`} data-job-id={jobId} data-status={status}>
      <div class="job-head">
        <strong>{title}</strong> <span class="badge">{status}</span>
      </div>
      <label class="job-progress">
        <span class="visually-hidden">Progress of {title}</span>
        <progress max={100} value={percent} />
        <span>{percent}%</span>
      </label>
      <p class="muted">
        Job {jobId.slice(0, 8)} · created {formatTime(job?.created_at)}
        {job?.finished_at && ` · finished ${formatTime(job.finished_at)}`}
      </p>
      {job?.error && (
        <p class="notice notice-error" role="alert">
          {job.error.detail}
        </p>
      )}
      {!isFinished(status) && (
        <button type="button" onClick={cancel} disabled={cancelling}>
          Cancel job
        </button>
      )}
      <ErrorNotice error={error} />
    </div>
  );
}
