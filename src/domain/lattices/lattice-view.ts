import type { LatticeRow } from './lattice-repository.js';
import type { LatticeView } from './lattice-schemas.js';

/** O(d) per row: every figure was computed by the engine when the lattice was created. */
export function latticeView(row: LatticeRow): LatticeView {
  const shape = row.shape;
  const side = shape[0];
  let cubic = true;
  for (let k = 1; k < shape.length; k++) if (shape[k] !== side) cubic = false;
  const view: LatticeView = {
    id: row.id,
    tenant_id: row.tenant_id,
    name: row.name,
    dimensions: shape.length,
    size: cubic ? side : null,
    shape,
    boundary: row.boundary,
    vertices: row.vertices,
    edges: row.edges,
    obstacles: row.obstacles,
    memory: {
      implicit_bytes: row.implicit_bytes,
      explicit_csr_bytes: row.explicit_csr_bytes,
      reduction_factor: row.explicit_csr_bytes / row.implicit_bytes,
    },
    metadata: row.metadata,
    description: row.description,
    allow_cpu_fallback: row.allow_cpu_fallback,
    version: row.version,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
  // Old clients' fields are echoed only when they were sent.
  return Object.assign(view, row.legacy);
}
