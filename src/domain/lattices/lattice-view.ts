import type { Boundary, ObstacleSpec } from '../../engine/lattice.js';
import type { LatticeRow } from './lattice-repository.js';
import type { LegacyFields } from './lattice-validation.js';

/** A lattice as the API shows it. */
export interface LatticeView extends LegacyFields {
  id: string;
  tenant_id: string;
  name: string;
  dimensions: number;
  /** The side length when every side is equal; null for a non-cubic shape. */
  size: number | null;
  shape: number[];
  boundary: Boundary;
  vertices: number;
  /** Edges of the obstacle-free grid (analyze counts those between free vertices). */
  edges: number;
  obstacles: ObstacleSpec | null;
  memory: { implicit_bytes: number; explicit_csr_bytes: number; reduction_factor: number };
  metadata: Record<string, unknown>;
  version: number;
  created_at: string;
  updated_at: string;
}

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
    version: row.version,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
  // Old clients' fields are echoed only when they were sent.
  return Object.assign(view, row.legacy);
}
