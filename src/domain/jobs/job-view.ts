import type { JobRow } from './job-repository.js';
import type { JobView } from './job-schemas.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A job as the API shows it. */
export function jobView(j: JobRow): JobView {
  return {
    id: j.id,
    status: j.status,
    progress: j.progress,
    kind: j.kind,
    operation: j.operation,
    lattice_id: j.lattice_id,
    parameters: j.parameters,
    attempts: j.attempts,
    result: j.result ?? null,
    error: j.error ?? null,
    created_at: j.created_at.toISOString(),
    started_at: iso(j.started_at),
    finished_at: iso(j.finished_at),
    expires_at: iso(j.expires_at),
  };
}
