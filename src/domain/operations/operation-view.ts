import type { OperationView } from './operation-history-schemas.js';
import type { OperationRow } from './operation-repository.js';

/** One entry of a lattice's operation history as the API shows it. */
export function operationView(r: OperationRow): OperationView {
  const transformationType = r.type === 'transform' ? r.parameters.transformation_type : undefined;
  return {
    id: r.id,
    operation_id: r.id,
    lattice_id: r.lattice_id,
    type: r.type,
    ...(typeof transformationType === 'string' ? { transformation_type: transformationType } : {}),
    status: r.status,
    parameters: r.parameters,
    result_summary: r.result_summary,
    backend: r.backend,
    gpu_used: r.gpu_used,
    fallback_reason: r.fallback_reason,
    cached: r.cached,
    execution_time_ms: r.execution_time_ms,
    actor_id: r.actor_id,
    actor_type: r.actor_type,
    job_id: r.job_id,
    created_at: r.created_at,
  };
}
