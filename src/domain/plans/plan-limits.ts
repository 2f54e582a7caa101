import type { Static } from '@sinclair/typebox';
import type { PlanRow } from './plan-repository.js';
import type { PlanLimitsSchema } from './plan-schemas.js';

/** A plan's limits as the API shows them; -1 means unlimited. */
export type PlanLimits = Static<typeof PlanLimitsSchema>;

export function planLimits(p: PlanRow): PlanLimits {
  return {
    lattices: p.max_lattices,
    max_dimensions: p.max_dimensions,
    max_size: p.max_size,
    max_materialized_vertices: Number(p.max_materialized_vertices),
    requests_per_minute: p.requests_per_minute,
    compute_per_minute: p.compute_per_minute,
    monthly_operations: p.monthly_operations,
    gpu_allowed: p.gpu_allowed,
  };
}
